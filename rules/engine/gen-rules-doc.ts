// Node-only script behind `npm run docs:rules` (never imported by rules, so the browser bundle stays node-free):
// writes docs/rules.md from rule meta; `--check` exits 1 when the file is out of date.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ALL_PACKS } from '../index.js';
import { renderRulesDoc } from './rules-doc.js';

export const RULES_DOC_PATH = fileURLToPath(new URL('../../docs/rules.md', import.meta.url));

const text = renderRulesDoc(ALL_PACKS);
if (process.argv.includes('--check')) {
  let current = '';
  try {
    current = readFileSync(RULES_DOC_PATH, 'utf8');
  } catch {
    // missing file = out of date
  }
  if (current !== text) {
    console.error('docs/rules.md 已过期，请运行 npm run docs:rules 重新生成');
    process.exit(1);
  }
  console.log('docs/rules.md 已是最新');
} else {
  writeFileSync(RULES_DOC_PATH, text);
  console.log(`已生成 docs/rules.md（${ALL_PACKS.reduce((n, p) => n + Object.keys(p.rules).length, 0)} 条规则）`);
}

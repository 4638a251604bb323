import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ALL_PACKS } from '../../rules/index.js';
import { renderRulesDoc } from '../../rules/engine/rules-doc.js';
import { hasCjk } from '../../rules/text/cjk.js';

const allRules = ALL_PACKS.flatMap((pack) => Object.entries(pack.rules).map(([key, rule]) => ({ pack, key, rule })));

describe('rule meta and docs', () => {
  it('docs/rules.md is up to date (run npm run docs:rules)', () => {
    const current = readFileSync(new URL('../../docs/rules.md', import.meta.url), 'utf8');
    expect(current).toBe(renderRulesDoc(ALL_PACKS));
  });

  it('every rule has a kebab-case id matching its pack key, zh-CN docs and zh-CN messages', () => {
    expect(allRules.length).toBeGreaterThanOrEqual(20);
    for (const { pack, key, rule } of allRules) {
      const m = rule.meta;
      expect(m.id, `${pack.name}:${key}`).toBe(key);
      expect(m.id).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*\/[a-z0-9]+(?:-[a-z0-9]+)*$/);
      for (const field of ['title', 'description', 'source', 'fix'] as const) {
        expect(hasCjk(m.docs[field]), `${m.id} docs.${field}`).toBe(true);
      }
      expect(Object.keys(m.messages).length, m.id).toBeGreaterThan(0);
      for (const [id, message] of Object.entries(m.messages)) expect(hasCjk(message), `${m.id} ${id}`).toBe(true);
      // Options schemas give every default from an empty object.
      if (m.options) expect(m.options.safeParse({}).success, m.id).toBe(true);
    }
  });

  it('lists every rule of every pack in the generated table', () => {
    const doc = renderRulesDoc(ALL_PACKS);
    for (const { rule } of allRules) expect(doc).toContain(`| \`${rule.meta.id}\` |`);
    expect(doc).toContain('`newsDays` = 14');
  });
});

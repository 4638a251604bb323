// bin/gongkai.js and bin/run-entry.js run the TypeScript sources from a cached esbuild bundle: each module must
// keep its own import.meta.url (assets found next to the sources), and a changed source must give a new bundle.
import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../..', import.meta.url));
const cache = join(root, 'node_modules', '.cache', 'gongkai');

describe('bundled launcher', () => {
  it('runs an entry from a bundle whose modules still find files next to their sources', async () => {
    // gen-rules-doc locates docs/rules.md from its own import.meta.url; from the bundle's directory it would not.
    const { stdout } = await run(process.execPath, [join(root, 'bin/run-entry.js'), 'rules/engine/gen-rules-doc.ts', '--check'], { cwd: root });
    expect(stdout).toContain('docs/rules.md 已是最新');
    const bundles = readdirSync(cache).filter((d) => d.startsWith('rules-engine-gen-rules-doc-ts-'));
    expect(bundles.length).toBeGreaterThan(0);
    expect(bundles.some((d) => existsSync(join(cache, d, 'entry.mjs')))).toBe(true);
  }, 60_000);

  it('the CLI starts from its bundle', async () => {
    const { stdout } = await run(process.execPath, [join(root, 'bin/gongkai.js'), 'audit', '--help'], { cwd: root });
    expect(stdout).toContain('审计一个政府网站');
    expect(readdirSync(cache).some((d) => d.startsWith('crawler-cli-main-ts-'))).toBe(true);
  }, 60_000);

  it('a usage error names the missing entry in zh-CN', async () => {
    const error = await run(process.execPath, [join(root, 'bin/run-entry.js')], { cwd: root }).catch((e: { code: number; stderr: string }) => e);
    expect((error as { code: number }).code).toBe(2);
    expect((error as { stderr: string }).stderr).toContain('用法');
  });
});

// `npm run demo` as a user runs it: serves the demo site, audits it, prints where findings.json and the HTML report
// are, and exits 0; `--as-of` pins the reference date (the demo's dates are relative to it); a bad date exits 2.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAudit } from '../../reports/audit-schema.js';
import { buildDemoSite } from '../demo-site/index.js';

let dir: string;

function demo(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['bin/run-entry.js', 'crawler/cli/demo.ts', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gongkai-demo-cmd-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('npm run demo', () => {
  it('audits the demo site and says where the report is', async () => {
    const out = join(dir, 'report');
    const [r, bad] = await Promise.all([demo([out, '--as-of', '2025-06-16']), demo([join(dir, 'bad'), '--as-of', '2025-02-30'])]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--as-of 无效/);

    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/演示网站已启动：http:\/\/127\.0\.0\.1:\d+\//);
    expect(r.stdout).toContain('基准日期 2025-06-16');
    expect(r.stdout).toContain(`结果文件（findings.json）：${join(out, 'findings.json')}`);
    expect(r.stdout).toContain(`HTML 报告：${join(out, 'report.html')}`);
    expect(existsSync(join(out, 'report.html'))).toBe(true);
    const audit = parseAudit(JSON.parse(readFileSync(join(out, 'findings.json'), 'utf8')));
    expect(audit.audit.asOf).toBe('2025-06-16');
    // Same counts of planted link defects as the ground truth of that date.
    const truth = buildDemoSite({ asOf: '2025-06-16', externalOrigin: 'http://127.0.0.1:1', refusedOrigin: 'http://127.0.0.1:2' }).groundTruth;
    for (const rule of ['link/broken', 'link/unverified']) {
      expect(audit.findings.filter((f) => f.rule === rule).length, rule).toBe(truth.expected.filter((f) => f.rule === rule).length);
    }
  }, 180_000);
});

// `gongkai serve` as a user starts it: loopback by default, the URL printed, the API answering, SIGTERM stopping
// it; refused (exit 2, zh-CN) on a non-loopback address without a token or with a bad port.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { recordAudit } from '../../reports/history/record-audit.js';
import { loadFixture } from '../reports/load-fixture.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gk-servecmd-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function start(args: string[]) {
  const child = spawn(process.execPath, [path.join(ROOT, 'bin/gongkai.js'), 'serve', ...args], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  const exit = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  return { child, output: () => out, exit };
}

describe('gongkai serve (real process)', () => {
  it('binds 127.0.0.1 by default, serves the API and stops on SIGTERM', async () => {
    const fixture = loadFixture();
    expect((await recordAudit(fixture, { dataDir: path.join(dir, 'data') })).stored).toBe(true);
    const p = start(['--port', '0', '--data-dir', 'data']);
    const end = Date.now() + 30_000;
    let m: RegExpExecArray | null = null;
    while (!(m = /监管看板已启动：(http:\/\/127\.0\.0\.1:\d+)\//.exec(p.output()))) {
      if (Date.now() > end) throw new Error(`serve did not start:\n${p.output()}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    const base = m[1]!;
    const health = await fetch(`${base}/api/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok', audits: 1 });
    const findings = await (await fetch(`${base}/api/findings?url=${encodeURIComponent(fixture.audit.site)}`)).json();
    expect(findings.auditId).toBe(fixture.audit.id);
    p.child.kill('SIGTERM');
    expect(await p.exit).toBe(0);
    expect(p.output()).toContain('服务已停止');
  }, 60_000);

  it('refuses a non-loopback address without a token, and a bad port', async () => {
    const [open, port] = [start(['--host', '0.0.0.0', '--port', '0', '--data-dir', 'data']), start(['--port', '70000'])];
    expect(await open.exit).toBe(2);
    expect(open.output()).toMatch(/拒绝绑定非本机地址 0\.0\.0\.0：请同时用 --token 设置访问令牌/);
    expect(await port.exit).toBe(2);
    expect(port.output()).toMatch(/参数 --port 无效：“70000”/);
  }, 60_000);
});

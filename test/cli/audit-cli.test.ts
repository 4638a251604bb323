// The CLI contract: exit codes 0/1/2/3, zh-CN messages naming the bad flag or field, findings.json written.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let dir: string;
let server: http.Server;
let base: string;
let closedUrl: string;

function cli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['bin/gongkai.js', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gongkai-cli-'));
  server = http.createServer((req, res) => {
    if (req.url === '/' || req.url === '/index.html') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end('<!DOCTYPE html><html><head><meta charset="utf-8"><title>测试厅</title></head><body><a href="/a.html">文章</a><a href="/gone.html">失效</a></body></html>');
    } else if (req.url === '/a.html') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<html><body><p>正文</p></body></html>');
    } else res.writeHead(404).end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  const closed = http.createServer();
  await new Promise<void>((r) => closed.listen(0, '127.0.0.1', () => r()));
  closedUrl = `http://127.0.0.1:${(closed.address() as AddressInfo).port}/`;
  await new Promise((r) => closed.close(r));
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
  await rm(dir, { recursive: true, force: true });
});

describe('gongkai audit exit codes', () => {
  it('2 for bad usage, naming the flag in zh-CN', async () => {
    const results = await Promise.all([
      cli(['audit', 'not a url', '--out', join(dir, 'x1')]),
      cli(['audit', base, '--as-of', '2022-13-45', '--out', join(dir, 'x2')]),
      cli(['audit', base, '--max-pages', 'abc', '--out', join(dir, 'x3')]),
      cli(['audit', base, '--bogus']),
    ]);
    expect(results.map((r) => r.code)).toEqual([2, 2, 2, 2]);
    expect(results[0].stderr).toMatch(/网址无效/);
    expect(results[1].stderr).toMatch(/--as-of/);
    expect(results[2].stderr).toMatch(/--max-pages/);
    expect(results[3].stderr).toMatch(/未知(的)?选项 --bogus/);
  }, 120_000);

  it('2 for a bad config, naming the field', async () => {
    const config = join(dir, 'bad.yaml');
    await writeFile(config, 'crawl:\n  rate: -3\n', 'utf8');
    const r = await cli(['audit', base, '--config', config, '--out', join(dir, 'x4')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/配置项 crawl\.rate 无效/);
  });

  it('3 when the start URL is unreachable; 0 on success; 1 with --fail-on hit', async () => {
    const config = join(dir, 'ok.json');
    await writeFile(config, JSON.stringify({ crawl: { rate: 50, robots: false, recheckDelayMs: 50 }, report: { formats: ['json'], dataDir: join(dir, 'data') } }));
    const [down, ok, failing] = await Promise.all([
      cli(['audit', closedUrl, '--out', join(dir, 'down'), '--config', config]),
      cli(['audit', base, '--out', join(dir, 'ok'), '--config', config, '--as-of', '2022-06-30', '--format', 'json']),
      cli(['audit', base, '--out', join(dir, 'fail'), '--config', config, '--fail-on', 'minor', '--format', 'json']),
    ]);
    expect(down.code).toBe(3);
    expect(down.stderr).toMatch(/无法访问起始网址/);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(/审计完成/);
    const file = join(dir, 'ok', 'findings.json');
    expect(existsSync(file)).toBe(true);
    const audit = JSON.parse(readFileSync(file, 'utf8'));
    expect(audit.audit.asOf).toBe('2022-06-30');
    expect(audit.findings.some((f: { rule: string; target?: string }) => f.rule === 'link/broken' && f.target === `${base}gone.html`)).toBe(true);
    expect(failing.code).toBe(1);
  }, 180_000);

  it('shows zh-CN help', async () => {
    const r = await cli(['audit', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/基准日期/);
    expect(r.stdout).toMatch(/退出码/);
  });
});

// The CLI contract: exit codes 0/1/2/3, zh-CN messages naming the bad flag or field, findings.json written.
// Most cases call the command's exported function in-process (a spawned tsx costs seconds each); three spawns
// keep the true end-to-end path covered (commander's own usage errors, help, a real run through bin/gongkai.js).
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runAuditCommand, type AuditFlags } from '../../crawler/cli/audit-command.js';
import { listenOnLoopback, closeServer } from '../helpers/loopback.js';

let dir: string;
let server: http.Server;
let base: string;
let closedUrl: string;
let okConfig: string;

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

/** runAuditCommand in-process with stdout/stderr captured. */
async function run(url: string, flags: Partial<AuditFlags>): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => ((stdout += String(chunk)), true));
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => ((stderr += String(chunk)), true));
  try {
    const code = await runAuditCommand(url, { out: join(dir, 'default'), ...flags });
    return { code, stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
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
  base = await listenOnLoopback(server);
  const closed = http.createServer();
  closedUrl = await listenOnLoopback(closed);
  await new Promise((r) => closed.close(r));
  okConfig = join(dir, 'ok.json');
  await writeFile(okConfig, JSON.stringify({ crawl: { rate: 50, robots: false, recheckDelayMs: 50 }, report: { formats: ['json'], dataDir: join(dir, 'data') } }));
});

afterAll(async () => {
  await closeServer(server);
  await rm(dir, { recursive: true, force: true });
});

describe('gongkai audit exit codes', () => {
  it('2 for bad usage, naming the flag in zh-CN', async () => {
    const bad = [
      await run('not a url', {}),
      await run(base, { asOf: '2022-13-45' }),
      await run(base, { maxPages: 'abc' }),
      await run(base, { failOn: 'fatal' }),
      await run(base, { format: 'pdf' }),
    ];
    expect(bad.map((r) => r.code)).toEqual([2, 2, 2, 2, 2]);
    expect(bad[0].stderr).toMatch(/网址无效/);
    expect(bad[1].stderr).toMatch(/--as-of/);
    expect(bad[2].stderr).toMatch(/--max-pages/);
    expect(bad[3].stderr).toMatch(/--fail-on/);
    expect(bad[4].stderr).toMatch(/--format/);
  });

  it('2 for bad configs (wrong type, unknown key, invalid URL, bad regex, malformed file), naming the field', async () => {
    const cases: [string, string, RegExp][] = [
      ['rate.yaml', 'crawl:\n  rate: -3\n', /配置项 crawl\.rate 无效/],
      ['type.yaml', 'crawl:\n  robots: "否"\n', /配置项 crawl\.robots 无效/],
      ['unknown.yaml', 'crawl:\n  maxPage: 10\n', /配置项 crawl\.maxPage 无效：未知的配置项/],
      ['url.json', '{"report": {"webhook": "不是网址"}}', /配置项 report\.webhook 无效/],
      ['columns.json', '{"columns": [{"urlPrefix": "ftp//x", "name": "栏目"}]}', /配置项 columns\.0\.urlPrefix 无效/],
      ['regex.yaml', 'crawl:\n  exclude: ["(unclosed"]\n', /配置项 crawl\.exclude\.0 无效/],
      ['broken.json', '{"crawl": ', /格式错误/],
    ];
    for (const [name, text, message] of cases) {
      const file = join(dir, name);
      await writeFile(file, text, 'utf8');
      const r = await run(base, { config: file });
      expect(r.code, name).toBe(2);
      expect(r.stderr, name).toMatch(message);
    }
  });

  it('2 with a clear message when the output directory cannot be written', async () => {
    const file = join(dir, 'a-file');
    await writeFile(file, 'x');
    const r = await run(base, { out: join(file, 'sub'), config: okConfig });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/无法创建输出目录|无法写入/);
  });

  it('3 when the start URL is unreachable; 0 on success; 1 with --fail-on hit', async () => {
    const down = await run(closedUrl, { out: join(dir, 'down'), config: okConfig });
    expect(down.code).toBe(3);
    expect(down.stderr).toMatch(/无法访问起始网址/);
    const ok = await run(base, { out: join(dir, 'ok'), config: okConfig, asOf: '2022-06-30', format: 'json' });
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(/审计完成/);
    const audit = JSON.parse(readFileSync(join(dir, 'ok', 'findings.json'), 'utf8'));
    expect(audit.audit.asOf).toBe('2022-06-30');
    expect(audit.findings.some((f: { rule: string; target?: string }) => f.rule === 'link/broken' && f.target === `${base}gone.html`)).toBe(true);
    const failing = await run(base, { out: join(dir, 'fail'), config: okConfig, failOn: 'minor', format: 'json' });
    expect(failing.code).toBe(1);
  });

  it('end to end through bin/gongkai.js: zh-CN help, commander usage errors exit 2, a real run exits 0', async () => {
    const [help, bogus, ok] = await Promise.all([
      cli(['audit', '--help']),
      cli(['audit', base, '--bogus']),
      cli(['audit', base, '--out', join(dir, 'e2e'), '--config', okConfig, '--format', 'json', '--no-cache']),
    ]);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/基准日期/);
    expect(help.stdout).toMatch(/退出码/);
    expect(help.stdout).toMatch(/--no-cache/);
    expect(bogus.code).toBe(2);
    expect(bogus.stderr).toMatch(/未知(的)?选项 --bogus/);
    expect(ok.code, ok.stderr).toBe(0);
    expect(existsSync(join(dir, 'e2e', 'findings.json'))).toBe(true);
  }, 120_000);
});

// `gongkai schedule` as a user runs it: the real CLI process, a real crawl of a tiny local site on a cron that
// fires every second, history kept, reports written per run, the webhook told once about new serious findings,
// and SIGTERM stopping it cleanly. Bad config is refused at start (exit 2), not at the first run.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HistoryStore } from '../../reports/history/history-store.js';
import { closeServer } from '../helpers/loopback.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
let dir: string;
let site: http.Server;
let hook: http.Server;
let base: string;
let hookUrl: string;
const hookBodies: { findings: { rule: string; severity: string }[]; text: string }[] = [];

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gk-schedcmd-'));
  site = http.createServer((req, res) => {
    if (req.url === '/' || req.url === '/index.html') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end('<!DOCTYPE html><html><head><meta charset="utf-8"><title>测试厅</title></head><body><a href="/a.html">人事任免</a><a href="/gone.html">失效</a></body></html>');
    } else if (req.url === '/a.html') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end('<!DOCTYPE html><html><head><meta charset="utf-8"><title>公示</title></head><body><p>拟录用人员：张三，身份证号：11010519491231002X</p></body></html>');
    } else res.writeHead(404).end();
  });
  hook = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      hookBodies.push(JSON.parse(body));
      res.writeHead(204).end();
    });
  });
  await Promise.all([site, hook].map((s) => new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()))));
  base = `http://127.0.0.1:${(site.address() as AddressInfo).port}/`;
  hookUrl = `http://127.0.0.1:${(hook.address() as AddressInfo).port}/notify`;
});

afterAll(async () => {
  for (const s of [site, hook]) {
    await closeServer(s);
  }
  fs.rmSync(dir, { recursive: true, force: true });
});

function start(args: string[], cwd: string): { child: ChildProcess; output: () => string; exit: Promise<number | null> } {
  const child = spawn(process.execPath, [path.join(ROOT, 'bin/gongkai.js'), ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const exit = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  return { child, output: () => out, exit };
}

async function waitFor(cond: () => boolean, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('gongkai schedule (real process, real crawl)', () => {
  it('audits on the cron, keeps history, notifies new serious findings once, stops on SIGTERM', async () => {
    const cwd = path.join(dir, 'run');
    fs.mkdirSync(cwd);
    // Polite defaults would make the test slow; the config lifts them for this loopback site.
    fs.writeFileSync(path.join(cwd, 'gongkai.json'), JSON.stringify({ crawl: { rate: 50, robots: false, recheckDelayMs: 50 }, report: { formats: ['html', 'csv'], dataDir: 'hist', webhook: hookUrl } }));
    const p = start(['schedule', '--cron', '* * * * * *', '--run-now', '--config', 'gongkai.json', '--out', 'out', base], cwd);
    try {
      await waitFor(() => (p.output().match(/完成审计/g) ?? []).length >= 2, 60_000);
    } catch {
      throw new Error(`schedule did not complete two audits:\n${p.output()}`);
    }
    p.child.kill('SIGTERM');
    expect(await p.exit).toBe(0);
    const log = p.output();
    expect(log).toMatch(/^\[\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\] 定时审计已启动（\* \* \* \* \* \*，北京时间）/);
    expect(log).toContain('定时审计已停止');
    expect(log).not.toMatch(/审计失败/);
    // Reports of each run in <out>/<host>/<time>/, in the formats the config asks for.
    const hostDir = path.join(cwd, 'out', fs.readdirSync(path.join(cwd, 'out'))[0]!);
    const runs = fs.readdirSync(hostDir).filter((d) => fs.existsSync(path.join(hostDir, d, 'report.html')));
    expect(runs.length).toBeGreaterThanOrEqual(2);
    expect(fs.readdirSync(path.join(hostDir, runs[0]!)).sort()).toEqual(['findings.json', 'report.csv', 'report.html']);
    // History in the config's data dir: the second audit sees the first's findings as persisting.
    const store = HistoryStore.open(path.join(cwd, 'hist'), { readonly: true });
    try {
      const audits = store.listAudits(base);
      expect(audits.length).toBeGreaterThanOrEqual(2);
      const life = [...store.lifecycleOf(audits[0]!.id).values()];
      expect(life.length).toBeGreaterThan(0);
      expect(life.every((l) => l === 'persisting')).toBe(true);
    } finally {
      store.close();
    }
    // Exactly one notification: the first audit's new critical finding; later runs add nothing new.
    expect(hookBodies).toHaveLength(1);
    expect(hookBodies[0]!.findings.some((f) => f.rule === 'privacy/id-number' && f.severity === 'critical')).toBe(true);
    expect(hookBodies[0]!.text).toMatch(/新增 \d+ 条严重或较重问题/);
  }, 90_000);

  it('refuses a bad config or cron at start with exit 2 and a zh-CN message', async () => {
    const cwd = path.join(dir, 'bad');
    fs.mkdirSync(cwd);
    fs.writeFileSync(path.join(cwd, 'bad.json'), JSON.stringify({ crawl: { ratee: 5 } }));
    const runs = [
      start(['schedule', '--cron', '0 2 * * *', '--config', 'bad.json', base], cwd),
      start(['schedule', '--cron', '61 * * * *', base], cwd),
      start(['schedule', '--cron', '0 0 30 2 *', base], cwd),
    ];
    const codes = await Promise.all(runs.map((r) => r.exit));
    expect(codes).toEqual([2, 2, 2]);
    const [cfg, cron, never] = runs.map((r) => r.output());
    expect(cfg).toMatch(/配置项 crawl\.ratee 无效/);
    expect(cfg).not.toContain('定时审计已启动');
    expect(cron).toMatch(/cron 表达式“61 \* \* \* \*”无效：应为 5 个/);
    expect(cron).not.toMatch(/CronPattern/);
    expect(never).toMatch(/永远不会触发/);
  }, 60_000);
});

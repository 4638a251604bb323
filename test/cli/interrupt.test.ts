// Ctrl-C on `gongkai audit`: the audit stops promptly with exit 130 and a zh-CN hint, keeps its journal, writes
// no findings.json; `--resume` then finishes it without re-fetching done pages, with the same findings as an
// uninterrupted audit.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JOURNAL_FILE } from '../../crawler/crawl/journal.js';
import { listenOnLoopback, closeServer } from '../helpers/loopback.js';

const PAGES = 30;
let server: http.Server;
let base: string;
let dir: string;
let config: string;
const hits = new Map<string, number>();

function page(i: number): string {
  const links = [i + 1, i + 2].filter((n) => n < PAGES).map((n) => `<a href="/p/${n}.html">第${n}页</a>`).join('');
  const dead = i % 6 === 0 ? `<a href="/dead/${i}.html">失效</a>` : '';
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><title>页面${i}</title></head><body>${links}${dead}</body></html>`;
}

function cli(args: string[], onJournal?: (child: ReturnType<typeof spawn>) => void) {
  const child = spawn(process.execPath, ['bin/gongkai.js', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d) => (stdout += d));
  child.stderr!.on('data', (d) => (stderr += d));
  onJournal?.(child);
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => child.on('exit', (code) => resolve({ code, stdout, stderr })));
}

const donePages = (file: string) => readFileSync(file, 'utf8').split('\n').filter((l) => l.startsWith('{"t":"page"')).length;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const path = req.url ?? '/';
    if (req.method === 'GET') hits.set(path, (hits.get(path) ?? 0) + 1);
    const m = /^\/p\/(\d+)\.html$/.exec(path);
    setTimeout(
      () => {
        if (path === '/') return res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page(0));
        if (m && Number(m[1]) < PAGES) return res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page(Number(m[1])));
        res.writeHead(404).end();
      },
      m ? 80 : 0,
    );
  });
  base = await listenOnLoopback(server);
  dir = await mkdtemp(join(tmpdir(), 'gongkai-sigint-'));
  config = join(dir, 'c.json');
  await writeFile(config, JSON.stringify({ crawl: { rate: 100, robots: false, recheckDelayMs: 50, concurrency: 1 }, report: { formats: ['json'], dataDir: join(dir, 'data') } }));
});

afterAll(async () => {
  await closeServer(server);
  await rm(dir, { recursive: true, force: true });
});

describe('Ctrl-C and --resume through the CLI', () => {
  it('exits 130 keeping the journal, and --resume completes it like an uninterrupted run', async () => {
    const common = ['--config', config, '--as-of', '2022-06-30', '--no-cache'];
    const out = join(dir, 'stopped');
    const journal = join(out, JOURNAL_FILE);
    const [full, stopped] = await Promise.all([
      cli(['audit', base, '--out', join(dir, 'full'), ...common]),
      cli(['audit', base, '--out', out, ...common], (child) => {
        const timer = setInterval(() => {
          if (existsSync(journal) && donePages(journal) >= 5) {
            clearInterval(timer);
            child.kill('SIGINT');
          }
        }, 20);
        child.on('exit', () => clearInterval(timer));
      }),
    ]);
    expect(full.code, full.stderr).toBe(0);
    expect(stopped.code, stopped.stderr).toBe(130);
    expect(stopped.stderr).toMatch(/--resume/);
    expect(existsSync(journal)).toBe(true);
    expect(existsSync(join(out, 'findings.json'))).toBe(false);
    const before = donePages(journal);
    expect(before).toBeLessThan(PAGES);

    hits.clear();
    const resumed = await cli(['audit', base, '--out', out, '--config', config, '--resume', '--no-cache']);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(resumed.stderr).toMatch(/继续上次的审计/);
    // The start page and the pages done before Ctrl-C are not fetched again.
    expect(hits.get('/') ?? 0).toBe(0);
    expect(hits.get('/p/1.html') ?? 0).toBe(0);
    expect(existsSync(journal)).toBe(false);
    const a = JSON.parse(readFileSync(join(dir, 'full', 'findings.json'), 'utf8'));
    const b = JSON.parse(readFileSync(join(out, 'findings.json'), 'utf8'));
    expect(b.audit.resumed).toBe(true);
    expect(b.audit.asOf).toBe('2022-06-30');
    expect(b.audit.pagesCrawled).toBe(a.audit.pagesCrawled);
    const ids = (x: { findings: { id: string }[] }) => x.findings.map((f) => f.id);
    expect(ids(b)).toEqual(ids(a));
    expect(b.findings.filter((f: { rule: string }) => f.rule === 'link/broken')).toHaveLength(5);
  }, 120_000);
});

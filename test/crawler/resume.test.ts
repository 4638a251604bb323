// Crash safety: an audit killed with SIGKILL mid-crawl resumes from its journal without re-fetching done pages,
// and the resumed result equals an uninterrupted one (same findings, no duplicate, none lost).
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAuditDetailed } from '../../crawler/audit.js';
import { JOURNAL_FILE } from '../../crawler/crawl/journal.js';
import { linkPack } from './fixtures/link-pack.js';
import { listenOnLoopback, closeServer } from '../helpers/loopback.js';

const PAGES = 40;
let server: http.Server;
let base: string;
const hits = new Map<string, number>();
const dirs: string[] = [];

function page(i: number): string {
  const links = [i + 1, i + 2, (i * 7) % PAGES]
    .filter((n) => n < PAGES)
    .map((n) => `<a href="/p/${n}.html">第${n}页</a>`)
    .join('');
  const dead = i % 5 === 0 ? `<a href="/dead/${i}.html">失效</a>` : '';
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><title>页面${i}</title></head><body><div id="c">${links}${dead}<img src="/img/${i % 3}.png"></div></body></html>`;
}

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const path = req.url ?? '/';
    if (req.method === 'GET') hits.set(path, (hits.get(path) ?? 0) + 1);
    const m = /^\/p\/(\d+)\.html$/.exec(path);
    const send = () => {
      if (path === '/') return res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page(0));
      if (m && Number(m[1]) < PAGES) return res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page(Number(m[1])));
      if (path.startsWith('/img/')) return res.writeHead(200, { 'content-type': 'image/png' }).end('png');
      res.writeHead(404).end('not found');
    };
    setTimeout(send, m ? 60 : 0); // slow pages so the kill lands mid-crawl
  });
  base = await listenOnLoopback(server);
});

afterAll(async () => {
  await closeServer(server);
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

async function tempDir() {
  const d = await mkdtemp(join(tmpdir(), 'gongkai-resume-'));
  dirs.push(d);
  return d;
}

function journalPages(file: string): string[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.startsWith('{"t":"page"'))
    .map((l) => {
      try {
        return (JSON.parse(l) as { u: string }).u;
      } catch {
        return '';
      }
    })
    .filter(Boolean);
}

/** Start the audit in a child and SIGKILL it once the journal holds `after` finished pages. */
async function killMidway(outDir: string, after: number): Promise<string[]> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/crawler/fixtures/audit-child.ts', base, outDir], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const journal = join(outDir, JOURNAL_FILE);
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  for (;;) {
    await new Promise((r) => setTimeout(r, 25));
    if (existsSync(journal) && journalPages(journal).length >= after) break;
    if (child.exitCode !== null) throw new Error(`child ended before the kill: ${stderr}`);
  }
  child.kill('SIGKILL');
  await exited;
  return journalPages(journal);
}

describe('resume after kill -9', () => {
  it('continues without re-fetching done pages and equals an uninterrupted run', async () => {
    const full = await runAuditDetailed({ url: base, outDir: await tempDir(), asOf: '2022-06-30', polite: false, concurrency: 2, packs: [linkPack], reports: false, recheckDelayMs: 50 });

    const outDir = await tempDir();
    const doneBefore = await killMidway(outDir, 8);
    expect(doneBefore.length).toBeGreaterThanOrEqual(8);
    expect(doneBefore.length).toBeLessThan(PAGES);
    expect(existsSync(join(outDir, 'findings.json'))).toBe(false);

    hits.clear();
    const resumed = await runAuditDetailed({ url: base, outDir, polite: false, concurrency: 2, packs: [linkPack], reports: false, resume: true, recheckDelayMs: 50 });
    // No page finished before the kill was fetched again.
    for (const url of doneBefore) expect(hits.get(new URL(url).pathname) ?? 0, url).toBe(0);
    expect(resumed.audit.audit.resumed).toBe(true);
    expect(resumed.audit.audit.asOf).toBe('2022-06-30');
    expect(resumed.audit.audit.pagesCrawled).toBe(full.audit.audit.pagesCrawled);
    const key = (f: { id: string; rule: string; url: string; target?: string; selector?: string }) => `${f.rule} ${f.url} ${f.target} ${f.selector} ${f.id}`;
    expect(resumed.audit.findings.map(key)).toEqual(full.audit.findings.map(key));
    expect(new Set(resumed.audit.findings.map((f) => f.id)).size).toBe(resumed.audit.findings.length);
    // 8 dead links planted (every 5th page), /dead/0 on both / and /p/0.html: each (page, target) pair counts.
    expect(full.audit.findings.filter((f) => f.rule === 'link/broken')).toHaveLength(PAGES / 5 + 1);
  });
});

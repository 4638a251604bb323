// Crash safety: one audit SIGKILLed at five different points (early, mid-crawl twice, at the end of the crawl and
// after the crawl during the link check), each time resumed with --resume in a new process, ends with exactly the
// findings of an uninterrupted run: none duplicated, none lost, and no page finished before a kill fetched again.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAuditDetailed, type AuditRun } from '../../crawler/audit.js';
import { JOURNAL_FILE } from '../../crawler/crawl/journal.js';
import { listenOnLoopback, closeServer } from '../helpers/loopback.js';

const PAGES = 30;
let server: http.Server;
let base: string;
let dir: string;
/** GET hits since the last kill, by path. */
let hits = new Map<string, number>();
// The kill points are set by the server, not by timing: it answers `budget` more pages and then holds every
// further request (and the attachment, when `holdAttachment`), so the child is parked at a known point however
// slow the machine is, and the test kills it there.
const gate = { budget: Infinity, holdAttachment: false, held: [] as http.ServerResponse[] };

function page(i: number): string {
  const links = [i + 1, i + 3, (i * 7) % PAGES].filter((n) => n < PAGES).map((n) => `<a href="/p/${n}.html">第${n}页</a>`).join('');
  const dead = i % 6 === 0 ? `<a href="/dead/${i}.html">失效</a>` : '';
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><title>页面${i}</title></head><body><div>${links}${dead}<img src="/img/a.png"><a href="/files/slow.pdf">附件</a><p>本页联系电话 13912345678</p></div></body></html>`;
}

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const path = req.url ?? '/';
    if (req.method === 'GET') hits.set(path, (hits.get(path) ?? 0) + 1);
    const m = /^\/p\/(\d+)\.html$/.exec(path);
    const i = path === '/' ? 0 : m ? Number(m[1]) : -1;
    if (i >= 0 && i < PAGES) {
      if (gate.budget <= 0) return void gate.held.push(res);
      gate.budget--;
      setTimeout(() => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page(i)), 20);
      return;
    }
    if (path === '/img/a.png') return res.writeHead(200, { 'content-type': 'image/png' }).end('png');
    // The attachment is downloaded after the crawl: holding it parks the audit after the crawl.
    if (path === '/files/slow.pdf') {
      if (gate.holdAttachment) return void gate.held.push(res);
      return res.writeHead(200, { 'content-type': 'application/pdf' }).end('%PDF-1.4\n');
    }
    res.writeHead(404).end('not found');
  });
  base = await listenOnLoopback(server);
  dir = await mkdtemp(join(tmpdir(), 'gongkai-crash-'));
});

afterAll(async () => {
  await closeServer(server);
  await rm(dir, { recursive: true, force: true });
});

interface JournalState {
  pages: string[];
  crawled: boolean;
}

function readState(file: string): JournalState {
  const state: JournalState = { pages: [], crawled: false };
  if (!existsSync(file)) return state;
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    try {
      const entry = JSON.parse(line) as { t: string; u?: string };
      if (entry.t === 'page' && entry.u) state.pages.push(entry.u);
      if (entry.t === 'crawled') state.crawled = true;
    } catch {
      /* torn last line */
    }
  }
  return state;
}

/** Run the audit in a child (resuming when asked) until the server holds a request and the journal has settled
 *  (and `until` holds), then SIGKILL it and drop the held requests. */
async function killParked(outDir: string, resume: boolean, until: (s: JournalState) => boolean = () => true): Promise<JournalState> {
  const args = ['--import', 'tsx', 'test/crawler/fixtures/audit-child.ts', base, outDir, ...(resume ? ['--resume'] : [])];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  const exited = new Promise<void>((r) => child.on('exit', () => r()));
  const journal = join(outDir, JOURNAL_FILE);
  let last = '';
  for (;;) {
    await new Promise((r) => setTimeout(r, 100));
    if (child.exitCode !== null) throw new Error(`the audit ended before the kill (${JSON.stringify(readState(journal))}): ${output}`);
    if (gate.held.length === 0) continue;
    const state = readState(journal);
    const now = JSON.stringify(state);
    if (now === last && until(state)) break; // nothing moved for 100 ms: parked
    last = now;
  }
  child.kill('SIGKILL');
  await exited;
  for (const res of gate.held.splice(0)) res.destroy();
  return readState(journal);
}

const options = (outDir: string, resume = false) =>
  ({ url: base, outDir, asOf: '2022-06-30', polite: false, concurrency: 2, reports: false, resume, recheckDelayMs: 50 }) as const;
const keys = (run: AuditRun) => run.audit.findings.map((f) => `${f.id} ${f.rule} ${f.url} ${f.target ?? ''} ${f.selector ?? ''}`);

describe('crash safety', () => {
  it('five SIGKILLs at different points resume to the findings of an uninterrupted run', async () => {
    const { linkPack } = await import('../crawler/fixtures/link-pack.js');
    const full = await runAuditDetailed({ ...options(join(dir, 'full')), packs: [linkPack] });
    const total = full.audit.audit.pagesCrawled;
    expect(total).toBeGreaterThan(PAGES - 1);

    const outDir = join(dir, 'killed');
    // Pages answered before each kill: 1, 8, 16, 28 of 31; the fifth kill comes after the crawl (attachments,
    // link check, site rules and findings.json still to do).
    const points: Array<{ budget: number; holdAttachment?: boolean; until?: (s: JournalState) => boolean }> = [
      { budget: 1 },
      { budget: 7 },
      { budget: 8 },
      { budget: 12 },
      { budget: Infinity, holdAttachment: true, until: (s) => s.crawled },
    ];
    let done: string[] = [];
    for (const [i, point] of points.entries()) {
      hits = new Map();
      gate.budget = point.budget;
      gate.holdAttachment = point.holdAttachment ?? false;
      const state = await killParked(outDir, i > 0, point.until);
      expect(state.pages.length).toBeGreaterThan(done.length);
      // Pages finished before an earlier kill were not fetched again by this process.
      for (const url of done) expect(hits.get(new URL(url).pathname) ?? 0, `${url} fetched again`).toBe(0);
      done = state.pages;
      expect(existsSync(join(outDir, 'findings.json'))).toBe(false);
    }
    hits = new Map();
    gate.budget = Infinity;
    gate.holdAttachment = false;
    const resumed = await runAuditDetailed({ ...options(outDir, true), packs: [linkPack] });
    for (const url of done) expect(hits.get(new URL(url).pathname) ?? 0, `${url} fetched again`).toBe(0);
    expect(resumed.audit.audit.resumed).toBe(true);
    expect(resumed.audit.audit.pagesCrawled).toBe(total);
    expect(keys(resumed)).toEqual(keys(full));
    expect(new Set(resumed.audit.findings.map((f) => f.id)).size).toBe(resumed.audit.findings.length);
    expect(full.audit.findings.filter((f) => f.rule === 'link/broken').length).toBeGreaterThan(0);
  }, 120_000);
});

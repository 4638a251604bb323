// Incremental re-audits with the built-in packs: an attachment a 304 proves unchanged keeps its findings without
// being downloaded or read again (a changed one is read again); a nightly re-audit under the next as-of date reuses
// cached results, except a page with an ID number whose birth date lies between the two dates.
import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAuditDetailed, type AuditRun } from '../../crawler/audit.js';
import { idCheckChar } from '../../rules/text/id-number.js';
import { listenOnLoopback, closeServer } from '../helpers/loopback.js';

const ID = `11010519491231002`;
const VALID_ID = ID + idCheckChar(ID);
const BABY = '11010520220715001';
const BABY_ID = BABY + idCheckChar(BABY);
let server: http.Server;
let base: string;
let dir: string;
const files: Record<string, string> = {
  '/baby.html': `<!DOCTYPE html><html><head><meta charset="utf-8"><title>新生儿登记</title></head><body><p>登记号 ${BABY_ID}</p></body></html>`,
  '/files/roster.csv': `姓名,身份证号\n张三,${VALID_ID}\n`,
  '/files/notes.txt': '会议纪要：无个人信息。',
};
const served = { attachmentBodies: 0, attachmentNotModified: 0 };

function html(): string {
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><title>公示</title></head><body><div id="c"><p>拟聘人员公示</p>
<a href="/files/roster.csv">名单.csv</a> <a href="/files/notes.txt">纪要.txt</a> <a href="/baby.html">登记</a></div></body></html>`;
}

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const path = req.url ?? '/';
    const body = path === '/' ? html() : files[path];
    if (body === undefined) return res.writeHead(404).end('not found');
    const etag = `"${createHash('sha1').update(body).digest('hex').slice(0, 16)}"`;
    const attachment = path.startsWith('/files/');
    if (req.headers['if-none-match'] === etag) {
      if (attachment) served.attachmentNotModified++;
      return res.writeHead(304, { etag }).end();
    }
    if (attachment) served.attachmentBodies++;
    const type = path.endsWith('.csv') ? 'text/csv; charset=utf-8' : path.endsWith('.txt') ? 'text/plain; charset=utf-8' : 'text/html; charset=utf-8';
    res.writeHead(200, { 'content-type': type, etag }).end(body);
  });
  base = await listenOnLoopback(server);
  dir = await mkdtemp(join(tmpdir(), 'gongkai-attachments-cache-'));
});

afterAll(async () => {
  await closeServer(server);
  await rm(dir, { recursive: true, force: true });
});

const audit = (name: string, asOf = '2022-06-30') =>
  runAuditDetailed({
    url: base,
    outDir: join(dir, name),
    asOf,
    polite: false,
    reports: false,
    cache: true,
    config: { report: { dataDir: join(dir, 'data') } },
  });
const keys = (run: AuditRun) => run.audit.findings.map((f) => `${f.id} ${f.rule} ${f.url}`).sort();
const idFindings = (run: AuditRun) => run.audit.findings.filter((f) => f.rule === 'privacy/id-number').map((f) => f.url);

describe('incremental re-audit of attachments', () => {
  it('reuses the findings of unchanged attachments without downloading them, and re-reads a changed one', async () => {
    const first = await audit('a');
    expect(served.attachmentBodies).toBe(2);
    expect(idFindings(first)).toEqual([`${base}files/roster.csv`]); // the baby's ID is not born yet

    Object.assign(served, { attachmentBodies: 0, attachmentNotModified: 0 });
    const second = await audit('b');
    expect(served.attachmentBodies).toBe(0);
    expect(served.attachmentNotModified).toBe(2);
    expect(second.cacheStats?.attachmentReused).toBe(2);
    expect(keys(second)).toEqual(keys(first));

    // The roster is corrected: the ID number is masked.
    files['/files/roster.csv'] = `姓名,身份证号\n张三,110105********002X\n`;
    Object.assign(served, { attachmentBodies: 0, attachmentNotModified: 0 });
    const third = await audit('c');
    expect(served.attachmentBodies).toBe(1);
    expect(served.attachmentNotModified).toBe(1);
    expect(idFindings(third)).toEqual([]);
  });

  it('a nightly re-audit (next as-of date) reuses cached results unless an ID number turns valid in between', async () => {
    const day1 = await audit('n1', '2022-07-10');
    const day2 = await audit('n2', '2022-07-11');
    expect(day2.cacheStats?.pageReprocessed).toBe(0);
    expect(day2.cacheStats?.pageReused).toBe(day1.audit.audit.pagesCrawled);
    expect(day2.cacheStats?.attachmentReused).toBe(2);
    expect(idFindings(day2)).toEqual(idFindings(day1));
    expect(idFindings(day2)).not.toContain(`${base}baby.html`);

    // 2022-07-15 lies between: that page alone is processed again (from the cached body) and its ID counts.
    Object.assign(served, { attachmentBodies: 0, attachmentNotModified: 0 });
    const later = await audit('n3', '2022-08-01');
    expect(later.cacheStats?.pageReprocessed).toBe(1);
    expect(later.cacheStats?.pageReused).toBe(day1.audit.audit.pagesCrawled - 1);
    expect(served.attachmentBodies).toBe(0);
    expect(idFindings(later)).toContain(`${base}baby.html`);
  });
});


// Page records stay in the journal through the crawl and are read back for the site rules: same records, links
// that repeat across pages shared, nothing held in memory meanwhile; a resumed journal cuts a torn last line.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CrawlState } from '../../crawler/crawl/crawl-state.js';
import { SPILL_TEXT_CHARS } from '../../crawler/crawl/record-store.js';
import { Journal, readJournal, type JournalPage } from '../../crawler/crawl/journal.js';
import { pageRecordSchema, type PageRecord } from '../../crawler/page-record.js';
import { getHeapStatistics } from 'node:v8';
import { collectGarbage } from '../../crawler/collect-garbage.js';

const policy = { include: [], exclude: [] };

function record(i: number): PageRecord {
  return pageRecordSchema.parse({
    url: `http://127.0.0.1/a/${i}.html`,
    status: 200,
    kind: 'article',
    title: `第${i}篇 通知`,
    breadcrumb: ['政务公开', '通知公告'],
    footer: { icp: '吉ICP备05002265号' },
    meta: { SiteName: '吉林省交通运输厅' },
    bodyText: `正文 ${i} ${'交通运输'.repeat(i % 5)}`,
    listEntries: [{ title: '首页', url: 'http://127.0.0.1/', selector: 'ul > li > a' }],
    links: [
      { url: 'http://127.0.0.1/', raw: '/', tag: 'a', attr: 'href', text: '首页', selector: 'nav > a', internal: true },
      { url: `http://127.0.0.1/f/${i}.pdf`, raw: `/f/${i}.pdf`, tag: 'a', attr: 'href', text: '附件', selector: 'p > a', attachment: true, internal: true },
    ],
  });
}

function page(i: number): JournalPage {
  const r = record(i);
  return { t: 'page', u: r.url, o: { url: r.url, state: 'ok', status: 200, internal: true }, r, f: [], e: [] };
}

/** A crawl state whose records go to a fresh journal. */
function journalledState(): { state: CrawlState; journal: Journal; journalPath: string } {
  const journalPath = join(mkdtempSync(join(tmpdir(), 'gk-records-')), 'journal.jsonl');
  const journal = new Journal(journalPath);
  journal.open(true);
  return { state: new CrawlState(policy, journal), journal, journalPath };
}

/** Read every record back, and by how much that grew the live heap. */
function readBackMeasured(state: CrawlState): { back: PageRecord[]; grown: number } {
  collectGarbage();
  const before = getHeapStatistics().used_heap_size;
  const back = [...state.records.values()];
  collectGarbage();
  return { back, grown: getHeapStatistics().used_heap_size - before };
}

describe('record store', () => {
  it('keeps journalled records on disk and reads back the same records, sharing repeated links', () => {
    const { state, journal } = journalledState();
    for (let i = 0; i < 50; i++) state.complete(page(i));
    const held = (state.records as unknown as { held: Map<string, PageRecord> }).held;
    expect(held.size).toBe(0);
    expect(state.records.size).toBe(50);

    expect(state.records.get(record(7).url)).toEqual(record(7));
    const back = [...state.records.values()];
    expect(back).toEqual(Array.from({ length: 50 }, (_, i) => record(i)));
    // The navigation link is one object across pages; each page's own attachment link is its own.
    expect(back[3]!.links[0]).toBe(back[40]!.links[0]);
    expect(back[3]!.links[1]).not.toBe(back[40]!.links[1]);
    expect(back[3]!.footer.icp).toBe(back[40]!.footer.icp);
    state.records.clear();
    journal.close();
  });

  it('records read back keep one copy of the strings that repeat across pages (selectors, hrefs, titles)', () => {
    const { state, journal } = journalledState();
    // Every link is its own object (its text names the page), but its selector, href and list-entry title are
    // what the other pages' links have: a page template's positions and the documents the lists link to.
    const prefix = 'html > body > div.main > div.content > div.list-wrap > ul.list'.padEnd(500, ' > div');
    const pages = 1500;
    const perPage = 20;
    for (let i = 0; i < pages; i++) {
      const r = record(i);
      r.links = Array.from({ length: perPage }, (_, j) => ({
        url: `http://127.0.0.1/doc/${(i + j) % 50}.html`,
        raw: `/doc/${(i + j) % 50}.html`,
        tag: 'a' as const,
        attr: 'href',
        text: `第${i}页第${j}条`,
        selector: `${prefix} > li:nth-of-type(${j + 1}) > a`,
        attachment: false,
        internal: true,
      }));
      r.listEntries = r.links.map((l) => ({ title: `关于印发交通运输领域重点工作安排的通知（文件${l.raw}）`, url: l.url, selector: l.selector }));
      state.complete({ ...page(i), r });
    }
    const { back, grown } = readBackMeasured(state);
    expect(back).toHaveLength(pages);
    expect(back[7]!.links[3]!.selector).toBe(`${prefix} > li:nth-of-type(4) > a`);
    // One copy per record of each 500-character selector would be 30,000 × 0.5 KB = 15 MB on its own; the link
    // objects, their texts and the records' other fields take about 5 MB.
    expect(grown).toBeLessThan(10 * 1024 * 1024);
    state.records.clear();
    journal.close();
  });

  it('long body texts of records read back live in a spill file, not in memory, and read the same', () => {
    const { state, journal, journalPath } = journalledState();
    // An article of a real site: thousands of characters of Chinese text (two bytes each in memory).
    const article = (i: number) => `第${i}号文件正文。`.padEnd(8000, '根据《中华人民共和国政府信息公开条例》，现将有关事项通知如下。');
    const pages = 400;
    const expected: PageRecord[] = [];
    for (let i = 0; i < pages; i++) {
      const r = record(i);
      if (i % 4 !== 0) r.bodyText = article(i);
      expected.push(structuredClone(r));
      state.complete({ ...page(i), r });
    }
    const { back, grown } = readBackMeasured(state);
    // 300 texts of 8,000 two-byte characters would be 4.8 MB; spilled, each record keeps a small getter.
    expect(grown).toBeLessThan(1.5 * 1024 * 1024);
    expect(existsSync(`${journalPath}.texts`)).toBe(true);
    expect(back.map((r) => r.bodyText)).toEqual(expected.map((r) => r.bodyText));
    expect(back[0]!.bodyText.length).toBeLessThanOrEqual(SPILL_TEXT_CHARS);
    expect(JSON.parse(JSON.stringify(back[5]))).toEqual(expected[5]);
    expect({ ...back[6]! }.bodyText).toBe(article(6));
    // A rule that replaces the text gets its own value back.
    back[9]!.bodyText = '已修改';
    expect(back[9]!.bodyText).toBe('已修改');
    expect(back[10]!.bodyText).toBe(article(10));
    state.records.clear();
    expect(existsSync(`${journalPath}.texts`)).toBe(false);
    expect(back[10]!.bodyText).toBe('');
    expect(back[0]!.bodyText).toBe(expected[0]!.bodyText);
    journal.close();
  });

  it('removes the spill file an audit killed during its site rules left behind', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gk-records-'));
    const journalPath = join(dir, 'journal.jsonl');
    writeFileSync(`${journalPath}.texts`, '上次审计中断时留下的正文'.repeat(1000));
    const journal = new Journal(journalPath);
    new CrawlState(policy, journal);
    expect(existsSync(`${journalPath}.texts`)).toBe(false);
    // Something else in its place is left alone, and the audit still starts.
    mkdirSync(`${journalPath}.texts`);
    expect(() => new CrawlState(policy, journal)).not.toThrow();
  });

  it('without a spill file (it cannot be created) long texts stay in memory', () => {
    const { state, journal, journalPath } = journalledState();
    mkdirSync(`${journalPath}.texts`); // in the way of the spill file
    const long = '交通运输'.repeat(SPILL_TEXT_CHARS);
    for (let i = 0; i < 3; i++) state.complete({ ...page(i), r: { ...record(i), bodyText: long } });
    const back = [...state.records.values()];
    state.records.clear();
    expect(back.map((r) => r.bodyText)).toEqual([long, long, long]);
    journal.close();
  });

  it('holds records in memory without a journal', () => {
    const state = new CrawlState(policy);
    state.complete(page(1));
    expect(state.records.get(record(1).url)).toEqual(record(1));
    expect([...state.records.values()]).toHaveLength(1);
  });

  it('resuming cuts a torn last line, and records restored from the journal are read back from it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gk-records-'));
    const path = join(dir, 'journal.jsonl');
    const first = new Journal(path);
    first.open(true);
    const state = new CrawlState(policy, first);
    state.complete(page(1));
    state.complete(page(2));
    first.close();
    appendFileSync(path, '{"t":"page","u":"http://127.0.0.1/a/3.ht'); // killed mid-write

    const replayed = readJournal(path)!;
    expect(replayed.pages.map((p) => p.u)).toEqual([record(1).url, record(2).url]);
    const resumed = new Journal(path);
    resumed.open(false, replayed.validBytes);
    const again = new CrawlState(policy, resumed);
    again.restore(replayed);
    again.complete(page(3));
    resumed.close();

    expect(readFileSync(path, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l).u)).toEqual([record(1).url, record(2).url, record(3).url]);
    expect([...again.records.values()].map((r) => r.url).sort()).toEqual([record(1).url, record(2).url, record(3).url].sort());
    expect(again.records.get(record(2).url)).toEqual(record(2));
    again.records.clear();
  });

  it('a journal that ends without a newline loses only that line', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gk-records-'));
    const path = join(dir, 'journal.jsonl');
    writeFileSync(path, `${JSON.stringify(page(1))}\n${JSON.stringify(page(2))}`);
    const replayed = readJournal(path)!;
    expect(replayed.pages).toHaveLength(1);
    expect(replayed.validBytes).toBe(Buffer.byteLength(JSON.stringify(page(1))) + 1);
  });
});

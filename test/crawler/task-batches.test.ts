// Crawlee tasks that take several queued pages (crawler/crawl/fifo-request-manager.ts): how many a task takes, and
// that every page of a task is crawled once, whatever happens to the others.
import { describe, expect, it } from 'vitest';
import { crawlSite } from '../../crawler/crawl/crawl-site.js';
import { CrawlState } from '../../crawler/crawl/crawl-state.js';
import { FifoRequestManager, MAX_PAGES_PER_TASK, type BatchUserData } from '../../crawler/crawl/fifo-request-manager.js';
import type { PageContext } from '../../crawler/crawl/process-page.js';
import type { Fetcher, FetchRequest, FetchResponse } from '../../crawler/http/fetcher-types.js';
import { RuleRunner } from '../../rules/engine/rule-runner.js';

const pairs = (n: number): [string, number][] => Array.from({ length: n }, (_, i) => [`http://x.test/p${i}.html`, 1]);

describe('FifoRequestManager', () => {
  it('gives a task several pages only when the queue holds enough for every task at once', async () => {
    const m = new FifoRequestManager(() => false, 4);
    m.push(pairs(40));
    const first = await m.fetchNextRequest();
    const data = first!.userData as unknown as BatchUserData;
    expect(first!.url).toBe('http://x.test/p0.html');
    expect(data.more?.map(([u]) => u)).toEqual(['http://x.test/p1.html', 'http://x.test/p2.html', 'http://x.test/p3.html']);
    expect(1 + (data.more?.length ?? 0)).toBe(MAX_PAGES_PER_TASK);

    const short = new FifoRequestManager(() => false, 4);
    short.push(pairs(6));
    const one = await short.fetchNextRequest();
    expect((one!.userData as unknown as BatchUserData).more).toBeUndefined();
    expect(short.getPendingCount()).toBe(6);
  });

  it('puts every page of a reclaimed task back in the queue, and is not finished while a task runs', async () => {
    const m = new FifoRequestManager(() => false, 1);
    m.push(pairs(8));
    const seen: string[] = [];
    const taken = await m.fetchNextRequest();
    expect(await m.isFinished()).toBe(false);
    await m.reclaimRequest(taken!);
    for (let r = await m.fetchNextRequest(); r; r = await m.fetchNextRequest()) {
      seen.push(r.url, ...((r.userData as unknown as BatchUserData).more ?? []).map(([u]) => u));
      await m.markRequestHandled();
    }
    expect(seen.sort()).toEqual(pairs(8).map(([u]) => u).sort());
    expect(await m.isFinished()).toBe(true);
  });
});

/** An in-memory site of `n` pages, each linking to the next twelve; `broken` URLs make the fetcher throw a plain
 *  Error (a bug, not a network failure), which the crawl must turn into an audit error for that page alone. */
function memorySite(n: number, broken: Set<string>): Fetcher & { fetched: string[] } {
  const fetched: string[] = [];
  return {
    fetched,
    async fetch(req: FetchRequest): Promise<FetchResponse> {
      fetched.push(req.url);
      await new Promise((r) => setTimeout(r, 1));
      if (broken.has(req.url)) throw new TypeError('内部错误');
      const i = Number(/p(\d+)\.html$/.exec(req.url)?.[1] ?? 0);
      const links = Array.from({ length: 12 }, (_, k) => i + k + 1)
        .filter((j) => j < n)
        .map((j) => `<a href="/p${j}.html">第${j}页</a>`)
        .join('');
      const body = Buffer.from(`<!DOCTYPE html><html><head><meta charset="utf-8"><title>第${i}页</title></head><body>${links}</body></html>`);
      return { url: req.url, finalUrl: req.url, status: 200, headers: { 'content-type': 'text/html; charset=utf-8' }, redirects: [], body, truncated: false };
    },
  };
}

describe('crawlSite with tasks of several pages', () => {
  it('crawls every page exactly once; a page whose processing throws is an error of its own and spares its task-mates', async () => {
    const N = 300;
    const site = 'http://x.test/';
    // Every seventh page from 20 on: first pages of their tasks and further pages alike.
    const broken = new Set(Array.from({ length: 12 }, (_, k) => `${site}p${20 + 7 * k}.html`));
    const fetcher = memorySite(N, broken);
    const state = new CrawlState({ include: [], exclude: [] });
    const runner = new RuleRunner({ packs: [], asOf: '2022-06-30', siteUrl: site });
    const ctx: PageContext = { siteUrl: site, sameSiteHosts: [], dropParams: [], runner, state };
    const initial = state.seed(`${site}p0.html`);
    const tasks: number[] = [];
    const requests = FifoRequestManager.prototype.fetchNextRequest;
    const spy = async function (this: FifoRequestManager) {
      const r = await requests.call(this);
      if (r) tasks.push(1 + ((r.userData as unknown as BatchUserData).more?.length ?? 0));
      return r;
    };
    FifoRequestManager.prototype.fetchNextRequest = spy as typeof requests;
    try {
      await crawlSite({ ctx, fetcher, concurrency: 2, initial });
    } finally {
      FifoRequestManager.prototype.fetchNextRequest = requests;
    }
    // Most pages went in tasks of several.
    expect(tasks.filter((n) => n === MAX_PAGES_PER_TASK).length * MAX_PAGES_PER_TASK).toBeGreaterThan(N / 2);

    const all = Array.from({ length: N }, (_, i) => `${site}p${i}.html`);
    expect([...state.done].sort()).toEqual(all.sort());
    expect(fetcher.fetched.length).toBe(N);
    expect(new Set(fetcher.fetched).size).toBe(N);
    const errors = state.errors.filter((e) => e.rule === 'crawler/page');
    expect(errors.map((e) => e.url).sort()).toEqual([...broken].sort());
    expect(errors.every((e) => e.message.includes('页面处理出错') && e.message.includes('内部错误'))).toBe(true);
  });
});

// Extraction benchmark and equivalence harness (not part of npm test).
//   npx tsx test/extract/bench/run.ts --dump FILE            records of every corpus page (cheerio side) as JSON
//   npx tsx test/extract/bench/run.ts --compare FILE         the current records deep-equal to a dump
//   (--dump/--compare [--impl DIR] [--crawl-options]: another checkout; dropParams and sameSiteHosts set)
//   npx tsx test/extract/bench/run.ts --time [--impl DIR,DIR] [--rounds N]
//   (node --expose-gc --import tsx test/extract/bench/run.ts --time ...: the parse's garbage is collected first)
// --impl names checkouts holding crawler/extract (e.g. a copy of the code before a change): their extractPage runs
// interleaved over the same parsed pages, median ms per page for each set.
import { isDeepStrictEqual } from 'node:util';
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { load, type CheerioAPI } from 'cheerio';
import { loadCorpus, type CorpusPage } from './corpus.js';

type Extract = typeof import('../../../crawler/extract/extract-page.js').extractPage;
type Adapter = typeof import('../../../crawler/extract/cheerio-adapter.js').createCheerioAdapter;
interface Impl { dir: string; extractPage: Extract; createCheerioAdapter: Adapter }

const gc = (globalThis as { gc?: (opts: { type: 'minor' | 'major' }) => void }).gc;
const REPO = resolve(import.meta.dirname, '../../..');
const FETCHED_AT = '2022-06-30T04:00:00.000Z';

async function loadImpl(dir: string): Promise<Impl> {
  const { extractPage } = (await import(`${dir}/crawler/extract/extract-page.ts`)) as { extractPage: Extract };
  const { createCheerioAdapter } = (await import(`${dir}/crawler/extract/cheerio-adapter.ts`)) as { createCheerioAdapter: Adapter };
  return { dir, extractPage, createCheerioAdapter };
}

// --crawl-options: the options a crawl passes (dropParams, sameSiteHosts), to compare that path too.
const CRAWL_OPTIONS = process.argv.includes('--crawl-options')
  ? { dropParams: ['_t', 'from'], sameSiteHosts: ['*.gov.cn', '127.0.0.1:9'] }
  : {};

function infoOf(p: CorpusPage) {
  return { url: p.url, status: 200, siteUrl: p.siteUrl, fetchedAt: FETCHED_AT, contentType: 'text/html; charset=utf-8', ...CRAWL_OPTIONS };
}

function records(impl: Impl, pages: CorpusPage[]): unknown[] {
  return pages.map((p) => impl.extractPage(impl.createCheerioAdapter(load(p.html), p.url), infoOf(p)));
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const opt = (name: string) => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const corpus = await loadCorpus();
  if (opt('--dump') || opt('--compare')) {
    const impl = await loadImpl(opt('--impl') ?? REPO);
    const recs = records(impl, corpus);
    if (opt('--dump')) {
      writeFileSync(opt('--dump')!, JSON.stringify(recs));
      console.log(`wrote ${recs.length} records`);
    } else {
      const before = JSON.parse(readFileSync(opt('--compare')!, 'utf8')) as unknown[];
      // Through JSON so that undefined-valued keys count the same way on both sides.
      const now = JSON.parse(JSON.stringify(recs)) as unknown[];
      let diff = 0;
      for (let i = 0; i < corpus.length; i++) {
        if (!isDeepStrictEqual(now[i], before[i])) {
          if (diff++ < 5) console.log('DIFF', corpus[i].url, JSON.stringify(now[i]).slice(0, 300), '\n  was', JSON.stringify(before[i]).slice(0, 300));
        }
      }
      console.log(`${corpus.length} pages, ${diff} differ`);
      if (diff) process.exitCode = 1;
    }
    return;
  }
  const impls = await Promise.all((opt('--impl') ?? REPO).split(',').map(loadImpl));
  const rounds = Number(opt('--rounds') ?? 7);
  const sets = ['bench', 'demo'] as const;
  const pagesOf = (set: string) => corpus.filter((p) => p.set === set);
  const times = new Map<string, number[]>();
  let parseUs = 0;
  let parsed = 0;
  for (let r = 0; r < rounds; r++) {
    for (const impl of r % 2 ? [...impls].reverse() : impls) {
      for (const set of sets) {
        const pages = pagesOf(set);
        let us = 0;
        // Each page parsed just before its extraction, as in the crawler (its tree is then in the CPU caches).
        for (const page of pages) {
          const p0 = process.cpuUsage();
          const $: CheerioAPI = load(page.html);
          // With node --expose-gc: the parse's garbage collected first, so that it is not charged to extraction.
          gc?.({ type: 'minor' });
          const c = process.cpuUsage();
          impl.extractPage(impl.createCheerioAdapter($, page.url), infoOf(page));
          const used = process.cpuUsage(c);
          const parse = process.cpuUsage(p0);
          // CPU time of this process, not wall time: the machine's cores are shared with other work.
          us += used.user + used.system;
          parseUs += parse.user + parse.system - used.user - used.system;
          parsed++;
        }
        const key = `${impl.dir} ${set}`;
        if (!times.has(key)) times.set(key, []);
        times.get(key)!.push(us / 1000 / pages.length);
      }
    }
  }
  console.log(`parse: ${(parseUs / 1000 / parsed).toFixed(3)} ms/page (CPU)`);
  for (const [key, xs] of times) console.log(`${key}: median ${median(xs.slice(2)).toFixed(3)} ms/page min ${Math.min(...xs).toFixed(3)} (CPU time, rounds ${xs.map((x) => x.toFixed(2)).join(' ')})`);
}

await main();

// Record fingerprints for the golden test (test/extract/record-golden.test.ts): a sample of bench-site pages, every
// UTF-8 demo-site page and the fixtures, each record reduced to a SHA-1 of its canonical JSON (sorted keys).
//   npx tsx test/extract/bench/golden.ts [--impl DIR] --write   regenerate test/extract/golden/records.sha1.json
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { load } from 'cheerio';
import { decodeHtml } from '../../../crawler/http/decode.js';
import { startBenchSite } from '../../bench/bench-site.js';
import { buildDemoSite } from '../../demo-site/index.js';
import { ALL_FIXTURES, SITE } from '../fixtures.js';

export const GOLDEN_FILE = resolve(import.meta.dirname, '../golden/records.sha1.json');
const FETCHED_AT = '2022-06-30T04:00:00.000Z';
const BENCH_ORIGIN = 'http://127.0.0.1:8100';
const DEMO_ORIGIN = 'http://127.0.0.1:8000';
/** Home, list pages and articles of every column (the bench site renders them from their path). */
const BENCH_PATHS = ['/', '/zwgk/zcwj/index.html', '/zwgk/zcwj/index_1.html', '/jtyw/gzdt/index.html', '/zwgk/czyjs/index_2.html'];

export interface GoldenPage {
  url: string;
  siteUrl: string;
  html: string;
}

type Extract = typeof import('../../../crawler/extract/extract-page.js').extractPage;
type Adapter = typeof import('../../../crawler/extract/cheerio-adapter.js').createCheerioAdapter;

export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** The pages: bench pages fetched from a bench site on 127.0.0.1 (port 0), stored under a fixed origin. */
export async function goldenPages(): Promise<GoldenPage[]> {
  const pages: GoldenPage[] = [];
  const site = await startBenchSite(2000);
  try {
    const paths = [...BENCH_PATHS];
    // The articles the first list page links to.
    const first = await (await fetch(new URL('/zwgk/zcwj/index.html', site.url))).text();
    for (const m of first.matchAll(/href="(\/zwgk\/zcwj\/\d{6}\/t[^"]+)"/g)) if (paths.length < 25) paths.push(m[1]);
    for (const m of first.matchAll(/href="(\/zwgk\/[a-z]+\/index\.html)"/g)) if (!paths.includes(m[1])) paths.push(m[1]);
    for (const path of paths) {
      const res = await fetch(new URL(path, site.url));
      pages.push({ url: BENCH_ORIGIN + path, siteUrl: `${BENCH_ORIGIN}/`, html: await res.text() });
    }
  } finally {
    await site.close();
  }
  for (const [path, res] of buildDemoSite({ asOf: '2022-06-30', gbk: false, externalOrigin: 'http://127.0.0.1:9/' }).routes) {
    const ct = res.headers['content-type'] ?? '';
    if (res.status === 200 && /html/.test(ct)) pages.push({ url: DEMO_ORIGIN + path, siteUrl: `${DEMO_ORIGIN}/`, html: decodeHtml(res.body, ct).text });
  }
  for (const fx of Object.values(ALL_FIXTURES)) pages.push({ url: fx.url, siteUrl: SITE, html: fx.html });
  return pages;
}

/** url → SHA-1 of the record's canonical JSON, once without and once with crawl options (dropParams, hosts). */
export function fingerprints(pages: GoldenPage[], extractPage: Extract, createCheerioAdapter: Adapter): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of pages) {
    const variants: [string, { dropParams?: string[]; sameSiteHosts?: string[] }][] = [
      ['', {}],
      [' +options', { dropParams: ['_t', 'from'], sameSiteHosts: ['*.gov.cn'] }],
    ];
    for (const [suffix, opts] of variants) {
      const record = extractPage(createCheerioAdapter(load(p.html), p.url), { url: p.url, status: 200, siteUrl: p.siteUrl, fetchedAt: FETCHED_AT, ...opts });
      out[p.url + suffix] = createHash('sha1').update(canonicalJson(record)).digest('hex');
    }
  }
  return out;
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename) && process.argv.includes('--write')) {
  const i = process.argv.indexOf('--impl');
  const dir = i >= 0 ? process.argv[i + 1] : resolve(import.meta.dirname, '../../..');
  const { extractPage } = (await import(`${dir}/crawler/extract/extract-page.ts`)) as { extractPage: Extract };
  const { createCheerioAdapter } = (await import(`${dir}/crawler/extract/cheerio-adapter.ts`)) as { createCheerioAdapter: Adapter };
  const prints = fingerprints(await goldenPages(), extractPage, createCheerioAdapter);
  writeFileSync(GOLDEN_FILE, `${JSON.stringify(prints, null, 1)}\n`);
  console.log(`wrote ${Object.keys(prints).length} fingerprints to ${GOLDEN_FILE}`);
}

// Corpus for the extraction benchmark and equivalence check: pages crawled from the bench site (HTTP, breadth
// first), every HTML page of the built-in demo site (UTF-8 and GBK builds) and the page-model fixtures.
// Cached as JSON so that before/after runs read identical inputs.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { parseDocument } from 'htmlparser2';
import { decodeHtml } from '../../../crawler/http/decode.js';
import { startBenchSite } from '../../bench/bench-site.js';
import { buildDemoSite } from '../../demo-site/index.js';
import { ALL_FIXTURES, SITE } from '../fixtures.js';

export interface CorpusPage {
  set: 'bench' | 'demo' | 'fixture';
  url: string;
  siteUrl: string;
  html: string;
}

const BENCH_ORIGIN = 'http://127.0.0.1:8100';
const DEMO_ORIGIN = 'http://127.0.0.1:8000';

function hrefs(html: string): string[] {
  const out: string[] = [];
  const walk = (n: { children?: unknown[]; name?: string; attribs?: Record<string, string> }): void => {
    if (n.name === 'a' && n.attribs?.href) out.push(n.attribs.href);
    for (const c of (n.children ?? []) as (typeof n)[]) walk(c);
  };
  walk(parseDocument(html) as never);
  return out;
}

async function benchPages(max: number): Promise<CorpusPage[]> {
  const site = await startBenchSite(3000);
  try {
    const queue = [site.url];
    const seen = new Set(queue);
    const out: CorpusPage[] = [];
    while (queue.length && out.length < max) {
      const url = queue.shift()!;
      const res = await fetch(url);
      const type = res.headers.get('content-type') ?? '';
      const body = new Uint8Array(await res.arrayBuffer());
      if (res.status !== 200 || !type.includes('html')) continue;
      const html = decodeHtml(body, type).text;
      if (html.length < 200) continue;
      // Stored under a fixed origin so records do not depend on the server's port.
      out.push({ set: 'bench', url: BENCH_ORIGIN + new URL(url).pathname, siteUrl: `${BENCH_ORIGIN}/`, html });
      for (const h of hrefs(html)) {
        const abs = new URL(h, url);
        abs.hash = '';
        if (abs.origin !== new URL(site.url).origin || /\.(pdf|xlsx|css|js|jpg|png)$/.test(abs.pathname)) continue;
        if (!seen.has(abs.href)) {
          seen.add(abs.href);
          queue.push(abs.href);
        }
      }
    }
    return out;
  } finally {
    await site.close();
  }
}

function demoPages(): CorpusPage[] {
  const out: CorpusPage[] = [];
  for (const gbk of [false, true]) {
    for (const [path, res] of buildDemoSite({ asOf: '2022-06-30', gbk, externalOrigin: 'http://127.0.0.1:9/' }).routes) {
      const ct = res.headers['content-type'] ?? '';
      if (res.status !== 200 || !/html/.test(ct)) continue;
      out.push({ set: 'demo', url: DEMO_ORIGIN + path, siteUrl: `${DEMO_ORIGIN}/`, html: decodeHtml(res.body, ct).text });
    }
  }
  return out;
}

export async function loadCorpus(file = '/tmp/gk-extract-corpus.json', benchMax = 400): Promise<CorpusPage[]> {
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as CorpusPage[];
  const fixtures = Object.values(ALL_FIXTURES).map((fx) => ({ set: 'fixture' as const, url: fx.url, siteUrl: SITE, html: fx.html }));
  const corpus = [...(await benchPages(benchMax)), ...demoPages(), ...fixtures];
  writeFileSync(file, JSON.stringify(corpus));
  return corpus;
}

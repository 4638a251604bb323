// Where extractPage's time goes: each extractor timed on its own over the corpus (each page parsed just before).
//   npx tsx test/extract/bench/phases.ts [--set bench|demo] [--rounds N]
import { load } from 'cheerio';
import { createCheerioAdapter } from '../../../crawler/extract/cheerio-adapter.js';
import { extractBreadcrumb } from '../../../crawler/extract/breadcrumb.js';
import { shanghaiDate } from '../../../crawler/extract/dates.js';
import { extractDisclosure } from '../../../crawler/extract/disclosure-table.js';
import { extractFooter } from '../../../crawler/extract/footer.js';
import { baseUrlOf, extractLinks } from '../../../crawler/extract/links.js';
import { extractListEntries } from '../../../crawler/extract/list-entries.js';
import { extractMeta, extractTitle } from '../../../crawler/extract/meta.js';
import { extractPagination } from '../../../crawler/extract/pagination.js';
import { extractBodyText, extractTextBlocks } from '../../../crawler/extract/text-blocks.js';
import { buildTree } from '../../../crawler/extract/tree.js';
import { normalizeUrl } from '../../../crawler/url/normalize.js';
import { loadCorpus } from './corpus.js';

const args = process.argv.slice(2);
const set = args[args.indexOf('--set') + 1] && args.includes('--set') ? args[args.indexOf('--set') + 1] : 'bench';
const rounds = args.includes('--rounds') ? Number(args[args.indexOf('--rounds') + 1]) : 6;
const pages = (await loadCorpus()).filter((p) => p.set === set);
const totals = new Map<string, number>();
const time = <T>(name: string, fn: () => T): T => {
  // CPU time (µs): the machine's cores are shared with other work.
  const t = process.cpuUsage();
  const r = fn();
  const u = process.cpuUsage(t);
  totals.set(name, (totals.get(name) ?? 0) + (u.user + u.system) / 1000);
  return r;
};
for (let r = 0; r < rounds; r++) {
  if (r === 1) totals.clear(); // first round warms the JIT
  for (const p of pages) {
    const adapter = createCheerioAdapter(load(p.html), p.url);
    const pageUrl = time('normalize page url', () => normalizeUrl(p.url) ?? p.url);
    const tree = time('buildTree', () => buildTree(adapter));
    const baseUrl = time('baseUrlOf', () => baseUrlOf(tree, pageUrl));
    time('title', () => extractTitle(tree));
    time('meta', () => extractMeta(tree));
    time('breadcrumb', () => extractBreadcrumb(tree));
    time('disclosure', () => extractDisclosure(tree));
    time('listEntries', () => extractListEntries(tree, baseUrl, undefined, shanghaiDate('2022-06-30T04:00:00.000Z')));
    time('pagination', () => extractPagination(tree, pageUrl, baseUrl));
    time('links', () => extractLinks(tree, { baseUrl, siteUrl: p.siteUrl }));
    time('bodyText', () => extractBodyText(tree));
    time('textBlocks', () => extractTextBlocks(tree, []));
    time('footer', () => extractFooter(tree));
  }
}
const n = pages.length * (rounds - 1);
let sum = 0;
for (const [k, v] of totals) {
  sum += v;
  console.log(`${k.padEnd(20)} ${((v / n) * 1000).toFixed(1).padStart(7)} µs/page`);
}
console.log(`${'total'.padEnd(20)} ${((sum / n) * 1000).toFixed(1).padStart(7)} µs/page (CPU, ${set})`);

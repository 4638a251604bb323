// Runs ONE tool against a URL in its own process, so that its peak RSS is its own; prints one JSON line.
// Usage: tsx test/bench/run-tool.ts <gongkai|linkinator|limit> <url> [outDir]
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runLimitCrawler } from './limit-crawler.js';

interface ToolRun {
  wallSeconds: number;
  pages: number;
  peakRssMB: number;
  broken: Array<{ page: string; target: string }>;
  extra?: Record<string, unknown>;
}

async function runLinkinator(url: string): Promise<Omit<ToolRun, 'wallSeconds' | 'peakRssMB'>> {
  const { check, LinkState } = await import('linkinator');
  const result = await check({ path: url, recurse: true, concurrency: 32, timeout: 15_000 });
  const broken = result.links.filter((l) => l.state === LinkState.BROKEN).map((l) => ({ page: l.parent ?? '', target: l.url }));
  const pages = new Set(result.links.filter((l) => l.state === LinkState.OK && !/\.(css|js|png|jpg|pdf|xlsx)$/.test(l.url)).map((l) => l.url)).size;
  return { pages, broken };
}

async function runGongkai(url: string, outDir: string): Promise<Omit<ToolRun, 'wallSeconds' | 'peakRssMB'>> {
  const { runBenchAudit } = await import('./gongkai-runner.js');
  // As the CLI does (crawler/cli/main.ts).
  (await import('../../crawler/heap-growth.js')).limitHeapGrowth();
  // GONGKAI_BENCH_DATA: the cache dir shared by 'gongkai' (cold) and 'gongkai-incremental' (warm) in one bench.
  return runBenchAudit(url, outDir, process.env.GONGKAI_BENCH_DATA);
}

const [tool, url, out] = process.argv.slice(2);
if (!tool || !url) {
  console.error('用法：tsx test/bench/run-tool.ts <gongkai|linkinator|limit> <url> [outDir]');
  process.exit(2);
}
const started = performance.now();
const outDir = out ?? mkdtempSync(join(tmpdir(), 'gongkai-bench-'));
const run =
  tool === 'limit' ? await runLimitCrawler(url) : tool === 'linkinator' ? await runLinkinator(url) : await runGongkai(url, outDir);
// 'gongkai-incremental' is the same audit, run after 'gongkai' against the cache it left.
const wallSeconds = (performance.now() - started) / 1000;
const peakRssMB = process.resourceUsage().maxRSS / 1024;
const line: ToolRun = { wallSeconds, peakRssMB, ...run };
process.stdout.write(`${JSON.stringify(line)}\n`);
process.exit(0);

// npm run bench -- --pages N --tools gongkai,linkinator,limit --json FILE
// Serves a generated site on 127.0.0.1 and runs each tool in its own child process, one after another, so every
// figure is measured in the same run on the same machine; reports ratios against the peers.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startBenchSite } from './bench-site.js';

interface ToolLine {
  wallSeconds: number;
  pages: number;
  peakRssMB: number;
  broken: Array<{ page: string; target: string }>;
  extra?: Record<string, unknown>;
}

const { values } = parseArgs({
  options: {
    pages: { type: 'string', default: '10000' },
    tools: { type: 'string', default: 'gongkai,gongkai-incremental,linkinator,limit' },
    json: { type: 'string' },
  },
});
const pages = Number(values.pages);
if (!Number.isInteger(pages) || pages < 10) {
  console.error('参数 --pages 无效：须为不小于 10 的整数');
  process.exit(2);
}
const tools = values.tools.split(',').map((t) => t.trim()).filter(Boolean);
for (const t of tools) {
  if (!['gongkai', 'gongkai-incremental', 'linkinator', 'limit'].includes(t)) {
    console.error(`参数 --tools 无效：未知工具“${t}”（可选 gongkai、gongkai-incremental、linkinator、limit）`);
    process.exit(2);
  }
}

// Each tool runs as the CLI does: from the cached esbuild bundle (bin/run-entry.js), not through tsx's loader.
const launcher = fileURLToPath(new URL('../../bin/run-entry.js', import.meta.url));
const projectRoot = fileURLToPath(new URL('../..', import.meta.url));

function runTool(tool: string, url: string): Promise<ToolLine> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [launcher, 'test/bench/run-tool.ts', tool, url], {
      cwd: projectRoot,
      stdio: ['ignore', 'pipe', 'inherit'],
      env: { ...process.env, GONGKAI_BENCH_DATA: benchData },
    });
    let out = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      const last = out.trim().split('\n').pop() ?? '';
      try {
        resolve(JSON.parse(last) as ToolLine);
      } catch {
        reject(new Error(`${tool} 运行失败（退出码 ${code}）：${out.slice(-500)}`));
      }
    });
  });
}

// The incremental cache of this bench run: filled by 'gongkai' (a cold cache), reused by 'gongkai-incremental'.
const benchData = mkdtempSync(join(tmpdir(), 'gongkai-bench-data-'));
if (tools.includes('gongkai-incremental') && tools.indexOf('gongkai') > tools.indexOf('gongkai-incremental')) {
  console.error('参数 --tools 无效：gongkai-incremental 须排在 gongkai 之后（它复用 gongkai 留下的缓存）');
  process.exit(2);
}
const site = await startBenchSite(pages);
console.log(`基准站点：${site.url}，共 ${site.pages} 个页面，植入失效链接 ${site.broken.size} 个`);
const truth = new Set([...site.broken].map(([page, target]) => `${page} ${target}`));
const result: Record<string, unknown> = { pages: site.pages };
try {
  for (const tool of tools) {
    console.log(`运行 ${tool} …`);
    const line = await runTool(tool, site.url);
    const found = new Set(line.broken.map((b) => `${b.page} ${b.target}`));
    const truePositives = [...found].filter((k) => truth.has(k)).length;
    const entry = {
      wallSeconds: round(line.wallSeconds),
      pagesPerSecond: round(line.pages / line.wallSeconds),
      peakRssMB: round(line.peakRssMB),
      precision: found.size === 0 ? (truth.size === 0 ? 1 : 0) : round(truePositives / found.size, 4),
      recall: truth.size === 0 ? 1 : round(truePositives / truth.size, 4),
      pagesCrawled: line.pages,
      ...(line.extra ?? {}),
    };
    result[tool] = entry;
    console.log(`  ${tool}: ${entry.wallSeconds} 秒，${entry.pagesPerSecond} 页/秒，峰值内存 ${entry.peakRssMB} MB，精确率 ${entry.precision}，召回率 ${entry.recall}`);
  }
} finally {
  await site.close();
  rmSync(benchData, { recursive: true, force: true });
}
const g = result.gongkai as { pagesPerSecond: number; wallSeconds: number } | undefined;
const l = result.linkinator as { pagesPerSecond: number } | undefined;
const lim = result.limit as { wallSeconds: number } | undefined;
const ratios: Record<string, number> = {};
if (g && l) ratios.gongkaiVsLinkinatorPagesPerSecond = round(g.pagesPerSecond / l.pagesPerSecond);
if (g && lim) ratios.gongkaiVsLimitWallTime = round(g.wallSeconds / lim.wallSeconds);
const inc = result['gongkai-incremental'] as { wallSeconds: number } | undefined;
if (g && inc) ratios.incrementalVsFullWallTime = round(inc.wallSeconds / g.wallSeconds);
result.ratios = ratios;
console.log(JSON.stringify(result, null, 2));
if (values.json) writeFileSync(values.json, `${JSON.stringify(result, null, 2)}\n`);

function round(n: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

// Runs the full Gongkai audit for the benchmark (crawl, link audit, every rule pack, findings.json and reports
// written; politeness lifted for loopback) and returns its link/broken pairs for precision and recall.
import { runAuditDetailed } from '../../crawler/audit.js';

/** `dataDir` holds the incremental cache: a first run fills it, an incremental run reuses it. */
export async function runBenchAudit(url: string, outDir: string, dataDir?: string) {
  const started = performance.now();
  const run = await runAuditDetailed({
    url,
    outDir,
    asOf: '2022-06-30',
    polite: false,
    concurrency: 32,
    formats: ['json', 'html', 'xlsx', 'csv'],
    config: { crawl: { robots: false }, ...(dataDir ? { report: { dataDir } } : {}) },
    cache: dataDir !== undefined,
  });
  const broken = run.audit.findings
    .filter((f) => f.rule === 'link/broken')
    .map((f) => ({ page: f.url, target: f.target ?? '' }));
  return {
    pages: run.audit.audit.pagesCrawled,
    broken,
    extra: {
      findings: run.audit.findings.length,
      linksChecked: run.audit.audit.linksChecked,
      auditSeconds: Math.round(performance.now() - started) / 1000,
      timings: run.timings,
      rulesMsPerPage: run.timings.rulesMsPerPage,
      ...(run.cacheStats ? { cache: run.cacheStats } : {}),
    },
  };
}

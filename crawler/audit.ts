// runAudit: config → crawl (with page rules) → attachments → new media → link check → site model → site rules →
// verdict → findings.json (validated, written atomically) → reports and history. One audit = one set of
// objects (fetcher, crawler configuration, state); nothing global, so audits can run side by side.
import { createHash } from 'node:crypto';
import { mkdir, rename, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { auditSchema, SEVERITY_RANK, type AuditResult, type Finding } from '../reports/audit-schema.js';
import { isIsoDate, shanghaiDate, shanghaiDateTime } from '../reports/time.js';
import type { RulePack } from '../rules/define-rule.js';
import { dedupeFindings, RuleRunner } from '../rules/engine/rule-runner.js';
import { buildSiteModel, columnSummaries } from '../rules/site-model-builder.js';
import { ruleDocEntries } from '../rules/engine/rule-doc-entries.js';
import { computeVerdict } from '../rules/verdict.js';
import type { LinkOutcome, SiteModel } from '../rules/site-model.js';
import { AuditInterruptedError, OutputError, SiteUnreachableError, UsageError } from './audit-errors.js';
import { loadConfig, parseConfig } from './config/load-config.js';
import type { GongkaiConfig, GongkaiConfigInput } from './config/config-schema.js';
import { attachmentTargets, scanAttachments, TEXT_ATTACHMENTS, warmAttachmentText } from './crawl/attachments.js';
import { CrawlState } from './crawl/crawl-state.js';
import { crawlSite, type CrawlProgress } from './crawl/crawl-site.js';
import { Journal, JOURNAL_FILE, readJournal } from './crawl/journal.js';
import { emptyPageTimings, type PageContext } from './crawl/process-page.js';
import { defaultWorkerCount, PagePool, pageAnalysisVersion } from './crawl/page-pool.js';
import { collectGarbage } from './collect-garbage.js';
import { PoliteFetcher, type PoliteFetcherOptions } from './http/polite-fetcher.js';
import { LinkChecker } from './links/link-checker.js';
import { eachLinkEdge, linkTargets } from './links/link-graph.js';
import { auditJsonChunks } from './findings-json.js';
import { writeChunks } from '../reports/write-chunks.js';
import { attachmentExt, isSameSite, normalizeUrl } from './url/normalize.js';
import { TOOL_VERSION } from './version.js';
import type { AuditCache } from './cache/audit-cache.js';
import type { XlsxWorker } from '../reports/render/xlsx-off-thread.js';
import type { EarlyXlsx } from '../reports/write-reports.js';
import type { HistoryContext } from '../reports/history/history-context.js';
import { attributeNewMediaFindings, runNewMedia } from './newmedia/audit-hook.js';

/** Heap in use above which a full collection at a phase boundary is worth its 0.05-0.13 s: at 1,000 pages the heap
 *  stays under it (51-59 MB; each collection freed 8-18 MB), at 10,000 pages all but the first pass it. */
const GC_WORTH_IT = { ifHeapOver: 64 * 1024 * 1024 };

export interface AuditProgress extends CrawlProgress {
  phase: 'crawl' | 'attachments' | 'links' | 'rules' | 'reports';
  linksChecked?: number;
}

export interface AuditOptions {
  url: string;
  /** Config file (JSON or YAML) or an already parsed config object. */
  configFile?: string;
  config?: GongkaiConfigInput;
  /** Output directory (default ./gongkai-report). */
  outDir?: string;
  asOf?: string;
  maxPages?: number;
  concurrency?: number;
  rate?: number;
  resume?: boolean;
  render?: boolean;
  formats?: ('json' | 'html' | 'xlsx' | 'csv')[];
  evidence?: boolean;
  /** false lifts politeness (no rate limit, robots off) — only for loopback demo, bench and tests. */
  polite?: boolean;
  /** Rule packs (default: every built-in pack). */
  packs?: RulePack[];
  /** Write reports and history after findings.json (default true). */
  reports?: boolean;
  /** Incremental re-audit cache in the data dir (config report.dataDir): conditional requests, cached page
   *  results and link outcomes (default false for the API; the CLI turns it on unless --no-cache). */
  cache?: boolean;
  signal?: AbortSignal;
  onProgress?(progress: AuditProgress): void;
  /** zh-CN log lines (warnings, phases). */
  onLog?(message: string): void;
  /** Test knobs for the HTTP layer (timeouts, backoff). */
  fetcher?: PoliteFetcherOptions;
  recheckDelayMs?: number;
  /** Page-analysis threads (overrides crawl.workers; 0: analyse in this thread). */
  workers?: number;
  /** Pages discovered before the page workers start (default 150); 0 starts them before the crawl and waits
   *  until they are ready. */
  workerStartPages?: number;
}

export interface AuditRun {
  audit: AuditResult;
  findingsPath: string;
  reportFiles: string[];
  warnings: string[];
  /** Wall time of each phase and CPU time of the per-page stages, in ms (bench and progress diagnostics). */
  timings: AuditTimings;
  /** With `cache`: 304 answers, cached results reused, cached bodies processed again, link outcomes reused. */
  cacheStats?: AuditCache['stats'];
}

export interface AuditTimings {
  totalMs: number;
  crawlMs: number;
  attachmentsMs: number;
  newMediaMs: number;
  linksMs: number;
  siteRulesMs: number;
  findingsMs: number;
  reportsMs: number;
  /** Summed over pages (they overlap in time with the crawl). */
  parseMs: number;
  extractMs: number;
  pageRulesMs: number;
  /** (page rules + site rules) / pages: the rule-evaluation cost per page. */
  rulesMsPerPage: number;
  /** Pages parsed and analysed, and how many of them in page workers (the rest in the audit's thread). */
  pagesAnalyzed: number;
  workerPages: number;
}

export async function runAudit(options: AuditOptions): Promise<AuditResult> {
  return (await runAuditDetailed(options)).audit;
}

function auditId(site: string, startedAt: Date): string {
  const stamp = shanghaiDateTime(startedAt).replace(/[-: ]/g, (c) => (c === ' ' ? '-' : ''));
  const hash = createHash('sha1').update(`${site}\n${startedAt.toISOString()}`).digest('hex').slice(0, 6);
  return `${stamp}-${hash}`;
}

function positiveInt(value: number | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  if (!Number.isInteger(value) || value <= 0) throw new UsageError(`参数 ${flag} 无效：应为正整数`, flag);
  return value;
}

function compileRegexes(list: string[], field: string): RegExp[] {
  return list.map((source, i) => {
    try {
      return new RegExp(source);
    } catch (error) {
      throw new UsageError(`配置项 ${field}.${i} 无效：${(error as Error).message}`, `${field}.${i}`);
    }
  });
}

async function defaultPacks(): Promise<RulePack[]> {
  const mod = await import('./audit-packs.js');
  return mod.builtInPacks();
}

/** Fill the column (and the column's office) of page findings made before the column inventory existed. */
function fillColumns(findings: Finding[], site: SiteModel, defaultOwners: Map<string, string | undefined>): void {
  for (const f of findings) {
    if (f.column) continue;
    const column = site.columns.columnOf(f.url);
    if (!column) continue;
    f.column = column.name;
    const office = site.owners[column.name] ?? (column.canonical ? site.owners[column.canonical] : undefined) ?? column.owner;
    if (office && (f.owner === undefined || f.owner === defaultOwners.get(f.rule))) f.owner = office;
  }
}

function sortFindings(findings: Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) =>
      SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] ||
      a.rule.localeCompare(b.rule) ||
      a.url.localeCompare(b.url) ||
      (a.target ?? '').localeCompare(b.target ?? '') ||
      a.id.localeCompare(b.id),
  );
}

async function writeAtomically(file: string, chunks: Iterable<string>): Promise<void> {
  const temp = `${file}.${process.pid}.tmp`;
  try {
    await writeChunks(temp, chunks);
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true }).catch(() => undefined);
    const code = (error as { code?: string }).code;
    const why = code === 'ENOSPC' ? '磁盘空间不足' : code === 'EACCES' || code === 'EPERM' ? '没有写入权限' : (error as Error).message;
    throw new OutputError(`无法写入 ${file}：${why}`);
  }
}

export async function runAuditDetailed(options: AuditOptions): Promise<AuditRun> {
  const log = options.onLog ?? (() => undefined);
  const warnings: string[] = [];
  const warn = (message: string) => {
    warnings.push(message);
    log(message);
  };

  // --- usage and config -------------------------------------------------------------------------------------
  const startUrl = normalizeUrl(options.url ?? '');
  if (!startUrl) throw new UsageError(`网址无效：“${options.url}”（应为 http:// 或 https:// 开头的完整网址）`, 'url');
  if (options.asOf !== undefined && !isIsoDate(options.asOf)) {
    throw new UsageError(`参数 --as-of 无效：“${options.asOf}”不是 YYYY-MM-DD 格式的有效日期`, '--as-of');
  }
  const config: GongkaiConfig = options.config ? parseConfig(options.config) : await loadConfig(options.configFile);
  const crawl = config.crawl;
  const maxPages = positiveInt(options.maxPages, '--max-pages') ?? crawl.maxPages;
  const concurrency = positiveInt(options.concurrency, '--concurrency') ?? crawl.concurrency ?? 8;
  if (options.rate !== undefined && !(options.rate > 0 && Number.isFinite(options.rate))) {
    throw new UsageError('参数 --rate 无效：应为大于 0 的数字（每秒请求数）', '--rate');
  }
  const polite = options.polite !== false;
  const rate = polite ? (options.rate ?? crawl.rate ?? 4) : 0;
  const render = options.render ?? crawl.render;
  const include = compileRegexes(crawl.include, 'crawl.include');
  const exclude = compileRegexes(crawl.exclude, 'crawl.exclude');
  const outDir = resolve(options.outDir ?? 'gongkai-report');
  const packs = options.packs ?? (await defaultPacks());

  // --- journal (resume) -------------------------------------------------------------------------------------
  try {
    await mkdir(outDir, { recursive: true });
  } catch (error) {
    throw new OutputError(`无法创建输出目录 ${outDir}：${(error as Error).message}`);
  }
  const journalPath = join(outDir, JOURNAL_FILE);
  const replayed = options.resume ? readJournal(journalPath) : undefined;
  if (options.resume && !replayed?.start) warn('没有找到可继续的审计进度，将重新开始审计');
  let resumedFrom = replayed?.start;
  if (resumedFrom && resumedFrom.site !== startUrl) {
    warn(`已保存的进度属于另一个网站（${resumedFrom.site}），将重新开始审计`);
    resumedFrom = undefined;
  }
  if (resumedFrom && options.asOf && options.asOf !== resumedFrom.asOf) {
    throw new UsageError(`参数 --as-of 与已保存进度的基准日期（${resumedFrom.asOf}）不一致，无法继续`, '--as-of');
  }
  const startedAt = resumedFrom ? new Date(resumedFrom.startedAt) : new Date();
  const asOf = resumedFrom?.asOf ?? options.asOf ?? shanghaiDate();
  const id = resumedFrom?.id ?? auditId(startUrl, startedAt);

  const runner = new RuleRunner({
    packs,
    config: config.rules,
    asOf,
    siteUrl: startUrl,
    settings: { seriousErrors: config.seriousErrors },
    owners: config.owners,
  });
  const defaultOwners = new Map(runner.resolved.map((r) => [r.rule.meta.id, r.rule.meta.owner?.join('、')]));

  const journal = new Journal(journalPath);
  try {
    journal.open(!resumedFrom, replayed?.validBytes);
  } catch (error) {
    throw new OutputError(`无法写入输出目录 ${outDir}：${(error as Error).message}`);
  }
  if (!resumedFrom) journal.append({ t: 'start', v: 1, id, site: startUrl, asOf, startedAt: startedAt.toISOString() });

  const fetcher = new PoliteFetcher({
    rate,
    robots: polite ? crawl.robots : false,
    concurrencyPerHost: polite ? Math.min(concurrency, 4) : concurrency,
    timeoutMs: crawl.timeoutMs,
    userAgent: crawl.userAgent,
    maxBytes: crawl.maxBytes,
    ...options.fetcher,
  });
  const state = new CrawlState({ include, exclude, maxPages, maxDepth: crawl.maxDepth }, journal);
  let cache: AuditCache | undefined;
  if (options.cache) {
    const opened = (await import('./cache/audit-cache.js')).AuditCache.open(resolve(config.report.dataDir), startUrl);
    cache = opened.cache;
    const source = cache;
    if (source) {
      state.records.cache = { has: (key) => source.hasPage(key), load: (key) => source.getRecord(key), loadMany: (keys, link) => source.getRecords(keys, link) };
    }
    if (opened.warning) warn(opened.warning);
  }
  // The code that analyses pages (its bundle's hash): results another version made are not reused. Built here for
  // the page workers too (they start later from the same bundle).
  const analysisVersion = cache ? await pageAnalysisVersion() : undefined;
  const fingerprint = createHash('sha1')
    .update(
      // The as-of date shapes the built-in page rules' findings only through ID numbers' birth dates, which cached
      // results carry (resultHolds): left out, a nightly re-audit reuses them. Rule objects from the API may read it.
      JSON.stringify([TOOL_VERSION, analysisVersion ?? null, options.packs === undefined ? 'as-of: id births' : asOf, packs.map((p) => p.name), config.rules, config.owners, config.columns, config.seriousErrors, crawl.dropParams, crawl.sameSiteHosts, crawl.maxDepth, crawl.maxBytes]),
    )
    .digest('hex');
  const pageTimings = emptyPageTimings();
  // Page workers rebuild the rule runner from plain settings, so only for the built-in packs; --render crawls
  // one page at a time through Chromium and gains nothing from them.
  const workers = options.workers ?? crawl.workers ?? defaultWorkerCount();
  const pool =
    options.packs === undefined && !render && workers > 0
      ? new PagePool({
          size: workers,
          ...(options.workerStartPages !== undefined ? { startPages: options.workerStartPages } : {}),
          setup: {
            runner: { config: config.rules, asOf, siteUrl: startUrl, settings: { seriousErrors: config.seriousErrors }, owners: config.owners },
            analyze: { siteUrl: startUrl, sameSiteHosts: crawl.sameSiteHosts, dropParams: crawl.dropParams },
          },
        })
      : undefined;
  const ctx: PageContext = { siteUrl: startUrl, sameSiteHosts: crawl.sameSiteHosts, dropParams: crawl.dropParams, runner, state, timings: pageTimings, cache, fingerprint, asOf, maxDepth: crawl.maxDepth, ...(pool ? { pool } : {}) };
  const phaseMs: Record<string, number> = {};
  let phaseStart = performance.now();
  const auditStart = phaseStart;
  const lap = (phase: string) => {
    const now = performance.now();
    phaseMs[phase] = (phaseMs[phase] ?? 0) + (now - phaseStart);
    phaseStart = now;
  };
  // Link targets are checked while the crawl goes on (outside the page queue): the checks and the re-check delay
  // of failures overlap the crawl instead of following it.
  const isInternal = (url: string) => isSameSite(url, startUrl, crawl.sameSiteHosts);
  let checked = 0;
  let linkPhase = false;
  // Outcomes the cache holds already: read from it, or pages a 304 proved unchanged. Not written again (an
  // unchanged re-audit wrote every page's outcome back, ≈0.2 s of the audit's thread at 10,000 pages); a page's
  // outcome kept from an earlier audit serves only a later audit that checks it as a link (a capped crawl).
  const unchanged = new WeakSet<LinkOutcome>();
  const checker = new LinkChecker({
    fetcher,
    isInternal,
    concurrency: crawl.linkConcurrency ?? Math.max(concurrency, 16),
    recheckDelayMs: options.recheckDelayMs ?? crawl.recheckDelayMs,
    timeoutMs: crawl.timeoutMs ?? options.fetcher?.timeoutMs,
    skip: (url) => exclude.some((r) => r.test(url)) || (!crawl.checkExternal && !isInternal(url)),
    onChecked: () => {
      checked++;
      if (linkPhase) progress('links', { linksChecked: checked });
    },
    ...(cache
      ? {
          previous: (url: string) => {
            const outcome = cache.getLink(url, crawl.linkCacheHours * 3_600_000);
            if (outcome) unchanged.add(outcome);
            return outcome;
          },
        }
      : {}),
  });
  state.onComplete = (entry) => {
    if (entry.o.state === 'broken') checker.seed(entry.o);
    else if (entry.rc !== undefined) unchanged.add(entry.o);
  };
  let attachmentsWarm = false;
  ctx.onPage = (links) => {
    const targets: string[] = [];
    for (const link of links) {
      if (state.seen.has(link.url)) continue;
      const ext = link.internal && link.attachment ? attachmentExt(link.url) : undefined;
      // Text attachments are downloaded by the attachment scan, which is also their link check.
      if (ext && TEXT_ATTACHMENTS.has(ext)) {
        if (!attachmentsWarm) attachmentsWarm = warmAttachmentText();
        continue;
      }
      targets.push(link.url);
    }
    checker.submit(targets);
  };
  const progress = (phase: AuditProgress['phase'], extra: Partial<AuditProgress> = {}) =>
    options.onProgress?.({ phase, done: state.done.size, queued: Math.max(0, state.seen.size - state.done.size), errors: state.failures, ...extra });

  try {
    // --- crawl ----------------------------------------------------------------------------------------------
    let initial: [string, number][];
    if (resumedFrom && replayed) {
      initial = state.restore(replayed);
      // The restored records are read back from the journal when needed, not held from its replay.
      replayed.pages.length = 0;
      log(`继续上次的审计：已完成 ${state.restored} 个页面，待抓取 ${initial.length} 个`);
    } else {
      // The start page is always crawled, whatever include says; include applies to discovered links.
      initial = state.seed(startUrl);
    }
    if (pool && options.workerStartPages === 0) await pool.ready();
    const crawlOpts = {
      ctx,
      fetcher,
      concurrency,
      maxBytes: crawl.maxBytes,
      initial,
      signal: options.signal,
      onProgress: (p: CrawlProgress) => options.onProgress?.({ phase: 'crawl', ...p }),
    };
    const { interrupted } = render
      ? await (await import('./crawl/render-crawl.js')).renderSite(crawlOpts)
      : await crawlSite(crawlOpts);
    if (interrupted || options.signal?.aborted) {
      checker.cancel();
      throw new AuditInterruptedError();
    }

    const home = state.outcomes.get(startUrl);
    const homeRecord = state.records.get(home?.finalUrl ?? startUrl) ?? state.records.get(startUrl);
    if (!home || home.state !== 'ok' || !homeRecord) {
      const why = home?.status ? `HTTP ${home.status}` : (home?.error ?? '无响应');
      throw new SiteUnreachableError(`无法访问起始网址 ${startUrl}（${why}），网站无法审计`, startUrl, home?.status ?? home?.error);
    }
    journal.append({ t: 'crawled' });
    await pool?.close();
    collectGarbage(GC_WORTH_IT);
    lap('crawl');

    // --- attachments ------------------------------------------------------------------------------------------
    const pages = [...state.records.values()].sort((a, b) => (a.url < b.url ? -1 : a.url > b.url ? 1 : 0));
    // Reading the records back leaves the journal lines' parse behind: collected before the site rules add theirs.
    collectGarbage(GC_WORTH_IT);
    progress('attachments');
    await scanAttachments(attachmentTargets(pages), {
      fetcher,
      state,
      runner,
      maxBytes: crawl.attachmentMaxBytes,
      signal: options.signal,
      onDone: () => progress('attachments'),
      ...(cache ? { cache, fingerprint, asOf } : {}),
    });
    if (options.signal?.aborted) throw new AuditInterruptedError();
    lap('attachments');

    // --- new media (crawler/newmedia): accounts + feeds → NewMediaModel; posts → page rules and link check -----
    const media = await runNewMedia({ config, pages, fetcher, runner, asOf, siteUrl: startUrl, warn });
    const newMedia = media?.model;
    lap('newMedia');

    // --- link check -------------------------------------------------------------------------------------------
    const linkSources = [...pages, ...(media?.postRecords ?? [])];
    for (const outcome of state.outcomes.values()) checker.seed(outcome);
    linkPhase = true;
    progress('links', { linksChecked: checked });
    const outcomes = await checker.checkAll(linkTargets(linkSources));
    if (options.signal?.aborted) throw new AuditInterruptedError();
    // Every final outcome the cache does not hold as it is (pages too: a failure confirmed by the next audit needs
    // no delayed re-check).
    if (cache) for (const o of outcomes.values()) if (!unchanged.has(o)) cache.putLink(o);
    // Nothing more is written to the cache: its writer thread and SQLite go before the site rules and reports.
    await cache?.close();
    lap('links');

    // --- site model, site rules, verdict ---------------------------------------------------------------------
    progress('rules');
    let site: SiteModel | undefined = buildSiteModel({
      startUrl,
      pages,
      links: () => eachLinkEdge(linkSources),
      outcomes,
      configColumns: config.columns,
      owners: config.owners,
      ...(newMedia ? { newMedia } : {}),
      ...(state.truncated ? { truncated: true } : {}),
    });
    const siteRun = await runner.runSite(site);
    const pageFindings: Finding[] = state.findings.map((f) => ({ ...f }));
    fillColumns(pageFindings, site, defaultOwners);
    let findings: Finding[] | undefined = sortFindings(
      dedupeFindings(attributeNewMediaFindings([...pageFindings, ...(media?.findings ?? []), ...siteRun.findings], media)),
    );
    const errors = [...state.errors, ...(media?.errors ?? []), ...siteRun.errors];
    const verdict = computeVerdict(findings, site);
    const columns = columnSummaries(site.columns);
    const pageCount = pages.length;
    const linksChecked = [...outcomes.values()].filter((o) => o.state !== 'skipped').length;
    lap('siteRules');

    // Only `findings`, `errors` and the summaries above are needed from here on: the page records, the link graph,
    // the outcomes and the site model (which indexes every record) go before the audit object, findings.json and
    // the reports are built (at 10,000 pages the records and what follows together made the peak memory).
    pages.length = 0;
    linkSources.length = 0;
    outcomes.clear();
    state.records.clear();
    state.outcomes.clear();
    state.findings.length = 0;
    site = undefined;
    siteRun.findings.length = 0;
    pageFindings.length = 0;
    collectGarbage(GC_WORTH_IT);

    const audit: AuditResult = auditSchema.parse({
      schemaVersion: 1,
      tool: { name: 'gongkai', version: TOOL_VERSION },
      audit: {
        id,
        site: startUrl,
        asOf,
        startedAt: startedAt.toISOString(),
        finishedAt: new Date().toISOString(),
        pagesCrawled: pageCount,
        rulePacks: packs.filter((p) => config.rules.packs[p.name] !== false).map((p) => p.name),
        linksChecked,
        truncated: state.truncated,
        ...(resumedFrom ? { resumed: true } : {}),
        ...(render ? { render: true } : {}),
      },
      findings,
      errors,
      verdict,
      columns,
      ...(media && media.summaries.length > 0 ? { newMedia: { accounts: media.summaries } } : {}),
      ruleDocs: ruleDocEntries(packs.filter((p) => config.rules.packs[p.name] !== false)),
    });
    // The schema's parse made a copy.
    findings = undefined;

    // --- findings.json, then reports and history (their failure never loses findings.json) --------------------
    const findingsPath = join(outDir, 'findings.json');
    // report.xlsx's worker starts now and loads exceljs while findings.json is written: it is the reports' longest
    // part, so its start-up would otherwise come on top. Without screenshots to wait for it also gets its job now,
    // and writes under a temporary name that becomes report.xlsx once findings.json is in place.
    const xlsxWorker = options.reports !== false ? await startXlsxWorker(audit, reportFormats(options, config)) : undefined;
    const early = xlsxWorker && !options.evidence ? await sendXlsxEarly(audit, outDir, config, xlsxWorker, warn) : undefined;
    try {
      await writeAtomically(findingsPath, auditJsonChunks(audit));
      journal.close();
      await rm(journalPath, { force: true });
    } catch (error) {
      await stopXlsx(xlsxWorker, early);
      throw error;
    }
    lap('findings');
    const reportFiles = [findingsPath];
    collectGarbage(GC_WORTH_IT);
    if (options.reports !== false) {
      progress('reports');
      reportFiles.push(...(await writeOtherReports(audit, outDir, options, config, warn, xlsxWorker, early)));
    }
    lap('reports');
    const ms = (k: string) => Math.round(phaseMs[k] ?? 0);
    const timings: AuditTimings = {
      totalMs: Math.round(performance.now() - auditStart),
      crawlMs: ms('crawl'),
      attachmentsMs: ms('attachments'),
      newMediaMs: ms('newMedia'),
      linksMs: ms('links'),
      siteRulesMs: ms('siteRules'),
      findingsMs: ms('findings'),
      reportsMs: ms('reports'),
      parseMs: Math.round(pageTimings.parseMs),
      extractMs: Math.round(pageTimings.extractMs),
      pageRulesMs: Math.round(pageTimings.pageRulesMs),
      pagesAnalyzed: pageTimings.pages,
      workerPages: pageTimings.workerPages,
      rulesMsPerPage: pageCount ? Math.round(((pageTimings.pageRulesMs + (phaseMs.siteRules ?? 0)) / pageCount) * 1000) / 1000 : 0,
    };
    return { audit, findingsPath, reportFiles, warnings, timings, ...(cache ? { cacheStats: { ...cache.stats } } : {}) };
  } finally {
    checker.cancel();
    await pool?.close();
    await cache?.close();
    // Closes the journal's reader and removes the spill file of body texts (an audit that failed after reading
    // the records back); the journal itself stays for --resume.
    state.records.clear();
    journal.close();
    await fetcher.close();
  }
}

type ReportFormat = NonNullable<AuditOptions['formats']>[number];

/** The report formats besides findings.json (which the audit writes itself). */
function reportFormats(options: AuditOptions, config: GongkaiConfig): ReportFormat[] {
  return (options.formats ?? config.report.formats).filter((f) => f !== 'json');
}

/** A worker for report.xlsx, when the reports include it and it is large enough to be worth one. */
async function startXlsxWorker(audit: AuditResult, formats: ReportFormat[]): Promise<XlsxWorker | undefined> {
  if (!formats.includes('xlsx')) return undefined;
  try {
    const { XlsxWorker, xlsxWorkerPays } = await import('../reports/render/xlsx-off-thread.js');
    return xlsxWorkerPays(audit.findings.length) ? new XlsxWorker(audit.findings.length) : undefined;
  } catch {
    // writeReports starts its own, or writes in this thread
    return undefined;
  }
}

/** report.xlsx sent to its worker before findings.json is written, with the history context it was given. */
interface EarlyReports {
  xlsx: EarlyXlsx;
  history?: HistoryContext;
}

async function sendXlsxEarly(audit: AuditResult, outDir: string, config: GongkaiConfig, worker: XlsxWorker, warn: (message: string) => void): Promise<EarlyReports | undefined> {
  try {
    const { loadHistoryContext } = await import('../reports/write-reports.js');
    const { history, warning } = loadHistoryContext(audit, resolve(config.report.dataDir));
    if (warning) warn(warning);
    const temp = join(outDir, `report.xlsx.${process.pid}.tmp`);
    return { xlsx: { task: worker.write(audit, temp, { history }), temp }, ...(history ? { history } : {}) };
  } catch {
    return undefined; // writeReports sends the job itself
  }
}

/** report.xlsx will not be written: an early job is waited for and its temporary file removed, an idle worker
 *  is stopped. */
async function stopXlsx(worker?: XlsxWorker, early?: EarlyReports): Promise<void> {
  if (!early) return worker?.cancel();
  const { settleEarlyXlsx } = await import('../reports/write-reports.js');
  await settleEarlyXlsx(early.xlsx).catch(() => undefined);
}

async function writeOtherReports(
  audit: AuditResult,
  outDir: string,
  options: AuditOptions,
  config: GongkaiConfig,
  warn: (message: string) => void,
  xlsxWorker?: XlsxWorker,
  early?: EarlyReports,
): Promise<string[]> {
  const files: string[] = [];
  const formats = reportFormats(options, config);
  const dataDir = resolve(config.report.dataDir);
  // The history is stored by writeReports while report.xlsx is written in its worker; when the reports fail
  // before that, it is stored here (storing the same audit id again replaces it).
  let recorded = false;
  try {
    const { writeReports } = await import('../reports/write-reports.js');
    const written = await writeReports(audit, outDir, {
      formats,
      evidence: options.evidence,
      dataDir,
      recordHistory: true,
      // The early job's history context serves every report, as writeReports would have read it.
      ...(early ? { xlsxEarly: early.xlsx, ...(early.history ? { history: early.history } : {}) } : xlsxWorker ? { xlsxWorker } : {}),
    });
    files.push(...written.files.filter((f) => !f.endsWith('findings.json')));
    for (const w of written.warnings ?? []) warn(w);
    if (written.recorded) {
      recorded = true;
      if (!written.recorded.stored && written.recorded.error) warn(`保存审计历史失败：${written.recorded.error}`);
    }
  } catch (error) {
    // writeReports stops the worker (or settles the early job) it was given; this is for a failure before it ran.
    await stopXlsx(xlsxWorker, early);
    warn(`生成报告失败（findings.json 已保存）：${(error as Error).message}`);
  }
  if (!recorded) {
    try {
      const { recordAudit } = await import('../reports/history/record-audit.js');
      const stored = await recordAudit(audit, { dataDir });
      if (!stored.stored && stored.error) warn(`保存审计历史失败：${stored.error}`);
    } catch (error) {
      warn(`保存审计历史失败：${(error as Error).message}`);
    }
  }
  return files;
}


// Where a page's findings come from (background side): `gongkai serve` with the editor's token, else the imported
// findings.json. Responses are validated, cached briefly per URL, and a failing server falls back to the import.
import { z } from 'zod';
import { findingSchema, verdictSchema, SEVERITIES, type AuditResult, type Finding } from '../../reports/audit-schema.js';
import type { AuditSummary, PageFindings } from './messages.js';
import type { Settings } from './settings.js';
import { pageKey } from './url-key.js';

const auditMetaSchema = z
  .object({
    id: z.string(),
    site: z.string(),
    asOf: z.string(),
    startedAt: z.string(),
    finishedAt: z.string(),
    pagesCrawled: z.number(),
    /** `gongkai serve`'s audit rows call it pages. */
    pages: z.number(),
    total: z.number(),
    score: z.number(),
    pass: z.boolean(),
  })
  .partial();

/** `gongkai serve` adds waiver state to each finding; waived findings are accepted exceptions and not shown. */
const servedFindingSchema = findingSchema.extend({ waived: z.boolean().optional() });

const findingsResponseSchema = z.object({
  audit: auditMetaSchema.nullish(),
  site: z.string().nullish(),
  asOf: z.string().nullish(),
  findings: z.array(servedFindingSchema).default([]),
});

const latestResponseSchema = z.object({
  audit: auditMetaSchema.nullish(),
  counts: z.unknown().optional(),
  verdict: verdictSchema.partial().nullish(),
});

export type FetchLike = (url: string, init?: { headers?: Record<string, string>; signal?: AbortSignal }) => Promise<{
  ok: boolean;
  status: number;
  json(): Promise<unknown>;
}>;

export interface FindingsSourceDeps {
  fetch: FetchLike;
  getSettings(): Promise<Settings>;
  getImport(): Promise<AuditResult | undefined>;
  now?: () => number;
  cacheMs?: number;
  timeoutMs?: number;
}

export class ServerError extends Error {}

function summaryOf(meta: z.infer<typeof auditMetaSchema>): Omit<AuditSummary, 'source' | 'counts'> {
  return { site: meta.site, asOf: meta.asOf, finishedAt: meta.finishedAt, pagesCrawled: meta.pagesCrawled ?? meta.pages };
}

/** Severity counts of whatever shape the server sends: {critical: 1, ...} or {bySeverity: {...}, total}. */
export function readCounts(raw: unknown): { counts: Record<string, number>; total?: number } {
  const counts: Record<string, number> = {};
  let total: number | undefined;
  const visit = (obj: unknown) => {
    if (!obj || typeof obj !== 'object') return;
    for (const [key, value] of Object.entries(obj as Record<string, unknown>)) {
      if ((SEVERITIES as readonly string[]).includes(key) && typeof value === 'number') counts[key] = value;
      else if (key === 'total' && typeof value === 'number') total = value;
      else if (value && typeof value === 'object' && !Array.isArray(value)) visit(value);
    }
  };
  visit(raw);
  return { counts, total };
}

export function countBySeverity(findings: Finding[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const f of findings) counts[f.severity] = (counts[f.severity] ?? 0) + 1;
  return counts;
}

export function importSummary(audit: AuditResult): AuditSummary {
  return {
    source: 'import',
    site: audit.audit.site,
    asOf: audit.audit.asOf,
    finishedAt: audit.audit.finishedAt,
    pagesCrawled: audit.audit.pagesCrawled,
    counts: countBySeverity(audit.findings),
    total: audit.findings.length,
    verdict: audit.verdict ? { pass: audit.verdict.pass, score: audit.verdict.score } : undefined,
  };
}

/** Findings of an audit on one page, plus privacy leaks in the attachments the page links to (those findings
 *  carry the attachment's URL, so a page-URL lookup alone misses them). */
export function importedFindingsFor(audit: AuditResult, url: string, linked: string[] = []): Finding[] {
  return findingsForPage(audit.findings, url, linked);
}

export function findingsForPage<F extends Finding>(findings: F[], url: string, linked: string[] = []): F[] {
  const key = pageKey(url);
  if (!key) return [];
  const linkedKeys = new Set(linked.map((l) => pageKey(l)).filter((k): k is string => !!k));
  return findings.filter((f) => {
    const fk = pageKey(f.url);
    return fk === key || (fk !== undefined && linkedKeys.has(fk) && f.rule.startsWith('privacy/'));
  });
}

function sameSite(audit: AuditResult, pageUrl: string): boolean {
  try {
    return new URL(audit.audit.site).host === new URL(pageUrl).host;
  } catch {
    return false;
  }
}

export class FindingsSource {
  private cache = new Map<string, { at: number; value: unknown }>();

  constructor(private readonly deps: FindingsSourceDeps) {}

  clearCache(): void {
    this.cache.clear();
  }

  private now(): number {
    return this.deps.now?.() ?? Date.now();
  }

  private async getJson(settings: Settings, path: string): Promise<unknown> {
    const cacheKey = `${settings.serverUrl}|${path}`;
    const hit = this.cache.get(cacheKey);
    if (hit && this.now() - hit.at < (this.deps.cacheMs ?? 60_000)) return hit.value;
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (settings.token) headers.Authorization = `Bearer ${settings.token}`;
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.deps.timeoutMs ?? 15_000);
    let res: Awaited<ReturnType<FetchLike>>;
    try {
      res = await this.deps.fetch(`${settings.serverUrl.replace(/\/+$/, '')}${path}`, { headers, signal: controller.signal });
    } catch (error) {
      throw new ServerError(`无法连接审计服务器 ${settings.serverUrl}：${error instanceof Error ? error.message : String(error)}`);
    } finally {
      clearTimeout(timer);
    }
    if (res.status === 401 || res.status === 403) throw new ServerError('审计服务器拒绝访问：请在设置中检查访问令牌');
    if (!res.ok) {
      const body = (await res.json().catch(() => undefined)) as { error?: unknown } | undefined;
      const detail = typeof body?.error === 'string' ? `：${body.error.slice(0, 200)}` : '';
      throw new ServerError(`审计服务器返回错误（HTTP ${res.status}）${detail}`);
    }
    let value: unknown;
    try {
      value = await res.json();
    } catch {
      throw new ServerError('审计服务器返回的不是 JSON');
    }
    this.cache.set(cacheKey, { at: this.now(), value });
    return value;
  }

  async forPage(url: string, linked: string[] = []): Promise<PageFindings> {
    const settings = await this.deps.getSettings();
    let serverError: string | undefined;
    if (settings.serverUrl) {
      try {
        const raw = await this.getJson(settings, `/api/findings?url=${encodeURIComponent(url)}`);
        const parsed = findingsResponseSchema.safeParse(raw);
        if (!parsed.success) throw new ServerError('审计服务器返回的数据格式不符合 findings.json 规范');
        const { audit: meta, site, asOf } = parsed.data;
        const summary: AuditSummary | undefined = meta
          ? { source: 'server', ...summaryOf(meta), counts: {} }
          : site
            ? { source: 'server', site, asOf: asOf ?? undefined, counts: {} }
            : undefined;
        const findings = parsed.data.findings;
        let attachmentError: string | undefined;
        if (linked.length) {
          // The server answers per URL; leaks in linked attachments come from the site's findings (one cached call).
          try {
            const siteRaw = await this.getJson(settings, `/api/findings?site=${encodeURIComponent(`${new URL(url).origin}/`)}`);
            const site = findingsResponseSchema.safeParse(siteRaw);
            if (!site.success) throw new ServerError('审计服务器返回的数据格式不符合 findings.json 规范');
            const have = new Set(findings.map((f) => f.id));
            for (const f of findingsForPage(site.data.findings, url, linked)) if (!have.has(f.id)) findings.push(f);
          } catch (error) {
            attachmentError = `无法获取附件的审计结果：${error instanceof Error ? error.message : String(error)}`;
          }
        }
        return {
          source: 'server',
          audit: summary,
          findings: findings.filter((f) => !f.waived).map(({ waived: _waived, ...f }) => f),
          ...(attachmentError ? { error: attachmentError } : {}),
        };
      } catch (error) {
        serverError = error instanceof Error ? error.message : String(error);
      }
    }
    const imported = await this.deps.getImport();
    if (imported && sameSite(imported, url)) {
      return { source: 'import', audit: importSummary(imported), findings: importedFindingsFor(imported, url, linked), error: serverError };
    }
    return { source: 'none', findings: [], error: serverError };
  }

  /** The site's latest audit summary: from the server, else from the import when it is of the same site. */
  async latestAudit(site: string): Promise<{ audit?: AuditSummary; error?: string }> {
    const settings = await this.deps.getSettings();
    let error: string | undefined;
    if (settings.serverUrl) {
      try {
        const raw = await this.getJson(settings, `/api/audits/latest?site=${encodeURIComponent(site)}`);
        const parsed = latestResponseSchema.safeParse(raw);
        if (!parsed.success) throw new ServerError('审计服务器返回的审计摘要格式不正确');
        const { audit, verdict } = parsed.data;
        if (audit) {
          const { counts, total } = readCounts(parsed.data.counts);
          const pass = verdict?.pass ?? audit.pass;
          const score = verdict?.score ?? audit.score;
          return {
            audit: {
              source: 'server',
              ...summaryOf(audit),
              counts,
              total: total ?? audit.total ?? Object.values(counts).reduce((a, b) => a + b, 0),
              verdict: typeof pass === 'boolean' && typeof score === 'number' ? { pass, score } : undefined,
            },
          };
        }
        error = '审计服务器上还没有该网站的审计记录';
      } catch (e) {
        error = e instanceof Error ? e.message : String(e);
      }
    }
    const imported = await this.deps.getImport();
    if (imported && sameSite(imported, site)) return { audit: importSummary(imported), error };
    return { error };
  }
}

// Scheduled audits: croner fires on the cron expression (Asia/Shanghai); each site runs at most one audit at a
// time (an overlapping run is skipped and logged), a failed audit is logged and the schedule goes on, every
// audit is recorded in the history, and new critical/serious findings go to the webhook.
import path from 'node:path';
import { Cron } from 'croner';
import type { AuditResult } from '../audit-schema.js';
import { recordAudit } from '../history/record-audit.js';
import { writeReports, type ReportFormat } from '../write-reports.js';
import { shanghaiDateTime } from '../time.js';
import { hostKey, siteKey } from '../url-key.js';
import { postWebhook, type WebhookOptions, type WebhookResult } from './webhook.js';

/** The crawler's runAudit, injected so tests (and other callers) can replace it. */
export type RunAuditFn = (options: { url: string; outDir: string } & Record<string, unknown>) => Promise<AuditResult>;

export interface SchedulerOptions {
  cron: string;
  urls: string[];
  runAudit: RunAuditFn;
  /** Extra options passed to runAudit (configPath, maxPages, …). */
  auditOptions?: Record<string, unknown>;
  /** Base output directory; each run writes to <outDir>/<host>/<timestamp>/. */
  outDir: string;
  dataDir: string;
  formats?: ReportFormat[];
  /** Evidence screenshots with each run's reports. */
  evidence?: boolean;
  webhook?: string;
  webhookOptions?: WebhookOptions;
  log?: (line: string) => void;
  now?: () => Date;
}

export type RunOutcome =
  | { status: 'done'; url: string; auditId: string; outDir: string; newSerious: number; stored: boolean; webhook?: WebhookResult }
  | { status: 'skipped'; url: string }
  | { status: 'failed'; url: string; error: string };

export class ScheduleError extends Error {}

const CRON_HELP =
  '应为 5 个（分 时 日 月 周）或 6 个（秒 分 时 日 月 周）以空格分隔的字段，取值在范围内（秒、分 0-59，时 0-23，日 1-31，月 1-12，周 0-7），如 "0 2 * * *" 表示每天 2:00';

export function validateCron(pattern: string): void {
  let next: Date | null;
  try {
    const job = new Cron(pattern, { paused: true, timezone: 'Asia/Shanghai' });
    next = job.nextRun();
    job.stop();
  } catch {
    // croner's own message is English; the user gets the zh-CN shape of a valid expression instead.
    throw new ScheduleError(`cron 表达式“${pattern}”无效：${CRON_HELP}`);
  }
  if (!next) throw new ScheduleError(`cron 表达式“${pattern}”永远不会触发（如 2 月 30 日），请检查日期字段`);
}

export class AuditScheduler {
  private job?: Cron;
  private readonly running = new Set<string>();
  private readonly now: () => Date;
  private readonly log: (line: string) => void;

  constructor(private readonly opts: SchedulerOptions) {
    validateCron(opts.cron);
    if (opts.urls.length === 0) throw new ScheduleError('请至少指定一个要审计的网站地址');
    for (const u of opts.urls) if (!hostKey(u)) throw new ScheduleError(`网址无效：${u}（应以 http:// 或 https:// 开头）`);
    this.now = opts.now ?? (() => new Date());
    const sink = opts.log ?? ((line: string) => console.log(line));
    this.log = (msg) => sink(`[${shanghaiDateTime(this.now())}] ${msg}`);
  }

  start(): void {
    this.job = new Cron(this.opts.cron, { timezone: 'Asia/Shanghai', catch: (e) => this.log(`定时任务异常：${String(e)}`) }, () => {
      void this.tick();
    });
    const next = this.job.nextRun();
    this.log(`定时审计已启动（${this.opts.cron}，北京时间），网站：${this.opts.urls.join('、')}；下次运行：${next ? shanghaiDateTime(next) : '无'}`);
  }

  stop(): void {
    this.job?.stop();
    this.job = undefined;
  }

  nextRun(): Date | null {
    return this.job?.nextRun() ?? null;
  }

  /** One firing of the schedule: every site, each independently. */
  async tick(): Promise<RunOutcome[]> {
    return Promise.all(this.opts.urls.map((url) => this.runSite(url)));
  }

  async runSite(url: string): Promise<RunOutcome> {
    const key = siteKey(url);
    if (this.running.has(key)) {
      this.log(`跳过 ${url}：上一次审计仍在进行`);
      return { status: 'skipped', url };
    }
    this.running.add(key);
    const stamp = shanghaiDateTime(this.now()).replace(/[-: ]/g, '').slice(0, 14);
    const outDir = path.join(this.opts.outDir, (hostKey(url) ?? 'site').replace(/[^a-z0-9.-]/gi, '_'), stamp);
    this.log(`开始审计 ${url}，输出目录 ${outDir}`);
    try {
      const audit = await this.opts.runAudit({ ...(this.opts.auditOptions ?? {}), url, outDir });
      const rec = await recordAudit(audit, { dataDir: this.opts.dataDir });
      if (!rec.stored) this.log(`审计结果未写入历史数据库：${rec.error}`);
      const formats = this.opts.formats ?? ['html', 'xlsx', 'csv'];
      if (formats.length) {
        try {
          await writeReports(audit, outDir, { formats, dataDir: this.opts.dataDir, evidence: this.opts.evidence });
        } catch (err) {
          this.log(`生成报告失败：${err instanceof Error ? err.message : String(err)}`);
        }
      }
      // Without a stored history, every critical/serious finding counts as new.
      const newIds = rec.delta ? new Set([...rec.delta.new, ...rec.delta.reopened]) : new Set(audit.findings.map((f) => f.id));
      const fresh = audit.findings.filter((f) => newIds.has(f.id) && (f.severity === 'critical' || f.severity === 'serious'));
      this.log(`完成审计 ${url}：问题 ${audit.findings.length} 条，新增严重/较重问题 ${fresh.length} 条${audit.verdict ? `，结论：${audit.verdict.pass ? '合格' : '不合格'}` : ''}`);
      let webhook: WebhookResult | undefined;
      if (this.opts.webhook && fresh.length > 0) {
        webhook = await postWebhook(this.opts.webhook, webhookPayload(audit, fresh, outDir), this.opts.webhookOptions);
        this.log(webhook.ok ? `已通知 ${this.opts.webhook}（第 ${webhook.attempts} 次尝试成功）` : `通知失败（已尝试 ${webhook.attempts} 次）：${webhook.error}`);
      }
      return { status: 'done', url, auditId: audit.audit.id, outDir, newSerious: fresh.length, stored: rec.stored, webhook };
    } catch (err) {
      const error = err instanceof Error ? err.message : String(err);
      // Stopping the scheduler aborts a running audit: that is not a failure of the site.
      this.log((err as Error)?.name === 'AuditInterruptedError' ? `审计已中止 ${url}（定时审计停止）` : `审计失败 ${url}：${error}`);
      return { status: 'failed', url, error };
    } finally {
      this.running.delete(key);
    }
  }
}

export function webhookPayload(audit: AuditResult, fresh: AuditResult['findings'], outDir: string) {
  return {
    event: 'gongkai.new-findings',
    text: `网站 ${audit.audit.site} 在 ${audit.audit.asOf} 的审计中新增 ${fresh.length} 条严重或较重问题`,
    site: audit.audit.site,
    auditId: audit.audit.id,
    asOf: audit.audit.asOf,
    verdict: audit.verdict ? { pass: audit.verdict.pass, score: audit.verdict.score } : undefined,
    report: path.join(outDir, 'report.html'),
    findings: fresh.map((f) => ({ id: f.id, rule: f.rule, severity: f.severity, url: f.url, message: f.message, owner: f.owner, column: f.column })),
  };
}

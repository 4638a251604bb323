// The audit history (SQLite via better-sqlite3): audits with their findings, finding lifecycle per site
// (new / persisting / reopened, and fixed when gone), waivers with expiry, trend and diff.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { findingSchema, parseAudit, type AuditResult, type Finding, type Severity } from '../audit-schema.js';
import { severityCounts } from '../render/summary.js';
import { hostKey, pageKey, siteKey } from '../url-key.js';
import { isIsoDate, shanghaiDate } from '../time.js';
import { HistoryError, toHistoryError } from './history-error.js';
import { migrate, summaryJsonOf } from './migrations.js';
import type { AuditDelta, HistoryContext, Lifecycle, TrendPoint, Waiver } from './history-context.js';

export const HISTORY_FILE = 'history.db';

export interface OpenHistoryOptions {
  /** Milliseconds to wait for a lock held by another process before failing (default 5000). */
  busyTimeoutMs?: number;
  readonly?: boolean;
}

export interface AuditRow {
  id: string;
  site: string;
  siteKey: string;
  host: string;
  asOf: string;
  startedAt: string;
  finishedAt: string;
  pages: number;
  total: number;
  bySeverity: Record<Severity, number>;
  score?: number;
  pass?: boolean;
}

export interface DiffResult {
  from: AuditRow;
  to: AuditRow;
  new: Finding[];
  fixed: Finding[];
  persisting: Finding[];
}

interface RawAudit {
  id: string;
  site: string;
  site_key: string;
  host: string | null;
  as_of: string;
  started_at: string;
  finished_at: string;
  pages: number;
  total: number;
  /** { bySeverity, score, pass } (migration 3); NULL for a row whose JSON did not parse. */
  summary?: string | null;
  /** Only selected from a database not yet migrated to 3. */
  json?: string;
}

/** Where an audit's findings are (audits.findings_apart): in its JSON, with their ids and lifecycles in rows of
 *  `findings` (before migration 4, or with a repeated finding id); in rows of `findings` (migration 4); or each
 *  distinct finding once in `finding_texts`, referenced from `audit_findings` (migration 6). */
const IN_JSON = 0;
const IN_ROWS = 1;
const SHARED = 2;

/** Everything a listing needs except the (multi-megabyte) audit JSON. */
const ROW_COLUMNS = 'id, site, site_key, host, as_of, started_at, finished_at, pages, total';

export class HistoryStore {
  /** Whether audits has the summary column (a read-only handle on an older database has not). */
  private readonly hasSummary: boolean;
  /** Whether findings can hold their JSON apart from the audit's (migration 4). */
  private readonly hasFindingsApart: boolean;
  /** Whether the finding ids of each site are in a table of their own (migration 5). */
  private readonly hasFindingIds: boolean;
  /** Whether distinct findings are stored once and referenced (migration 6). */
  private readonly hasFindingTexts: boolean;

  private constructor(
    readonly db: Database.Database,
    readonly file: string,
  ) {
    this.hasSummary = db.prepare("SELECT COUNT(*) FROM pragma_table_info('audits') WHERE name = 'summary'").pluck().get() === 1;
    this.hasFindingsApart = db.prepare("SELECT COUNT(*) FROM pragma_table_info('audits') WHERE name = 'findings_apart'").pluck().get() === 1;
    this.hasFindingIds = db.prepare("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'finding_ids'").pluck().get() === 1;
    this.hasFindingTexts = db.prepare("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'finding_texts'").pluck().get() === 1;
  }

  /** Open (creating and migrating as needed) dataDir/history.db; throws HistoryError with a zh-CN message. */
  static open(dataDir: string, opts: OpenHistoryOptions = {}): HistoryStore {
    const file = path.resolve(dataDir, HISTORY_FILE);
    let db: Database.Database | undefined;
    try {
      if (opts.readonly) {
        if (!fs.existsSync(file)) throw new HistoryError(`历史数据库不存在：${file}（尚未记录任何审计）`, 'not-found');
      } else {
        fs.mkdirSync(path.dirname(file), { recursive: true });
      }
      db = new Database(file, { timeout: opts.busyTimeoutMs ?? 5000, readonly: opts.readonly ?? false, fileMustExist: opts.readonly ?? false });
      db.pragma('foreign_keys = ON');
      if (!opts.readonly) {
        db.pragma('journal_mode = WAL');
        // better-sqlite3 builds SQLite with a 16 MB page cache; an audit's rows are appended in one transaction and
        // need far less, and the reports (xlsx in its worker) are being written at the same time.
        db.pragma('cache_size = -4096');
        migrate(db);
      } else {
        db.prepare('SELECT COUNT(*) FROM sqlite_master').get();
      }
      return new HistoryStore(db, file);
    } catch (err) {
      db?.close();
      throw toHistoryError(err, file);
    }
  }

  close(): void {
    this.db.close();
  }

  private wrap<T>(fn: () => T): T {
    try {
      return fn();
    } catch (err) {
      throw toHistoryError(err, this.file);
    }
  }

  /** Store an audit (replacing one with the same id) and return its delta against the previous audit of the site. */
  record(audit: AuditResult): { auditId: string; delta?: AuditDelta; lifecycle: Map<string, Lifecycle> } {
    return this.wrap(() =>
      this.db
        .transaction(() => {
          const a = audit.audit;
          const key = siteKey(a.site);
          this.db.prepare('DELETE FROM audits WHERE id = ?').run(a.id);
          const { delta, lifecycle } = this.deltaFor(key, a.startedAt, audit.findings);
          // Each distinct finding is stored once and the audit refers to it; the audit's JSON goes without them (a
          // store that records is migrated). An audit with a repeated finding id (which lifecycles, keyed by id, would
          // merge) keeps the whole JSON, with a row per id in `findings`.
          const shared = new Set(audit.findings.map((f) => f.id)).size === audit.findings.length;
          this.db
            .prepare(
              'INSERT INTO audits (id, site, site_key, host, as_of, started_at, finished_at, pages, total, json, recorded_at, summary, findings_apart) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)',
            )
            .run(a.id, a.site, key, hostKey(a.site) ?? '', a.asOf, a.startedAt, a.finishedAt, a.pagesCrawled, audit.findings.length, JSON.stringify(shared ? { ...audit, findings: [] } : audit), new Date().toISOString(), summaryJsonOf(audit), shared ? SHARED : IN_JSON);
          if (shared) this.insertShared(a.id, audit.findings, lifecycle);
          else this.insertIdRows(a.id, audit.findings, lifecycle);
          if (this.hasFindingIds) {
            // A finding the previous audit had is known already; a new or reopened one may be (an audit recorded
            // out of order keeps the earliest start).
            const seen = this.db.prepare(
              `INSERT INTO finding_ids (site_key, id, first_seen) VALUES (?, ?, ?)
               ON CONFLICT (site_key, id) DO UPDATE SET first_seen = min(first_seen, excluded.first_seen)`,
            );
            for (const [id, state] of lifecycle) if (state !== 'persisting') seen.run(key, id, a.startedAt);
          }
          return { auditId: a.id, delta, lifecycle };
        })
        .immediate(),
    );
  }

  /** An audit's findings by reference: the text of one already stored (by any audit) is not stored again. */
  private insertShared(auditId: string, findings: Finding[], lifecycle: Map<string, Lifecycle>): void {
    // A finding keeps its id while its text may change (a new date in the message): the same id with another text
    // is another text.
    const stored = this.db
      .prepare('SELECT tid FROM finding_texts WHERE id = ? AND rule = ? AND severity = ? AND url = ? AND owner IS ? AND message = ? AND json = ?')
      .pluck();
    const addText = this.db.prepare('INSERT INTO finding_texts (id, rule, severity, url, owner, message, json) VALUES (?,?,?,?,?,?,?)');
    const addRef = this.db.prepare('INSERT INTO audit_findings (audit_id, seq, id, tid, lifecycle) VALUES (?,?,?,?,?)');
    for (const [seq, f] of findings.entries()) {
      const text = [f.id, f.rule, f.severity, f.url, f.owner ?? null, f.message, findingRestJson(f)] as const;
      const tid = (stored.get(...text) as number | undefined) ?? addText.run(...text).lastInsertRowid;
      addRef.run(auditId, seq, f.id, tid, lifecycle.get(f.id) ?? 'new');
    }
  }

  /** The id rows of an audit kept whole in its JSON. */
  private insertIdRows(auditId: string, findings: Finding[], lifecycle: Map<string, Lifecycle>): void {
    const ins = this.db.prepare('INSERT OR IGNORE INTO findings (audit_id, id, rule, severity, url, owner, message, lifecycle, url_key) VALUES (?,?,?,?,?,?,?,?,?)');
    for (const f of findings) ins.run(auditId, f.id, f.rule, f.severity, f.url, f.owner ?? null, f.message, lifecycle.get(f.id) ?? 'new', pageKey(f.url) ?? f.url);
  }

  /** The findings of an audit stored apart from its JSON, in the audit's order; with `ids`, only those. */
  private findingRows(auditId: string, where: typeof IN_ROWS | typeof SHARED, ids?: string[]): FindingRow[] {
    const only = ids ? ` AND ${where === SHARED ? 'r.' : ''}id IN (SELECT value FROM json_each(@ids))` : '';
    const sql =
      where === IN_ROWS
        ? `SELECT ${FINDING_ROW} FROM findings WHERE audit_id = @a${only} ORDER BY rowid`
        : `SELECT ${SHARED_ROW} FROM audit_findings r JOIN finding_texts t ON t.tid = r.tid WHERE r.audit_id = @a${only} ORDER BY r.seq`;
    return this.db.prepare(sql).all(ids ? { a: auditId, ids: JSON.stringify(ids) } : { a: auditId }) as FindingRow[];
  }

  /** The finding rows of a stored audit (whichever table holds them) with the given columns. */
  private findingRefs(auditId: string, columns: 'id' | 'id, lifecycle'): Database.Statement {
    const shared = this.hasFindingTexts ? ` UNION ALL SELECT ${columns} FROM audit_findings WHERE audit_id = @a` : '';
    return this.db.prepare(`SELECT ${columns} FROM findings WHERE audit_id = @a${shared}`).bind({ a: auditId });
  }

  private previousOf(key: string, startedAt: string): AuditRow | undefined {
    const raw = this.db
      .prepare(`SELECT ${this.rowColumns} FROM audits WHERE site_key = ? AND started_at < ? ORDER BY started_at DESC, rowid DESC LIMIT 1`)
      .get(key, startedAt) as RawAudit | undefined;
    return raw ? this.toRow(raw) : undefined;
  }

  private get rowColumns(): string {
    return this.hasSummary ? `${ROW_COLUMNS}, summary` : `${ROW_COLUMNS}, json`;
  }

  private toRow(raw: RawAudit): AuditRow {
    let bySeverity = { critical: 0, serious: 0, moderate: 0, minor: 0 } as Record<Severity, number>;
    let score: number | undefined;
    let pass: boolean | undefined;
    if (raw.summary) {
      ({ bySeverity, score, pass } = JSON.parse(raw.summary) as { bySeverity: Record<Severity, number>; score?: number; pass?: boolean });
    } else {
      try {
        const json = raw.json ?? (this.db.prepare('SELECT json FROM audits WHERE id = ?').pluck().get(raw.id) as string);
        const audit = JSON.parse(json) as AuditResult;
        bySeverity = severityCounts(audit.findings);
        score = audit.verdict?.score;
        pass = audit.verdict?.pass;
      } catch {
        // A row whose JSON does not parse still lists; its counts stay zero.
      }
    }
    return {
      id: raw.id,
      site: raw.site,
      siteKey: raw.site_key,
      host: raw.host ?? '',
      asOf: raw.as_of,
      startedAt: raw.started_at,
      finishedAt: raw.finished_at,
      pages: raw.pages,
      total: raw.total,
      bySeverity,
      score,
      pass,
    };
  }

  /** Audits, newest first; filtered by site (start URL, any page URL of the site, or a host). */
  listAudits(site?: string): AuditRow[] {
    return this.wrap(() => {
      const rows = site
        ? (this.db
            .prepare(`SELECT ${this.rowColumns} FROM audits WHERE site_key = ? OR host = ? ORDER BY started_at DESC, rowid DESC`)
            .all(siteKey(site), hostKey(site) ?? site.toLowerCase()) as RawAudit[])
        : (this.db.prepare(`SELECT ${this.rowColumns} FROM audits ORDER BY started_at DESC, rowid DESC`).all() as RawAudit[]);
      return rows.map((r) => this.toRow(r));
    });
  }

  /** One row per site with its latest audit. */
  sites(): AuditRow[] {
    const seen = new Set<string>();
    return this.listAudits().filter((a) => (seen.has(a.siteKey) ? false : (seen.add(a.siteKey), true)));
  }

  getAuditRow(id: string): AuditRow | undefined {
    return this.wrap(() => {
      const raw = this.db.prepare(`SELECT ${this.rowColumns} FROM audits WHERE id = ?`).get(id) as RawAudit | undefined;
      return raw ? this.toRow(raw) : undefined;
    });
  }

  getAudit(id: string): AuditResult | undefined {
    return this.wrap(() => {
      const raw = this.db.prepare(`SELECT json${this.hasFindingsApart ? ', findings_apart' : ''} FROM audits WHERE id = ?`).get(id) as
        | { json: string; findings_apart?: number }
        | undefined;
      if (!raw) return undefined;
      const audit = JSON.parse(raw.json) as { findings: unknown[] };
      if (raw.findings_apart === IN_ROWS || raw.findings_apart === SHARED) audit.findings = this.findingRows(id, raw.findings_apart).map(findingOfRow);
      return parseAudit(audit);
    });
  }

  latestAudit(site: string): AuditRow | undefined {
    return this.listAudits(site)[0];
  }

  findingsOf(auditId: string): Finding[] {
    return this.getAudit(auditId)?.findings ?? [];
  }

  lifecycleOf(auditId: string): Map<string, Lifecycle> {
    return this.wrap(
      () =>
        new Map((this.findingRefs(auditId, 'id, lifecycle').all() as { id: string; lifecycle: Lifecycle | null }[]).map((r) => [r.id, r.lifecycle ?? 'new'])),
    );
  }

  /** new = only in `to`; fixed = only in `from`; persisting = in both. */
  diff(fromId: string, toId: string): DiffResult {
    const from = this.getAuditRow(fromId);
    const to = this.getAuditRow(toId);
    if (!from) throw new HistoryError(`未找到审计：${fromId}`, 'not-found');
    if (!to) throw new HistoryError(`未找到审计：${toId}`, 'not-found');
    return { from, to, ...diffFindings(this.findingsOf(fromId), this.findingsOf(toId)) };
  }

  trend(site: string): TrendPoint[] {
    return this.listAudits(site)
      .reverse()
      .map((a) => ({ auditId: a.id, asOf: a.asOf, total: a.total, bySeverity: a.bySeverity, score: a.score, pass: a.pass }));
  }

  /** Accept a finding until a date; the finding must be in a stored audit. Replaces an earlier waiver. */
  waive(w: { findingId: string; reason: string; until: string; by?: string }, today = shanghaiDate()): Waiver {
    if (!w.reason.trim()) throw new HistoryError('豁免理由不能为空', 'invalid');
    if (!isIsoDate(w.until)) throw new HistoryError(`有效期“${w.until}”格式错误，应为 YYYY-MM-DD`, 'invalid');
    if (w.until < today) throw new HistoryError(`有效期 ${w.until} 早于今天（${today}），豁免不会生效`, 'invalid');
    return this.wrap(() => {
      const row = this.db
        .prepare(
          this.hasFindingIds
            ? 'SELECT site_key FROM finding_ids WHERE id = ? ORDER BY first_seen DESC LIMIT 1'
            : 'SELECT a.site_key AS site_key FROM findings f JOIN audits a ON a.id = f.audit_id WHERE f.id = ? ORDER BY a.started_at DESC LIMIT 1',
        )
        .get(w.findingId) as { site_key: string } | undefined;
      if (!row) throw new HistoryError(`历史记录中没有编号为 ${w.findingId} 的问题（请先记录包含该问题的审计）`, 'not-found');
      const createdAt = new Date().toISOString();
      this.db
        .prepare('INSERT OR REPLACE INTO waivers (finding_id, site_key, reason, by, until, created_at) VALUES (?,?,?,?,?,?)')
        .run(w.findingId, row.site_key, w.reason.trim(), w.by?.trim() || null, w.until, createdAt);
      return { findingId: w.findingId, reason: w.reason.trim(), by: w.by?.trim() || undefined, until: w.until, createdAt, site: row.site_key };
    });
  }

  /** Waivers in force on `onDate` (until is inclusive); expired ones do not apply. */
  waivers(opts: { site?: string; onDate?: string; includeExpired?: boolean } = {}): Waiver[] {
    const onDate = opts.onDate ?? shanghaiDate();
    return this.wrap(() => {
      const rows = this.db.prepare('SELECT * FROM waivers ORDER BY created_at').all() as {
        finding_id: string;
        site_key: string | null;
        reason: string;
        by: string | null;
        until: string;
        created_at: string;
      }[];
      const wantKey = opts.site ? siteKey(opts.site) : undefined;
      const wantHost = opts.site ? hostKey(opts.site) : undefined;
      return rows
        .filter((r) => opts.includeExpired || r.until >= onDate)
        .filter((r) => !opts.site || r.site_key === wantKey || (wantHost !== undefined && hostKey(r.site_key ?? '') === wantHost))
        .map((r) => ({ findingId: r.finding_id, reason: r.reason, by: r.by ?? undefined, until: r.until, createdAt: r.created_at, site: r.site_key ?? undefined }));
    });
  }

  /** Trend, delta and waivers for one audit, as its reports show them (waivers judged on the audit's date). */
  contextFor(audit: AuditResult): HistoryContext {
    const a = audit.audit;
    const trend: TrendPoint[] = this.listAudits(a.site)
      .reverse()
      .filter((row) => row.startedAt <= a.startedAt && row.id !== a.id)
      .map((row) => ({ auditId: row.id, asOf: row.asOf, total: row.total, bySeverity: row.bySeverity, score: row.score, pass: row.pass }));
    trend.push({ auditId: a.id, asOf: a.asOf, total: audit.findings.length, bySeverity: severityCounts(audit.findings), score: audit.verdict?.score, pass: audit.verdict?.pass });
    const delta = this.wrap(() => this.deltaFor(siteKey(a.site), a.startedAt, audit.findings).delta);
    return { trend, delta, waivers: this.waivers({ site: a.site, onDate: a.asOf }) };
  }

  private deltaFor(key: string, startedAt: string, findings: Finding[]): { delta?: AuditDelta; lifecycle: Map<string, Lifecycle> } {
    const prev = this.previousOf(key, startedAt);
    const lifecycle = new Map<string, Lifecycle>();
    // Without a previous audit there is no earlier one either: everything is new.
    if (!prev) {
      for (const f of findings) lifecycle.set(f.id, 'new');
      return { lifecycle };
    }
    // Rows hold each stored audit's finding ids: no need to parse the previous audit's JSON.
    const prevIds = new Set(this.findingRefs(prev.id, 'id').pluck().all() as string[]);
    // Only a finding absent from the previous audit can have been seen earlier (reopened): look those up alone.
    const seenEarlier = this.db
      .prepare(
        this.hasFindingIds
          ? 'SELECT 1 FROM finding_ids WHERE id = ? AND site_key = ? AND first_seen < ?'
          : 'SELECT 1 FROM findings f JOIN audits a ON a.id = f.audit_id WHERE f.id = ? AND a.site_key = ? AND a.started_at < ? LIMIT 1',
      )
      .pluck();
    for (const f of findings) {
      if (lifecycle.has(f.id)) continue;
      lifecycle.set(f.id, prevIds.has(f.id) ? 'persisting' : seenEarlier.get(f.id, key, startedAt) !== undefined ? 'reopened' : 'new');
    }
    const current = new Set(findings.map((f) => f.id));
    const ids = (l: Lifecycle) => [...lifecycle].filter(([, v]) => v === l).map(([id]) => id);
    const gone = [...prevIds].filter((id) => !current.has(id));
    return {
      lifecycle,
      delta: {
        previousAuditId: prev.id,
        previousAsOf: prev.asOf,
        new: ids('new'),
        persisting: ids('persisting'),
        reopened: ids('reopened'),
        fixed: gone.length ? this.findingsWithIds(prev.id, gone) : [],
      },
    };
  }

  /** The findings of a stored audit with the given ids, in the audit's order, validated like getAudit's. */
  private findingsWithIds(auditId: string, ids: string[]): Finding[] {
    // Only these findings are parsed and validated in JS: from their rows, or picked out of an older audit's JSON.
    const where = this.hasFindingsApart ? (this.db.prepare('SELECT findings_apart FROM audits WHERE id = ?').pluck().get(auditId) as number) : IN_JSON;
    if (where === IN_ROWS || where === SHARED) return this.findingRows(auditId, where, ids).map((r) => findingSchema.parse(findingOfRow(r)));
    const rows = this.db
      .prepare(
        `SELECT j.value FROM audits a, json_each(a.json, '$.findings') j
         WHERE a.id = ? AND json_extract(j.value, '$.id') IN (SELECT value FROM json_each(?)) ORDER BY j.key`,
      )
      .pluck()
      .all(auditId, JSON.stringify(ids)) as string[];
    return rows.map((v) => findingSchema.parse(JSON.parse(v)));
  }
}

/** A finding's row keeps in its JSON only what its columns do not hold (the columns are not stored twice). */
const FINDING_ROW = 'id, rule, severity, url, owner, message, json';
const SHARED_ROW = 't.id, t.rule, t.severity, t.url, t.owner, t.message, t.json';
interface FindingRow {
  id: string;
  rule: string;
  severity: string;
  url: string;
  owner: string | null;
  message: string;
  json: string;
}

function findingRestJson(f: Finding): string {
  const { id: _id, rule: _rule, severity: _severity, url: _url, owner: _owner, message: _message, ...rest } = f;
  return JSON.stringify(rest);
}

function findingOfRow(r: FindingRow): unknown {
  const rest = JSON.parse(r.json) as Record<string, unknown>;
  return { id: r.id, rule: r.rule, severity: r.severity, url: r.url, ...(r.owner !== null ? { owner: r.owner } : {}), message: r.message, ...rest };
}

export function diffFindings(from: Finding[], to: Finding[]): { new: Finding[]; fixed: Finding[]; persisting: Finding[] } {
  const fromIds = new Set(from.map((f) => f.id));
  const toIds = new Set(to.map((f) => f.id));
  return {
    new: to.filter((f) => !fromIds.has(f.id)),
    fixed: from.filter((f) => !toIds.has(f.id)),
    persisting: to.filter((f) => fromIds.has(f.id)),
  };
}

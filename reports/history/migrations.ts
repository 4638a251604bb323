// Versioned schema migrations. Each step runs once, in a transaction, and records itself in schema_version.
// Never edit a shipped step: add a new one.
import type Database from 'better-sqlite3';
import { HistoryError } from './history-error.js';
import { hostKey, pageKey } from '../url-key.js';
import type { AuditResult } from '../audit-schema.js';
import { severityCounts } from '../render/summary.js';

export interface Migration {
  version: number;
  description: string;
  up(db: Database.Database): void;
}

export const MIGRATIONS: Migration[] = [
  {
    version: 1,
    description: 'audits and findings',
    up(db) {
      db.exec(`
        CREATE TABLE audits (
          id TEXT PRIMARY KEY,
          site TEXT NOT NULL,
          site_key TEXT NOT NULL,
          as_of TEXT NOT NULL,
          started_at TEXT NOT NULL,
          finished_at TEXT NOT NULL,
          pages INTEGER NOT NULL,
          total INTEGER NOT NULL,
          json TEXT NOT NULL,
          recorded_at TEXT NOT NULL
        );
        CREATE INDEX audits_site ON audits(site_key, started_at);
        CREATE TABLE findings (
          audit_id TEXT NOT NULL REFERENCES audits(id) ON DELETE CASCADE,
          id TEXT NOT NULL,
          rule TEXT NOT NULL,
          severity TEXT NOT NULL,
          url TEXT NOT NULL,
          owner TEXT,
          message TEXT NOT NULL,
          PRIMARY KEY (audit_id, id)
        );
        CREATE INDEX findings_id ON findings(id);
      `);
    },
  },
  {
    version: 2,
    description: 'finding lifecycle, page/host keys, waivers',
    up(db) {
      db.exec(`
        ALTER TABLE audits ADD COLUMN host TEXT;
        ALTER TABLE findings ADD COLUMN lifecycle TEXT;
        ALTER TABLE findings ADD COLUMN url_key TEXT;
        CREATE TABLE waivers (
          finding_id TEXT PRIMARY KEY,
          site_key TEXT,
          reason TEXT NOT NULL,
          by TEXT,
          until TEXT NOT NULL,
          created_at TEXT NOT NULL
        );
        CREATE INDEX audits_host ON audits(host, started_at);
        CREATE INDEX findings_url_key ON findings(url_key);
      `);
      // Backfill keys and lifecycle of audits stored by v1.
      const setHost = db.prepare('UPDATE audits SET host = ? WHERE id = ?');
      for (const a of db.prepare('SELECT id, site FROM audits').all() as { id: string; site: string }[]) {
        setHost.run(hostKey(a.site) ?? '', a.id);
      }
      const setKey = db.prepare('UPDATE findings SET url_key = ? WHERE audit_id = ? AND id = ?');
      for (const f of db.prepare('SELECT audit_id, id, url FROM findings').all() as { audit_id: string; id: string; url: string }[]) {
        setKey.run(pageKey(f.url) ?? f.url, f.audit_id, f.id);
      }
      const sites = db.prepare('SELECT DISTINCT site_key FROM audits').all() as { site_key: string }[];
      const setLife = db.prepare('UPDATE findings SET lifecycle = ? WHERE audit_id = ? AND id = ?');
      for (const { site_key } of sites) {
        const audits = db.prepare('SELECT id FROM audits WHERE site_key = ? ORDER BY started_at, rowid').all(site_key) as { id: string }[];
        const ever = new Set<string>();
        let prev = new Set<string>();
        for (const a of audits) {
          const ids = (db.prepare('SELECT id FROM findings WHERE audit_id = ?').all(a.id) as { id: string }[]).map((r) => r.id);
          for (const id of ids) setLife.run(prev.has(id) ? 'persisting' : ever.has(id) ? 'reopened' : 'new', a.id, id);
          prev = new Set(ids);
          for (const id of ids) ever.add(id);
        }
      }
    },
  },
  {
    version: 3,
    description: 'severity counts, score and pass of each audit, so listings need not parse its JSON',
    up(db) {
      db.exec('ALTER TABLE audits ADD COLUMN summary TEXT');
      const get = db.prepare('SELECT json FROM audits WHERE id = ?').pluck();
      const set = db.prepare('UPDATE audits SET summary = ? WHERE id = ?');
      for (const id of db.prepare('SELECT id FROM audits').pluck().all() as string[]) {
        // A row whose JSON does not parse keeps a NULL summary (listed with zero counts, as before).
        const summary = auditSummaryJson(get.get(id) as string);
        if (summary !== undefined) set.run(summary, id);
      }
    },
  },
  {
    version: 4,
    description: "each finding's JSON in its own row, the audit's JSON without them",
    up(db) {
      // One audit row held the whole audit: ≈13 MB of JSON at 20,000 findings, which SQLite copied several times
      // while inserting it (≈55 MB at once, the report step's peak memory). Older rows stay as they are
      // (findings_apart = 0) and are read as before.
      db.exec(`
        ALTER TABLE findings ADD COLUMN json TEXT;
        ALTER TABLE audits ADD COLUMN findings_apart INTEGER NOT NULL DEFAULT 0;
      `);
    },
  },
  {
    version: 5,
    description: 'the finding ids each site has had, in a table of their own instead of an index over every audit',
    up(db) {
      // The indexes on findings(id) and findings(url_key) spanned the rows of every audit ever stored: each audit's
      // inserts landed all over them, so recording took longer with every nightly audit (10,000 pages, 21,000
      // findings: 0.75 s for the first, 1.3-1.5 s by the twelfth). What they served — was a finding seen before,
      // in which site — needs one row per site and finding id, which does not grow with the number of audits.
      db.exec(`
        CREATE TABLE finding_ids (
          site_key TEXT NOT NULL,
          id TEXT NOT NULL,
          first_seen TEXT NOT NULL,
          PRIMARY KEY (site_key, id)
        ) WITHOUT ROWID;
        INSERT INTO finding_ids (site_key, id, first_seen)
          SELECT a.site_key, f.id, MIN(a.started_at) FROM findings f JOIN audits a ON a.id = f.audit_id
          GROUP BY a.site_key, f.id;
        CREATE INDEX finding_ids_id ON finding_ids(id);
        DROP INDEX IF EXISTS findings_id;
        DROP INDEX IF EXISTS findings_url_key;
      `);
    },
  },
  {
    version: 6,
    description: 'each distinct finding stored once; an audit lists its findings by reference',
    up(db) {
      // A nightly re-audit finds mostly what the last one found: storing every finding's text again grew the file by
      // ≈14 MB a night at 10,000 pages (≈5 GB a year). A finding's text (its columns and JSON) is now kept once (found
      // again by its id and compared whole); an audit keeps one small row per finding (findings_apart = 2), with the id, which
      // lifecycles and deltas read without visiting the texts. Audits stored before keep their rows in `findings`
      // and are read as before.
      db.exec(`
        CREATE TABLE finding_texts (
          tid INTEGER PRIMARY KEY,
          id TEXT NOT NULL,
          rule TEXT NOT NULL,
          severity TEXT NOT NULL,
          url TEXT NOT NULL,
          owner TEXT,
          message TEXT NOT NULL,
          json TEXT NOT NULL
        );
        CREATE TABLE audit_findings (
          audit_id TEXT NOT NULL REFERENCES audits(id) ON DELETE CASCADE,
          seq INTEGER NOT NULL,
          id TEXT NOT NULL,
          tid INTEGER NOT NULL,
          lifecycle TEXT NOT NULL,
          PRIMARY KEY (audit_id, seq)
        ) WITHOUT ROWID;
        CREATE INDEX finding_texts_id ON finding_texts(id);
      `);
    },
  },
];

/** The audits.summary column: { bySeverity, score, pass } of an audit's JSON; undefined when it does not parse. */
export function auditSummaryJson(json: string): string | undefined {
  try {
    return summaryJsonOf(JSON.parse(json) as AuditResult);
  } catch {
    return undefined;
  }
}

/** The same from the audit object (what JSON.parse of its JSON would give for the fields read). */
export function summaryJsonOf(audit: AuditResult): string {
  return JSON.stringify({ bySeverity: severityCounts(audit.findings), score: audit.verdict?.score, pass: audit.verdict?.pass });
}

export const LATEST_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;

export function currentVersion(db: Database.Database): number {
  db.exec('CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)');
  const row = db.prepare('SELECT MAX(version) AS v FROM schema_version').get() as { v: number | null };
  return row.v ?? 0;
}

/** Bring the database to `target` (default: latest). Returns the versions applied. */
export function migrate(db: Database.Database, target = LATEST_VERSION): number[] {
  const from = currentVersion(db);
  if (from > LATEST_VERSION) {
    throw new HistoryError(`历史数据库版本（v${from}）高于本程序支持的版本（v${LATEST_VERSION}），请升级 gongkai`, 'too-new');
  }
  const applied: number[] = [];
  for (const m of MIGRATIONS) {
    if (m.version <= from || m.version > target) continue;
    db.transaction(() => {
      m.up(db);
      db.prepare('INSERT INTO schema_version (version, applied_at) VALUES (?, ?)').run(m.version, new Date().toISOString());
    }).immediate();
    applied.push(m.version);
  }
  return applied;
}

// The history store's fast paths (stored summaries, finding ids from the findings table, fixed findings picked
// out of the JSON by SQLite) must give what the plain way gives: parse every stored audit and compare in JS.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { parseAudit, type AuditResult, type Finding } from '../../reports/audit-schema.js';
import { HistoryStore } from '../../reports/history/history-store.js';
import { migrate } from '../../reports/history/migrations.js';
import { severityCounts } from '../../reports/render/summary.js';
import { loadFixture } from './load-fixture.js';

const base = loadFixture();
const dirs: string[] = [];
function tmp(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'gk-hfast-'));
  dirs.push(d);
  return d;
}
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function f(id: string, severity: Finding['severity'], extra: Partial<Finding> = {}): Finding {
  return { id, rule: 'link/broken', severity, url: `http://jtt.jl.gov.cn/p/${id}.html`, message: `问题 ${id}`, evidence: { n: id }, ...extra };
}
function audit(id: string, day: string, findings: Finding[], score?: number): AuditResult {
  const verdict = score === undefined ? undefined : { ...base.verdict!, score, pass: score >= 60 };
  return { ...base, verdict, audit: { ...base.audit, id, asOf: day, startedAt: `${day}T02:00:00.000Z`, finishedAt: `${day}T03:00:00.000Z` }, findings };
}

const audits = [
  audit('a1', '2024-01-01', [f('p', 'critical'), f('q', 'minor', { selector: 'div > a', column: '通知公告' }), f('r', 'serious')], 55.5),
  audit('a2', '2024-02-01', [f('q', 'minor'), f('s', 'moderate', { owner: '法规处', target: 'http://x/' }), f('t', 'serious'), f('u', 'serious')]),
  audit('a3', '2024-03-01', [f('p', 'critical'), f('s', 'moderate'), f('v', 'minor'), f('v', 'minor')], 92),
];

/** Rows and deltas computed the plain way, from the audits themselves. */
function expected(i: number) {
  const a = audits[i]!;
  const prev = audits[i - 1];
  const ever = new Set(audits.slice(0, i).flatMap((x) => x.findings.map((y) => y.id)));
  const prevIds = new Set(prev?.findings.map((x) => x.id) ?? []);
  const cur = new Set(a.findings.map((x) => x.id));
  const life = (id: string) => (prevIds.has(id) ? 'persisting' : ever.has(id) ? 'reopened' : 'new');
  const uniq = [...cur];
  return {
    row: { id: a.audit.id, bySeverity: severityCounts(a.findings), score: a.verdict?.score, pass: a.verdict?.pass, total: a.findings.length },
    delta: prev && {
      previousAuditId: prev.audit.id,
      previousAsOf: prev.audit.asOf,
      new: uniq.filter((id) => life(id) === 'new'),
      persisting: uniq.filter((id) => life(id) === 'persisting'),
      reopened: uniq.filter((id) => life(id) === 'reopened'),
      fixed: parseAudit(JSON.parse(JSON.stringify(prev))).findings.filter((x) => !cur.has(x.id)),
    },
  };
}

describe('history store fast paths', () => {
  it('list audits and compute deltas exactly as parsing every stored audit would', () => {
    const store = HistoryStore.open(tmp());
    try {
      audits.forEach((a, i) => {
        const { delta } = store.record(a);
        expect(delta).toEqual(expected(i).delta);
      });
      const rows = store.listAudits(base.audit.site).reverse();
      expect(rows.map((r) => ({ id: r.id, bySeverity: r.bySeverity, score: r.score, pass: r.pass, total: r.total }))).toEqual(
        audits.map((_, i) => expected(i).row),
      );
      // contextFor reads the same delta as record computed, and a re-record of the last audit keeps it
      expect(store.contextFor(audits[2]!).delta).toEqual(expected(2).delta);
      expect(store.record(audits[2]!).delta).toEqual(expected(2).delta);
      expect(store.contextFor(audits[2]!).trend.map((t) => [t.auditId, t.total, t.score])).toEqual([
        ['a1', 3, 55.5],
        ['a2', 4, undefined],
        ['a3', 4, 92],
      ]);
    } finally {
      store.close();
    }
  });

  it('reads a database written before the summary column, read-only and after migrating, with the same rows', () => {
    const dataDir = tmp();
    const db = new Database(path.join(dataDir, 'history.db'));
    migrate(db, 2);
    const ins = db.prepare('INSERT INTO audits (id, site, site_key, host, as_of, started_at, finished_at, pages, total, json, recorded_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)');
    for (const a of audits) {
      ins.run(a.audit.id, a.audit.site, 'http://jtt.jl.gov.cn/', 'jtt.jl.gov.cn', a.audit.asOf, a.audit.startedAt, a.audit.finishedAt, 1, a.findings.length, JSON.stringify(a), 'x');
    }
    ins.run('broken', base.audit.site, 'http://jtt.jl.gov.cn/', 'jtt.jl.gov.cn', '2024-04-01', '2024-04-01T02:00:00.000Z', '2024-04-01T03:00:00.000Z', 1, 0, '{not json', 'x');
    db.close();
    const want = [
      { id: 'broken', bySeverity: { critical: 0, serious: 0, moderate: 0, minor: 0 }, score: undefined, pass: undefined, total: 0 },
      ...audits.map((_, i) => expected(i).row).reverse(),
    ];
    const pick = (s: HistoryStore) => s.listAudits().map((r) => ({ id: r.id, bySeverity: r.bySeverity, score: r.score, pass: r.pass, total: r.total }));
    const ro = HistoryStore.open(dataDir, { readonly: true });
    try {
      expect(pick(ro)).toEqual(want);
    } finally {
      ro.close();
    }
    const rw = HistoryStore.open(dataDir);
    try {
      expect(rw.db.prepare("SELECT summary FROM audits WHERE id = 'broken'").pluck().get()).toBeNull();
      expect(rw.db.prepare("SELECT COUNT(*) FROM audits WHERE summary IS NOT NULL").pluck().get()).toBe(3);
      expect(pick(rw)).toEqual(want);
    } finally {
      rw.close();
    }
  });
});

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { AuditResult, Finding } from '../../reports/audit-schema.js';
import { HistoryStore } from '../../reports/history/history-store.js';
import { recordAudit } from '../../reports/history/record-audit.js';
import { LATEST_VERSION, currentVersion, migrate } from '../../reports/history/migrations.js';
import { writeReports } from '../../reports/write-reports.js';
import { loadFixture } from '../reports/load-fixture.js';

const base = loadFixture();
const dirs: string[] = [];
function tmp(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'gk-hist-'));
  dirs.push(d);
  return d;
}
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function f(id: string, severity: Finding['severity'] = 'serious'): Finding {
  return { id, rule: 'link/broken', severity, url: `http://jtt.jl.gov.cn/p/${id}.html`, message: `问题 ${id}`, evidence: {} };
}
function audit(id: string, day: string, findings: Finding[], site = 'http://jtt.jl.gov.cn/'): AuditResult {
  return { ...base, audit: { ...base.audit, id, site, asOf: day, startedAt: `${day}T02:00:00.000Z`, finishedAt: `${day}T03:00:00.000Z` }, findings };
}

describe('stored audits', () => {
  const many = Array.from({ length: 600 }, (_, i) => ({ ...f(`id${i}`), evidence: { 文本: `证件号 ${i}`, n: i } }));

  it('keep each distinct finding once and the audit row small, and read back the same audit', () => {
    const dataDir = tmp();
    const store = HistoryStore.open(dataDir);
    try {
      const a = audit('j1', '2024-01-01', many);
      store.record(a);
      const db = store.db;
      const row = db.prepare('SELECT length(json) AS n, findings_apart FROM audits WHERE id = ?').get('j1') as { n: number; findings_apart: number };
      expect(row.findings_apart).toBe(2);
      expect(row.n).toBeLessThan(JSON.stringify({ ...a, findings: [] }).length + 10);
      const count = (table: string) => db.prepare(`SELECT COUNT(*) FROM ${table}`).pluck().get();
      expect([count('finding_texts'), count('audit_findings'), count('findings')]).toEqual([600, 600, 0]);
      expect(store.getAudit('j1')).toEqual(a);
      // The delta of a later audit reads the fixed findings from their rows, in the audit's order.
      const r = store.record(audit('j2', '2024-02-01', many.slice(0, 590)));
      expect(r.delta?.fixed).toEqual(many.slice(590));
      // A nightly re-audit stores only references to what is unchanged; a changed text (same id) is a new text,
      // and each audit reads back its own.
      const changed = many.map((x, i) => (i === 7 ? { ...x, message: '问题已变化', owner: '法规处' } : x));
      store.record(audit('j3', '2024-03-01', changed));
      store.record(audit('j4', '2024-04-01', changed));
      expect([count('finding_texts'), count('audit_findings')]).toEqual([601, 600 + 590 + 600 + 600]);
      expect(store.getAudit('j3')?.findings).toEqual(changed);
      expect(store.getAudit('j1')).toEqual(a);
      expect(Object.fromEntries(store.lifecycleOf('j3'))).toMatchObject({ id0: 'persisting', id595: 'reopened' });
      // Re-recording an audit replaces its references; the texts stay shared.
      store.record(audit('j4', '2024-04-01', changed.slice(0, 10)));
      expect(count('audit_findings')).toBe(600 + 590 + 600 + 10);
      expect(store.getAudit('j4')?.findings).toEqual(changed.slice(0, 10));
    } finally {
      store.close();
    }
  });

  it('read audits stored whole (before migration 4, or with a repeated finding id) as before', () => {
    const dataDir = tmp();
    const store = HistoryStore.open(dataDir);
    try {
      const dup = audit('d1', '2024-01-01', [f('x'), f('y'), { ...f('x'), message: '重复编号' }]);
      store.record(dup);
      expect(store.db.prepare('SELECT findings_apart FROM audits WHERE id = ?').pluck().get('d1')).toBe(0);
      expect(store.getAudit('d1')).toEqual(dup);
      // An older row: the whole JSON in the audit row, the ids in rows of findings without JSON.
      const old = audit('o1', '2024-02-01', many);
      store.record(old);
      store.db.prepare('UPDATE audits SET json = ?, findings_apart = 0 WHERE id = ?').run(JSON.stringify(old), 'o1');
      store.db.prepare('DELETE FROM audit_findings WHERE audit_id = ?').run('o1');
      const insF = store.db.prepare("INSERT INTO findings (audit_id, id, rule, severity, url, owner, message, lifecycle) VALUES ('o1', ?, 'link/broken', 'serious', ?, NULL, 'm', 'new')");
      for (const x of many) insF.run(x.id, x.url);
      expect(store.getAudit('o1')).toEqual(old);
      const r = store.record(audit('n1', '2024-03-01', many.slice(0, 598)));
      expect(r.delta?.fixed).toEqual(many.slice(598));
      expect(r.delta?.persisting).toHaveLength(598);
      // Stored by migration 4: each finding's JSON in its row of findings.
      const rows = audit('r1', '2024-04-01', many.slice(0, 5));
      store.record(rows);
      store.db.prepare('UPDATE audits SET findings_apart = 1 WHERE id = ?').run('r1');
      store.db.prepare('DELETE FROM audit_findings WHERE audit_id = ?').run('r1');
      const insJ = store.db.prepare("INSERT INTO findings (audit_id, id, rule, severity, url, owner, message, lifecycle, json) VALUES ('r1', ?, ?, ?, ?, NULL, ?, 'persisting', ?)");
      for (const x of rows.findings) insJ.run(x.id, x.rule, x.severity, x.url, x.message, JSON.stringify({ evidence: x.evidence }));
      expect(store.getAudit('r1')).toEqual(rows);
      expect(Object.fromEntries(store.lifecycleOf('r1'))).toEqual(Object.fromEntries(many.slice(0, 5).map((x) => [x.id, 'persisting'])));
      expect(store.record(audit('n2', '2024-05-01', many.slice(0, 3))).delta?.fixed).toEqual(many.slice(3, 5));
    } finally {
      store.close();
    }
  });
});

describe('history lifecycle', () => {
  it('tracks new → persisting → fixed → reopened over audits of one site', async () => {
    const dataDir = tmp();
    const r1 = await recordAudit(audit('a1', '2024-01-01', [f('x'), f('y')]), { dataDir });
    expect(r1).toEqual({ stored: true });
    const r2 = await recordAudit(audit('a2', '2024-02-01', [f('x'), f('z')]), { dataDir });
    expect(r2.delta?.persisting).toEqual(['x']);
    expect(r2.delta?.new).toEqual(['z']);
    expect(r2.delta?.fixed.map((x) => x.id)).toEqual(['y']);
    const r3 = await recordAudit(audit('a3', '2024-03-01', [f('y'), f('z')]), { dataDir });
    expect(r3.delta?.reopened).toEqual(['y']);
    expect(r3.delta?.persisting).toEqual(['z']);
    expect(r3.delta?.fixed.map((x) => x.id)).toEqual(['x']);
    // another site does not mix in
    await recordAudit(audit('b1', '2024-03-02', [f('x')], 'http://www.jl.gov.cn/'), { dataDir });

    const store = HistoryStore.open(dataDir);
    try {
      expect(store.listAudits('http://jtt.jl.gov.cn/').map((a) => a.id)).toEqual(['a3', 'a2', 'a1']);
      expect(store.listAudits('http://JTT.jl.gov.cn/index.html').map((a) => a.id)).toEqual(['a3', 'a2', 'a1']);
      expect(store.sites().map((s) => s.id).sort()).toEqual(['a3', 'b1']);
      expect(Object.fromEntries(store.lifecycleOf('a3'))).toEqual({ y: 'reopened', z: 'persisting' });
      const d = store.diff('a1', 'a3');
      expect(d.new.map((x) => x.id)).toEqual(['z']);
      expect(d.fixed.map((x) => x.id)).toEqual(['x']);
      expect(d.persisting.map((x) => x.id)).toEqual(['y']);
      expect(store.trend('http://jtt.jl.gov.cn/').map((t) => t.total)).toEqual([2, 2, 2]);
      const ctx = store.contextFor(audit('a3', '2024-03-01', [f('y'), f('z')]));
      expect(ctx.trend.map((t) => t.auditId)).toEqual(['a1', 'a2', 'a3']);
      expect(ctx.delta?.previousAuditId).toBe('a2');
      expect(() => store.diff('a1', 'nope')).toThrow(/未找到审计：nope/);
    } finally {
      store.close();
    }
  });

  it('applies waivers until they expire and shows them apart in reports', async () => {
    const dataDir = tmp();
    await recordAudit(audit('a1', '2024-01-01', [f('x'), f('y')]), { dataDir });
    const store = HistoryStore.open(dataDir);
    try {
      expect(() => store.waive({ findingId: 'nope', reason: '无', until: '2099-01-01' })).toThrow(/没有编号为 nope 的问题/);
      expect(() => store.waive({ findingId: 'x', reason: '理由', until: '2024-13-01' })).toThrow(/格式错误/);
      expect(() => store.waive({ findingId: 'x', reason: ' ', until: '2099-01-01' })).toThrow(/理由不能为空/);
      store.waive({ findingId: 'x', reason: '历史归档页面，不再维护', until: '2024-02-15', by: '李四' }, '2024-01-02');
      expect(store.waivers({ onDate: '2024-02-15' }).map((w) => w.findingId)).toEqual(['x']);
      expect(store.waivers({ onDate: '2024-02-16' })).toEqual([]);
      expect(store.waivers({ site: 'http://jtt.jl.gov.cn/', onDate: '2024-02-01' })[0]).toMatchObject({ reason: '历史归档页面，不再维护', by: '李四' });
      expect(store.waivers({ site: 'http://other.gov.cn/', onDate: '2024-02-01' })).toEqual([]);
    } finally {
      store.close();
    }
    // In force on the audit date → shown apart; after expiry → counted again.
    const out = tmp();
    await recordAudit(audit('a2', '2024-02-01', [f('x'), f('y')]), { dataDir });
    await writeReports(audit('a2', '2024-02-01', [f('x'), f('y')]), out, { formats: ['html', 'csv'], dataDir });
    const html = fs.readFileSync(path.join(out, 'report.html'), 'utf8');
    expect(html).toContain('已豁免问题（1 条，不计入统计）');
    expect(html).toMatch(/问题总数<b>1<\/b>/);
    expect(fs.readFileSync(path.join(out, 'report.csv'), 'utf8')).toContain('已豁免');
    await writeReports(audit('a3', '2024-03-01', [f('x'), f('y')]), out, { formats: ['html'], dataDir });
    const later = fs.readFileSync(path.join(out, 'report.html'), 'utf8');
    expect(later).not.toContain('已豁免问题');
    expect(later).toMatch(/问题总数<b>2<\/b>/);
  });
});

describe('migrations', () => {
  it('upgrades a v1 database, keeping its audits and backfilling lifecycle', () => {
    const dataDir = tmp();
    const file = path.join(dataDir, 'history.db');
    const db = new Database(file);
    expect(migrate(db, 1)).toEqual([1]);
    const ins = db.prepare('INSERT INTO audits (id, site, site_key, as_of, started_at, finished_at, pages, total, json, recorded_at) VALUES (?,?,?,?,?,?,?,?,?,?)');
    const insF = db.prepare('INSERT INTO findings (audit_id, id, rule, severity, url, owner, message) VALUES (?,?,?,?,?,?,?)');
    for (const [id, day, ids] of [['v1a', '2023-01-01', ['p', 'q']], ['v1b', '2023-02-01', ['q']]] as const) {
      const a = audit(id, day, ids.map((x) => f(x)));
      ins.run(id, a.audit.site, 'http://jtt.jl.gov.cn/', day, a.audit.startedAt, a.audit.finishedAt, 1, ids.length, JSON.stringify(a), day);
      for (const x of ids) insF.run(id, x, 'link/broken', 'serious', `http://jtt.jl.gov.cn/p/${x}.html`, null, 'm');
    }
    expect(currentVersion(db)).toBe(1);
    db.close();

    const store = HistoryStore.open(dataDir);
    try {
      expect(currentVersion(store.db)).toBe(LATEST_VERSION);
      expect(store.listAudits().map((a) => a.id)).toEqual(['v1b', 'v1a']);
      expect(Object.fromEntries(store.lifecycleOf('v1b'))).toEqual({ q: 'persisting' });
      expect(store.listAudits('http://jtt.jl.gov.cn/some/page.html')[0]?.host).toBe('jtt.jl.gov.cn');
      store.record(audit('v2a', '2023-03-01', [f('p')]));
      expect(Object.fromEntries(store.lifecycleOf('v2a'))).toEqual({ p: 'reopened' });
    } finally {
      store.close();
    }
  });

  it('keeps one row per site and finding id however many audits are stored, and still tells reopened findings', () => {
    const dataDir = tmp();
    const store = HistoryStore.open(dataDir);
    try {
      const days = ['2024-01-01', '2024-02-01', '2024-03-01', '2024-04-01', '2024-05-01', '2024-06-01'];
      const lifecycles = days.map((day, i) => store.record(audit(`n${i}`, day, i % 2 ? [f('x'), f('y')] : [f('x'), f('z')])).lifecycle);
      expect(Object.fromEntries(lifecycles[2]!)).toEqual({ x: 'persisting', z: 'reopened' });
      expect(store.db.prepare('SELECT COUNT(*) FROM finding_ids').pluck().get()).toBe(3);
      expect(store.db.prepare('SELECT COUNT(*) FROM audit_findings').pluck().get()).toBe(12);
      expect(store.db.prepare('SELECT COUNT(*) FROM finding_texts').pluck().get()).toBe(3);
      // No index spans the findings of every audit (recording would slow down with each nightly audit).
      const indexes = store.db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name IN ('findings', 'audit_findings') AND sql IS NOT NULL").pluck().all();
      expect(indexes).toEqual([]);
      // Recorded out of order: an earlier audit seen later still makes its findings "seen before" for later ones.
      store.record(audit('early', '2023-12-01', [f('w')]));
      expect(store.record(audit('n6', '2024-07-01', [f('w')])).lifecycle.get('w')).toBe('reopened');
      // Re-recording an audit does not count its own findings as seen before it.
      expect(store.record(audit('n7', '2024-08-01', [f('v')])).lifecycle.get('v')).toBe('new');
      expect(store.record(audit('n7', '2024-08-01', [f('v')])).lifecycle.get('v')).toBe('new');
      // A waiver finds the finding's site through the same table.
      expect(store.waive({ findingId: 'v', reason: '已核实', until: '2099-01-01' }, '2024-08-02').site).toBe('http://jtt.jl.gov.cn/');
    } finally {
      store.close();
    }
  });

  it('reads a version 4 database read-only as before (reopened findings in a report context)', () => {
    const dataDir = tmp();
    const db = new Database(path.join(dataDir, 'history.db'));
    expect(migrate(db, 4)).toEqual([1, 2, 3, 4]);
    const ins = db.prepare('INSERT INTO audits (id, site, site_key, host, as_of, started_at, finished_at, pages, total, json, recorded_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)');
    const insF = db.prepare('INSERT INTO findings (audit_id, id, rule, severity, url, owner, message, lifecycle) VALUES (?,?,?,?,?,?,?,?)');
    for (const [id, day, ids] of [['o1', '2024-01-01', ['p']], ['o2', '2024-02-01', ['q']]] as const) {
      const a = audit(id, day, ids.map((x) => f(x)));
      ins.run(id, a.audit.site, 'http://jtt.jl.gov.cn/', 'jtt.jl.gov.cn', day, a.audit.startedAt, a.audit.finishedAt, 1, ids.length, JSON.stringify(a), day);
      for (const x of ids) insF.run(id, x, 'link/broken', 'serious', `http://jtt.jl.gov.cn/p/${x}.html`, null, 'm', 'new');
    }
    db.close();
    const store = HistoryStore.open(dataDir, { readonly: true });
    try {
      expect(currentVersion(store.db)).toBe(4);
      expect(store.contextFor(audit('o3', '2024-03-01', [f('p'), f('r')])).delta).toMatchObject({ previousAuditId: 'o2', reopened: ['p'], new: ['r'] });
    } finally {
      store.close();
    }
  });

  it('refuses a database from a newer version', () => {
    const dataDir = tmp();
    const db = new Database(path.join(dataDir, 'history.db'));
    db.exec("CREATE TABLE schema_version (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL); INSERT INTO schema_version VALUES (99, 'x')");
    db.close();
    expect(() => HistoryStore.open(dataDir)).toThrow(/高于本程序支持的版本/);
  });
});

describe('broken databases', () => {
  it('reports a corrupt file clearly and never throws from recordAudit', async () => {
    const dataDir = tmp();
    fs.writeFileSync(path.join(dataDir, 'history.db'), 'this is not a database, just garbage bytes '.repeat(200));
    const res = await recordAudit(audit('a1', '2024-01-01', [f('x')]), { dataDir });
    expect(res.stored).toBe(false);
    expect(res.error).toMatch(/历史数据库已损坏或不是 SQLite 数据库/);
    // the audit still gets its findings.json and reports
    const out = tmp();
    const { files, warnings } = await writeReports(audit('a1', '2024-01-01', [f('x')]), out, { formats: ['json', 'html'], dataDir });
    expect(files.map((x) => path.basename(x))).toEqual(['findings.json', 'report.html']);
    expect(warnings?.[0]).toMatch(/读取历史数据失败/);
  });

  it('reports a held write lock clearly', async () => {
    const dataDir = tmp();
    await recordAudit(audit('a1', '2024-01-01', [f('x')]), { dataDir });
    const holder = new Database(path.join(dataDir, 'history.db'));
    holder.exec('BEGIN IMMEDIATE');
    try {
      const res = await recordAudit(audit('a2', '2024-02-01', [f('x')]), { dataDir, busyTimeoutMs: 100 });
      expect(res.stored).toBe(false);
      expect(res.error).toMatch(/历史数据库被其他进程锁定/);
    } finally {
      holder.exec('ROLLBACK');
      holder.close();
    }
    expect((await recordAudit(audit('a2', '2024-02-01', [f('x')]), { dataDir })).stored).toBe(true);
  });
});

// Counts and groupings shared by every renderer (pure functions of the audit and the optional history context).
import { SEVERITIES, SEVERITY_RANK, type AuditResult, type Finding, type Severity } from '../audit-schema.js';
import type { HistoryContext } from '../history/history-context.js';
import { NO_COLUMN, NO_OWNER, ruleFamily } from './labels.js';

export interface CountRow {
  key: string;
  count: number;
}

export interface AuditSummary {
  total: number;
  bySeverity: Record<Severity, number>;
  byRule: CountRow[];
  byFamily: CountRow[];
  byColumn: CountRow[];
  byOwner: CountRow[];
  /** Findings that count (not waived). */
  open: Finding[];
  waived: Finding[];
}

export function ownerOf(f: Finding): string {
  return f.owner?.trim() || NO_OWNER;
}

export function columnOf(f: Finding): string {
  return f.column?.trim() || NO_COLUMN;
}

// Collators made once: String.prototype.localeCompare(x, locale) is specified as a new Intl.Collator's compare
// (same order), and building it per comparison took half the time of sorting 21,000 findings.
const ZH = new Intl.Collator('zh-CN');
const DEFAULT = new Intl.Collator();

export function countBy(findings: Finding[], key: (f: Finding) => string): CountRow[] {
  const map = new Map<string, number>();
  for (const f of findings) map.set(key(f), (map.get(key(f)) ?? 0) + 1);
  return [...map].map(([k, count]) => ({ key: k, count })).sort((a, b) => b.count - a.count || ZH.compare(a.key, b.key));
}

export function severityCounts(findings: Finding[]): Record<Severity, number> {
  const out = { critical: 0, serious: 0, moderate: 0, minor: 0 } as Record<Severity, number>;
  for (const f of findings) out[f.severity]++;
  return out;
}

/** Worst first, then by office, rule and url, so every rendering lists findings in the same order. */
export function sortFindings(findings: Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) =>
      SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] ||
      ZH.compare(ownerOf(a), ownerOf(b)) ||
      DEFAULT.compare(a.rule, b.rule) ||
      DEFAULT.compare(a.url, b.url),
  );
}

export const LIFECYCLE_ZH = { new: '新增', persisting: '仍存在', reopened: '复现' } as const;

/** Finding id → zh-CN change since the previous audit of the site (empty without history). */
export function lifecycleLabels(history?: HistoryContext): Map<string, string> {
  const out = new Map<string, string>();
  const d = history?.delta;
  if (!d) return out;
  for (const id of d.new) out.set(id, LIFECYCLE_ZH.new);
  for (const id of d.persisting) out.set(id, LIFECYCLE_ZH.persisting);
  for (const id of d.reopened) out.set(id, LIFECYCLE_ZH.reopened);
  return out;
}

export function waivedIds(history?: HistoryContext): Set<string> {
  return new Set((history?.waivers ?? []).map((w) => w.findingId));
}

export function summarize(audit: AuditResult, history?: HistoryContext): AuditSummary {
  const waived = waivedIds(history);
  const open = sortFindings(audit.findings.filter((f) => !waived.has(f.id)));
  return {
    total: open.length,
    bySeverity: severityCounts(open),
    byRule: countBy(open, (f) => f.rule),
    byFamily: countBy(open, (f) => ruleFamily(f.rule)),
    byColumn: countBy(open, columnOf),
    byOwner: countBy(open, ownerOf),
    open,
    waived: sortFindings(audit.findings.filter((f) => waived.has(f.id))),
  };
}

export { SEVERITIES };

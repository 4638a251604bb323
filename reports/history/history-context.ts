// What renderers receive from the history store: plain data, so renderers stay pure functions.
import type { Finding, Severity } from '../audit-schema.js';

export type Lifecycle = 'new' | 'persisting' | 'reopened';

export interface TrendPoint {
  auditId: string;
  asOf: string;
  total: number;
  bySeverity: Record<Severity, number>;
  score?: number;
  pass?: boolean;
}

export interface Waiver {
  findingId: string;
  reason: string;
  by?: string;
  /** YYYY-MM-DD, inclusive. */
  until: string;
  createdAt?: string;
  site?: string;
}

export interface AuditDelta {
  previousAuditId: string;
  previousAsOf: string;
  /** Ids of the current audit by lifecycle. */
  new: string[];
  persisting: string[];
  reopened: string[];
  /** Findings of the previous audit that are gone now. */
  fixed: Finding[];
}

export interface HistoryContext {
  /** Past audits of the same site, oldest first, the current one included when stored. */
  trend: TrendPoint[];
  /** Delta against the previous audit of the same site, when there is one. */
  delta?: AuditDelta;
  /** Waivers in force on the audit's date (expired ones are not listed). */
  waivers: Waiver[];
}

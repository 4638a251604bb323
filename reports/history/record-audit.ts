// Store an audit in the history; a failing database is reported, never thrown into the audit.
import type { AuditResult } from '../audit-schema.js';
import type { AuditDelta } from './history-context.js';
import { HistoryStore, type OpenHistoryOptions } from './history-store.js';

export interface RecordAuditResult {
  stored: boolean;
  /** zh-CN reason when not stored. */
  error?: string;
  /** Delta against the previous audit of the site, when there is one. */
  delta?: AuditDelta;
}

export async function recordAudit(audit: AuditResult, opts: { dataDir: string } & OpenHistoryOptions): Promise<RecordAuditResult> {
  let store: HistoryStore | undefined;
  try {
    store = HistoryStore.open(opts.dataDir, opts);
    const { delta } = store.record(audit);
    return { stored: true, delta };
  } catch (err) {
    return { stored: false, error: err instanceof Error ? err.message : String(err) };
  } finally {
    try {
      store?.close();
    } catch {
      // closing a broken handle must not turn a handled failure into a crash
    }
  }
}

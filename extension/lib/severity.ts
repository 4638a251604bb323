import { SEVERITY_RANK, type Severity } from '../../reports/audit-schema.js';

/** Worst severity of a list (undefined when empty), e.g. for the toolbar badge colour. */
export function worstSeverity(severities: Severity[]): Severity | undefined {
  return severities.reduce<Severity | undefined>((w, s) => (w === undefined || SEVERITY_RANK[s] > SEVERITY_RANK[w] ? s : w), undefined);
}

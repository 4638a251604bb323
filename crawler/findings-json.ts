// findings.json as pieces: the same text as `JSON.stringify(audit, null, 2)`, one finding at a time, so a 13 MB
// file (26 MB as a JavaScript string: Chinese text makes it two bytes a character) never exists as one string.
import type { AuditResult } from '../reports/audit-schema.js';

const FINDINGS_KEY = '\n  "findings": []';
const ITEM_INDENT = '\n    ';

export function* auditJsonChunks(audit: AuditResult): Generator<string> {
  const findings = audit.findings;
  // Spread keeps the key order, so `findings` stays where it was.
  const shell = JSON.stringify({ ...audit, findings: [] }, null, 2);
  const at = shell.indexOf(FINDINGS_KEY);
  if (at < 0 || findings.length === 0) {
    yield at < 0 ? JSON.stringify(audit, null, 2) : shell;
    yield '\n';
    return;
  }
  yield shell.slice(0, at + FINDINGS_KEY.length - 1);
  for (let i = 0; i < findings.length; i++) {
    // A nested value is its own indented text with every line indented one level deeper (strings hold no raw
    // newline: JSON escapes them).
    yield (i ? ',' : '') + ITEM_INDENT + JSON.stringify(findings[i], null, 2).replaceAll('\n', ITEM_INDENT);
  }
  yield '\n  ]';
  yield shell.slice(at + FINDINGS_KEY.length);
  yield '\n';
}

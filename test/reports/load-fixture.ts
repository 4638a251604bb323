import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAudit, type AuditResult } from '../../reports/audit-schema.js';

export const FIXTURE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'findings.json');

export function loadFixture(): AuditResult {
  return parseAudit(JSON.parse(fs.readFileSync(FIXTURE, 'utf8')));
}

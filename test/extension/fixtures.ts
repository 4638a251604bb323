// Shared test data for the extension tests: findings in the findings.json shape.
import type { AuditResult, Finding } from '../../reports/audit-schema.js';

export function finding(over: Partial<Finding> & Pick<Finding, 'id'>): Finding {
  return {
    rule: 'link/broken',
    severity: 'serious',
    url: 'http://127.0.0.1:9/news/a.html',
    message: '链接无法访问',
    evidence: {},
    ...over,
  };
}

export function audit(findings: Finding[], site = 'http://127.0.0.1:9/'): AuditResult {
  return {
    schemaVersion: 1,
    tool: { name: 'gongkai', version: '0.1.0' },
    audit: {
      id: 'a1',
      site,
      asOf: '2024-05-06',
      startedAt: '2024-05-06T01:00:00.000Z',
      finishedAt: '2024-05-06T01:30:00.000Z',
      pagesCrawled: 12,
      rulePacks: ['national'],
    },
    findings,
    errors: [],
    verdict: { pass: false, score: 88.5, vetoes: [], deductions: [] },
  };
}

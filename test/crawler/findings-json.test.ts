// findings.json written in pieces is the same text as one JSON.stringify of the whole audit.
import { describe, expect, it } from 'vitest';
import { auditJsonChunks } from '../../crawler/findings-json.js';
import type { AuditResult } from '../../reports/audit-schema.js';

function audit(findings: AuditResult['findings']): AuditResult {
  return {
    schemaVersion: 1,
    tool: { name: 'gongkai', version: '0.1.0' },
    audit: { id: 'a1', site: 'http://127.0.0.1/', asOf: '2022-06-30', startedAt: '2022-06-30T00:00:00.000Z', finishedAt: '2022-06-30T00:01:00.000Z', pagesCrawled: 2, rulePacks: ['national'], linksChecked: 3, truncated: false },
    findings,
    errors: [{ rule: 'crawler/extract', message: '页面解析失败："findings": []\n' }],
    verdict: { pass: true, score: 100, vetoes: [], deductions: [] },
    columns: [],
    ruleDocs: [],
  } as unknown as AuditResult;
}

const finding = (i: number) => ({
  id: `f${i}`,
  rule: 'link/broken',
  severity: 'serious' as const,
  url: `http://127.0.0.1/${i}.html`,
  target: 'http://127.0.0.1/gone.html',
  message: `链接失效（HTTP 404）\n"引号" 第${i}处`,
  evidence: { status: 404, nested: { list: [1, 2, { deep: '多\\n层' }] }, empty: [], none: {} },
});

describe('findings.json in pieces', () => {
  for (const n of [0, 1, 3]) {
    it(`gives the text of JSON.stringify(audit, null, 2) with ${n} finding(s)`, () => {
      const a = audit(Array.from({ length: n }, (_, i) => finding(i)));
      const text = [...auditJsonChunks(a)].join('');
      expect(text).toBe(JSON.stringify(a, null, 2) + '\n');
      expect(JSON.parse(text)).toEqual(a);
    });
  }

  it('yields one piece per finding, not the whole file at once', () => {
    const a = audit(Array.from({ length: 50 }, (_, i) => finding(i)));
    const pieces = [...auditJsonChunks(a)];
    expect(pieces.length).toBeGreaterThan(50);
    expect(Math.max(...pieces.map((p) => p.length))).toBeLessThan(JSON.stringify(a, null, 2).length / 10);
  });
});

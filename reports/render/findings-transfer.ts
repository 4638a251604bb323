// Findings packed for a worker thread: each distinct string once (an audit's 21,000 findings hold ≈2,000
// distinct messages, ≈9,500 pages and a handful of rules, columns and offices) and the findings as indices into
// that table. The structured clone copies every string it meets, so this halves what crosses (7.4 → ≈3.5 MB at
// 21,000 findings) and what the worker holds, and the unpacked findings share their strings again.
import type { Finding } from '../audit-schema.js';

const FIELDS = ['id', 'rule', 'severity', 'url', 'target', 'selector', 'message', 'column', 'owner', 'source'] as const;

export interface PackedFindings {
  strings: string[];
  /** FIELDS.length indices a finding into strings; -1 for a field the finding does not have. */
  refs: Int32Array;
}

/** Pack the findings' string fields (evidence is not carried). */
export function packFindings(findings: readonly Finding[]): PackedFindings {
  const index = new Map<string, number>();
  const strings: string[] = [];
  const refs = new Int32Array(findings.length * FIELDS.length);
  let k = 0;
  for (const f of findings) {
    for (const field of FIELDS) {
      const v = f[field];
      if (v === undefined) {
        refs[k++] = -1;
        continue;
      }
      let i = index.get(v);
      if (i === undefined) index.set(v, (i = strings.push(v) - 1));
      refs[k++] = i;
    }
  }
  return { strings, refs };
}

/** The findings packFindings was given, with an empty evidence each (one shared object). */
export function unpackFindings({ strings, refs }: PackedFindings): Finding[] {
  const evidence: Finding['evidence'] = {};
  const out: Finding[] = [];
  for (let k = 0; k < refs.length; ) {
    const f: Record<string, unknown> = {};
    for (const field of FIELDS) {
      const i = refs[k++]!;
      if (i >= 0) f[field] = strings[i];
    }
    f.evidence = evidence;
    out.push(f as Finding);
  }
  return out;
}

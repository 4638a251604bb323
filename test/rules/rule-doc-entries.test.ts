import { describe, expect, it } from 'vitest';
import { ALL_PACKS } from '../../rules/index.js';
import { ruleDocEntries } from '../../rules/engine/rule-doc-entries.js';

describe('ruleDocEntries', () => {
  it('gives one zh-CN entry per rule id across packs (column/missing is in both packs)', () => {
    const entries = ruleDocEntries(ALL_PACKS);
    const ids = entries.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    const all = new Set(ALL_PACKS.flatMap((p) => Object.values(p.rules).map((r) => r.meta.id)));
    expect(new Set(ids)).toEqual(all);
    expect(ids).toContain('column/missing');
    for (const e of entries) {
      expect(e.title).toMatch(/[\u4e00-\u9fff]/);
      expect(e.fix).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('keeps only the packs it is given', () => {
    const national = ALL_PACKS.find((p) => p.name === 'national')!;
    const ids = ruleDocEntries([national]).map((e) => e.id);
    expect(ids).toContain('link/broken');
    expect(ids).not.toContain('regulation/stale');
  });
});

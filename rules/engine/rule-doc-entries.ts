// The zh-CN title, fix and source of each rule, embedded in the audit JSON so that reports and the extension can
// show them without importing the rules (one entry per rule id; the first pack that defines an id wins).
import type { RulePack } from '../define-rule.js';

export interface RuleDocEntry {
  id: string;
  title: string;
  fix?: string;
  source?: string;
}

export function ruleDocEntries(packs: readonly RulePack[]): RuleDocEntry[] {
  const seen = new Map<string, RuleDocEntry>();
  for (const pack of packs) {
    for (const rule of Object.values(pack.rules)) {
      const { id, docs } = rule.meta;
      if (!seen.has(id)) seen.set(id, { id, title: docs.title, fix: docs.fix, source: docs.source });
    }
  }
  return [...seen.values()];
}

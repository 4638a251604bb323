// Live checks: the page-scope rules of the rule packs, run on the open page's DOM through the DOM page adapter,
// so a draft in the CMS preview is checked by the same code as the crawler. Only rules of enabled families run.
import type { Finding, RuleError } from '../../reports/audit-schema.js';
import type { PageRecord } from '../../crawler/page-record.js';
import type { PageAdapter } from '../../rules/page-adapter.js';
import type { RuleDocs, RulePack } from '../../rules/define-rule.js';
import { RuleRunner, dedupeFindings } from '../../rules/engine/rule-runner.js';
import { isFamilyEnabled } from './families.js';

export interface LiveDeps {
  createAdapter(doc: Document, url: string): PageAdapter;
  extract(adapter: PageAdapter, opts: { url: string; status: number; siteUrl: string }): PageRecord;
  packs: RulePack[];
}

export interface LiveRunOptions {
  url: string;
  siteUrl: string;
  /** YYYY-MM-DD, Asia/Shanghai. */
  asOf: string;
  disabledFamilies: readonly string[];
}

/** Packs reduced to their page-scope rules of enabled families. */
export function livePacks(packs: RulePack[], disabledFamilies: readonly string[]): RulePack[] {
  return packs.map((pack) => ({
    ...pack,
    rules: Object.fromEntries(
      Object.entries(pack.rules).filter(([, r]) => r.meta.scope === 'page' && isFamilyEnabled(r.meta.id, disabledFamilies)),
    ),
  }));
}

export async function runLiveChecks(doc: Document, deps: LiveDeps, opts: LiveRunOptions): Promise<{ findings: Finding[]; errors: RuleError[] }> {
  const adapter = deps.createAdapter(doc, opts.url);
  const page = deps.extract(adapter, { url: opts.url, status: 200, siteUrl: opts.siteUrl });
  const runner = new RuleRunner({ packs: livePacks(deps.packs, opts.disabledFamilies), asOf: opts.asOf, siteUrl: opts.siteUrl });
  const result = await runner.runPage(page, adapter);
  return { findings: dedupeFindings(result.findings), errors: result.errors };
}

/** Rule id → docs, for the fix text shown next to audited and live findings. */
export function ruleDocsMap(packs: RulePack[]): Map<string, RuleDocs> {
  const map = new Map<string, RuleDocs>();
  for (const pack of packs) for (const rule of Object.values(pack.rules)) map.set(rule.meta.id, rule.meta.docs);
  return map;
}

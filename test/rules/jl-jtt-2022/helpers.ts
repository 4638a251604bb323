// Runs the jl-jtt-2022 pack over hand-built page records (the shapes extractPage produces).
import type { Finding } from '../../../reports/audit-schema.js';
import type { PageRecord } from '../../../crawler/page-record.js';
import type { LinkOutcome } from '../../../rules/site-model.js';
import { RuleRunner, type RulesConfig } from '../../../rules/engine/rule-runner.js';
import { buildSiteModel } from '../../../rules/site-model-builder.js';
import { jlJtt2022Pack } from '../../../rules/jl-jtt-2022/index.js';

export const SITE = 'https://jt.test/';

export interface RunInput {
  pages: PageRecord[];
  asOf: string;
  outcomes?: LinkOutcome[];
  owners?: Record<string, string>;
  config?: Partial<RulesConfig>;
}

export async function runJl(input: RunInput): Promise<{ findings: Finding[]; errors: unknown[] }> {
  const site = buildSiteModel({
    startUrl: SITE,
    pages: input.pages,
    links: [],
    outcomes: new Map((input.outcomes ?? []).map((o) => [o.url, o])),
    owners: input.owners,
  });
  const runner = new RuleRunner({ packs: [jlJtt2022Pack], asOf: input.asOf, siteUrl: SITE, owners: site.owners, config: input.config });
  const out = { findings: [] as Finding[], errors: [] as unknown[] };
  for (const page of site.pages) {
    const r = await runner.runPage(page);
    out.findings.push(...r.findings);
    out.errors.push(...r.errors);
  }
  const r = await runner.runSite(site);
  out.findings.push(...r.findings);
  out.errors.push(...r.errors);
  return out;
}

export function byRule(findings: Finding[], rule: string): Finding[] {
  return findings.filter((f) => f.rule === rule);
}

export function paths(findings: Finding[]): string[] {
  return findings.map((f) => f.url.replace(SITE, '/')).sort();
}

// The new-media step of runAudit, kept here so crawler/audit.ts only calls it: collect accounts and feeds, run
// the page rules over post records, and summarise. Any failure is a warning; the site audit always goes on.
import type { Finding, NewMediaAccountSummary, RuleError } from '../../reports/audit-schema.js';
import type { RuleRunner } from '../../rules/engine/rule-runner.js';
import type { NewMediaModel } from '../../rules/site-model.js';
import type { GongkaiConfig } from '../config/config-schema.js';
import type { Fetcher } from '../http/fetcher-types.js';
import type { PageRecord } from '../page-record.js';
import { collectNewMedia } from './collect.js';
import { annotatePostFindings } from './post-records.js';
import { newMediaSummaries } from './summaries.js';

export interface NewMediaRun {
  model: NewMediaModel;
  postRecords: PageRecord[];
  /** Page-rule findings on post records (already attributed to their account and post). */
  findings: Finding[];
  errors: RuleError[];
  summaries: NewMediaAccountSummary[];
}

export interface RunNewMediaInput {
  config: GongkaiConfig;
  pages: PageRecord[];
  fetcher: Fetcher;
  runner: RuleRunner;
  asOf: string;
  siteUrl: string;
  warn(message: string): void;
}

export async function runNewMedia(input: RunNewMediaInput): Promise<NewMediaRun | undefined> {
  try {
    const collected = await collectNewMedia({
      accounts: input.config.newMedia,
      pages: input.pages,
      fetcher: input.fetcher,
      asOf: input.asOf,
      siteUrl: input.siteUrl,
      timeoutMs: input.config.crawl.timeoutMs,
    });
    for (const note of collected.notes) input.warn(note);
    const findings: Finding[] = [];
    const errors: RuleError[] = [];
    for (const record of collected.postRecords) {
      const run = await input.runner.runPage(record);
      findings.push(...run.findings);
      errors.push(...run.errors);
    }
    const stale = input.runner.resolved.find((r) => r.rule.meta.id === 'newmedia/stale')?.options as { days?: number } | undefined;
    return {
      model: collected.model,
      postRecords: collected.postRecords,
      findings: annotatePostFindings(findings, collected.model.accounts),
      errors,
      summaries: newMediaSummaries(collected.model, input.asOf, { staleDays: stale?.days }),
    };
  } catch (error) {
    input.warn(`政务新媒体检查未能完成（其余审计照常进行）：${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  }
}

/** Names the account and post on every finding about a post record (content rules, broken links in posts). */
export function attributeNewMediaFindings(findings: Finding[], run: NewMediaRun | undefined): Finding[] {
  if (!run) return findings;
  const attributed = new Set(run.findings);
  const others = findings.filter((f) => !attributed.has(f));
  const annotated = annotatePostFindings(others, run.model.accounts);
  let k = 0;
  return findings.map((f) => (attributed.has(f) ? f : annotated[k++]!));
}

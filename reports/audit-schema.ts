// The versioned audit result (findings.json): the public contract between the crawler, rules, reports and the
// extension. Additions keep schemaVersion 1; a change of meaning bumps it. Renderers read nothing else.
import { z } from 'zod';

export const SCHEMA_VERSION = 1 as const;

export const SEVERITIES = ['critical', 'serious', 'moderate', 'minor'] as const;
export const severitySchema = z.enum(SEVERITIES);
export type Severity = z.infer<typeof severitySchema>;

/** Higher is worse; used by --fail-on and sorting. */
export const SEVERITY_RANK: Record<Severity, number> = { critical: 4, serious: 3, moderate: 2, minor: 1 };

export const SEVERITY_LABEL_ZH: Record<Severity, string> = {
  critical: '严重',
  serious: '较重',
  moderate: '一般',
  minor: '轻微',
};

export const findingSchema = z.object({
  /** Stable hash of rule + url + target (+ a rule-given key where one page holds several of a kind). */
  id: z.string().min(1),
  rule: z.string().min(1),
  severity: severitySchema,
  /** The page (or attachment, or feed) the finding is on. */
  url: z.string().min(1),
  target: z.string().optional(),
  selector: z.string().optional(),
  /** zh-CN sentence that names what to fix. */
  message: z.string().min(1),
  column: z.string().optional(),
  owner: z.string().optional(),
  evidence: z.record(z.string(), z.unknown()).default({}),
  /** Added field: where the finding came from when not from the crawl itself (e.g. a new-media account name). */
  source: z.string().optional(),
});
export type Finding = z.infer<typeof findingSchema>;

/** A rule that threw: recorded, never a crash of the audit. */
export const ruleErrorSchema = z.object({
  rule: z.string(),
  url: z.string().optional(),
  message: z.string(),
  stack: z.string().optional(),
});
export type RuleError = z.infer<typeof ruleErrorSchema>;

/** Site verdict after 国办秘函〔2019〕19号: one-strike items and deductions, computed as data. */
export const verdictSchema = z.object({
  pass: z.boolean(),
  /** 100 minus deductions (the inspection's Part 2), floored at 0. */
  score: z.number(),
  vetoes: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      fired: z.boolean(),
      detail: z.string().optional(),
      findingIds: z.array(z.string()).default([]),
    }),
  ),
  deductions: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      count: z.number(),
      points: z.number(),
    }),
  ),
});
export type Verdict = z.infer<typeof verdictSchema>;

export const columnSummarySchema = z.object({
  name: z.string(),
  canonical: z.string().optional(),
  url: z.string().optional(),
  entries: z.number(),
  newest: z.string().optional(),
  owner: z.string().optional(),
});
export type ColumnSummary = z.infer<typeof columnSummarySchema>;

export const newMediaAccountSummarySchema = z.object({
  name: z.string(),
  platform: z.string(),
  feed: z.string().optional(),
  owner: z.string().optional(),
  /** unconfigured: listed on the site but not in the configuration; nofeed (added): configured without a feed. */
  status: z.enum(['ok', 'stale', 'unreachable', 'unlisted', 'unconfigured', 'nofeed']),
  lastPost: z.object({ date: z.string().optional(), title: z.string().optional(), url: z.string().optional() }).optional(),
  posts: z.number().default(0),
  listedOnSite: z.boolean().optional(),
});
export type NewMediaAccountSummary = z.infer<typeof newMediaAccountSummarySchema>;

export const auditSchema = z.object({
  schemaVersion: z.literal(SCHEMA_VERSION),
  tool: z.object({ name: z.literal('gongkai'), version: z.string() }),
  audit: z.object({
    id: z.string(),
    site: z.string(),
    asOf: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    startedAt: z.string(),
    finishedAt: z.string(),
    pagesCrawled: z.number().int().nonnegative(),
    rulePacks: z.array(z.string()),
    linksChecked: z.number().int().nonnegative().optional(),
    /** true when the crawl stopped at a cap (max pages, time) rather than exhausting the site. */
    truncated: z.boolean().optional(),
    resumed: z.boolean().optional(),
    render: z.boolean().optional(),
  }),
  findings: z.array(findingSchema),
  errors: z.array(ruleErrorSchema).default([]),
  verdict: verdictSchema.optional(),
  columns: z.array(columnSummarySchema).optional(),
  newMedia: z.object({ accounts: z.array(newMediaAccountSummarySchema) }).optional(),
  /** Added field: zh-CN title and fix of each rule that ran (from rule meta docs), so reports need not import rules. */
  ruleDocs: z
    .array(z.object({ id: z.string(), title: z.string(), fix: z.string().optional(), source: z.string().optional() }))
    .optional(),
});
export type AuditResult = z.infer<typeof auditSchema>;
export type AuditResultInput = z.input<typeof auditSchema>;

/** Parse and validate unknown JSON as an audit result (throws a ZodError naming the bad path). */
export function parseAudit(data: unknown): AuditResult {
  return auditSchema.parse(data);
}

// Messages between the content script, the background and the popup. Every receiver validates with zod: a
// message is data from another context and may come from an older version of the extension.
import { z } from 'zod';
import { findingSchema, severitySchema } from '../../reports/audit-schema.js';

export const auditSummarySchema = z.object({
  source: z.enum(['server', 'import']),
  site: z.string().optional(),
  asOf: z.string().optional(),
  finishedAt: z.string().optional(),
  pagesCrawled: z.number().optional(),
  /** Findings of the whole audit by severity. */
  counts: z.record(z.string(), z.number()).default({}),
  total: z.number().optional(),
  verdict: z.object({ pass: z.boolean(), score: z.number() }).optional(),
});
export type AuditSummary = z.infer<typeof auditSummarySchema>;

export const pageFindingsSchema = z.object({
  source: z.enum(['server', 'import', 'none']),
  audit: auditSummarySchema.optional(),
  findings: z.array(findingSchema).default([]),
  /** zh-CN: why the server could not be used (shown, never fatal). */
  error: z.string().optional(),
});
export type PageFindings = z.infer<typeof pageFindingsSchema>;

export const overlayFindingSchema = z.object({
  finding: findingSchema,
  origin: z.enum(['audit', 'live']),
  /** Whether the finding was placed on an element of the page (false: page-level, in the banner). */
  placed: z.boolean().default(false),
});
export type OverlayFinding = z.infer<typeof overlayFindingSchema>;

export const pageStateSchema = z.object({
  url: z.string(),
  items: z.array(overlayFindingSchema),
  audit: auditSummarySchema.optional(),
  source: z.enum(['server', 'import', 'none']),
  error: z.string().optional(),
  liveErrors: z.array(z.string()).default([]),
  liveChecks: z.boolean(),
});
export type PageState = z.infer<typeof pageStateSchema>;

export const messageSchema = z.discriminatedUnion('type', [
  // content → background
  z.object({ type: z.literal('gongkai:page-findings'), url: z.string(), linked: z.array(z.string()).max(500).default([]) }),
  z.object({ type: z.literal('gongkai:count'), count: z.number().int().nonnegative(), worst: severitySchema.optional() }),
  // popup → background
  z.object({ type: z.literal('gongkai:latest-audit'), site: z.string() }),
  z.object({ type: z.literal('gongkai:sync-sites') }),
  // popup → content
  z.object({ type: z.literal('gongkai:state') }),
  z.object({ type: z.literal('gongkai:jump'), id: z.string() }),
  z.object({ type: z.literal('gongkai:refresh') }),
]);
export type Message = z.infer<typeof messageSchema>;

export function parseMessage(raw: unknown): Message | undefined {
  const r = messageSchema.safeParse(raw);
  return r.success ? r.data : undefined;
}

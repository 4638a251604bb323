// The config file (JSON or YAML), validated by zod. Unknown keys are errors so that typos are caught.
// Each section belongs to one part of the system; add fields, never rename (the config is a public contract).
import { z } from 'zod';
import { rulesConfigSchema } from '../../rules/engine/rule-runner.js';

const regexString = z.string().refine(
  (value) => {
    try {
      new RegExp(value);
      return true;
    } catch {
      return false;
    }
  },
  { message: '不是有效的正则表达式' },
);

export const crawlConfigSchema = z
  .object({
    /** URL regexes to include / exclude (matched against the absolute URL). */
    include: z.array(regexString).default([]),
    exclude: z.array(regexString).default([]),
    /** Respect robots.txt (turn off only for one's own site). */
    robots: z.boolean().default(true),
    maxPages: z.number().int().positive().optional(),
    concurrency: z.number().int().positive().max(64).optional(),
    /** Requests per second per host. */
    rate: z.number().positive().max(1000).optional(),
    userAgent: z.string().min(1).optional(),
    timeoutMs: z.number().int().positive().optional(),
    /** Query parameters dropped during URL normalisation (session ids etc.). */
    dropParams: z.array(z.string()).default([]),
    /** Extra hosts treated as the same site (e.g. www. and bare domain). */
    sameSiteHosts: z.array(z.string()).default([]),
    render: z.boolean().default(false),
    /** Body cap for pages in bytes (decoded); larger pages are cut and noted. */
    maxBytes: z.number().int().positive().optional(),
    /** Download cap for attachments whose text is scanned. */
    attachmentMaxBytes: z.number().int().positive().optional(),
    /** Link targets checked at once (across hosts; each host stays capped by concurrency and rate). */
    linkConcurrency: z.number().int().positive().max(256).optional(),
    /** Wait before re-checking a failed link, ms. */
    recheckDelayMs: z.number().int().nonnegative().optional(),
    /** Check links to other sites (default true). */
    checkExternal: z.boolean().default(true),
    /** Link depth from the start page beyond which pages are not crawled (calendar/pagination traps). */
    maxDepth: z.number().int().positive().optional(),
    /** Incremental re-audits: hours a link outcome stays valid in the cache (0: always re-check links). */
    linkCacheHours: z.number().nonnegative().max(24 * 365).default(24),
    /** Threads that parse and analyse pages beside the crawl (default: the cores but one, 1 to 4; 0: none). */
    workers: z.number().int().nonnegative().max(16).optional(),
  })
  .strict();

export const newMediaAccountConfigSchema = z
  .object({
    name: z.string().min(1),
    platform: z.enum(['wechat', 'weibo', 'douyin', 'toutiao', 'bilibili', 'website', 'other']),
    feed: z.string().url().optional(),
    owner: z.string().optional(),
    unit: z.string().optional(),
    /** For HTML list pages: selectors of an item and its parts. */
    selectors: z
      .object({ item: z.string(), title: z.string().optional(), date: z.string().optional(), link: z.string().optional() })
      .strict()
      .optional(),
  })
  .strict();

export const configSchema = z
  .object({
    crawl: crawlConfigSchema.default(crawlConfigSchema.parse({})),
    rules: rulesConfigSchema.default(rulesConfigSchema.parse({})),
    /** Column label or canonical column → responsible office (处室). Merged over the built-in map. */
    owners: z.record(z.string(), z.string()).default({}),
    /** Map columns by URL prefix where detection fails. */
    columns: z.array(z.object({ urlPrefix: z.string().url(), name: z.string().min(1) }).strict()).default([]),
    /** Extra serious wording errors (content/serious-error). */
    seriousErrors: z.array(z.object({ wrong: z.string().min(1), right: z.string().min(1) }).strict()).default([]),
    newMedia: z.array(newMediaAccountConfigSchema).default([]),
    report: z
      .object({
        formats: z.array(z.enum(['json', 'html', 'xlsx', 'csv'])).default(['json', 'html', 'xlsx', 'csv']),
        /** History store directory (SQLite). */
        dataDir: z.string().default('.gongkai'),
        /** Webhook notified of new critical/serious findings. */
        webhook: z.string().url().optional(),
      })
      .strict()
      .default({ formats: ['json', 'html', 'xlsx', 'csv'], dataDir: '.gongkai' }),
  })
  .strict();

export type GongkaiConfig = z.infer<typeof configSchema>;
export type GongkaiConfigInput = z.input<typeof configSchema>;

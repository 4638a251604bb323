// The page record: one typed, serialisable record per fetched page (or attachment, or new-media post).
// It is the only thing page rules read. It is built by crawler/extract from a PageAdapter, so the crawler
// (cheerio) and the extension (live DOM) build identical records from the same HTML.
import { z } from 'zod';

/** Link element kinds that are collected. */
export const linkTagSchema = z.enum(['a', 'area', 'img', 'iframe', 'script', 'link', 'source', 'video', 'audio', 'embed', 'object', 'form']);

export const pageLinkSchema = z.object({
  /** Absolute, normalised URL (fragment removed). */
  url: z.string(),
  /** The attribute value as written. */
  raw: z.string(),
  tag: linkTagSchema,
  attr: z.string(),
  text: z.string().default(''),
  selector: z.string(),
  /** An attachment by its extension (pdf, doc, docx, xls, xlsx, csv, txt, zip, rar, wps, et, ofd, ...). */
  attachment: z.boolean().default(false),
  /** true when the link points inside the audited site. */
  internal: z.boolean().default(false),
});
export type PageLink = z.infer<typeof pageLinkSchema>;

/** The 政府信息公开 disclosure table (索引号, 发布机构, ...), by canonical key; label synonyms resolved. */
export const disclosureSchema = z.object({
  indexNo: z.string().optional(), // 索引号 / 信息索引号
  publisher: z.string().optional(), // 发布机构 / 发文机关
  writtenDate: z.string().optional(), // 成文日期, normalised YYYY-MM-DD
  publishDate: z.string().optional(), // 发布日期 / 发文日期, YYYY-MM-DD
  docNo: z.string().optional(), // 文号 / 发文字号
  topic: z.string().optional(), // 主题分类
  validity: z.string().optional(), // 有效性 / 效力状态 (as written: 有效, 失效, 废止, 已修改 ...)
  validUntil: z.string().optional(), // 有效期至, YYYY-MM-DD
  openness: z.string().optional(), // 公开方式 / 公开属性
  /** Every label → value pair found, labels with spaces and colons stripped. */
  raw: z.record(z.string(), z.string()).default({}),
});
export type Disclosure = z.infer<typeof disclosureSchema>;

export const listEntrySchema = z.object({
  title: z.string(),
  url: z.string(),
  /** YYYY-MM-DD when a date is shown next to the entry. */
  date: z.string().optional(),
  selector: z.string(),
});
export type ListEntry = z.infer<typeof listEntrySchema>;

export const textBlockSchema = z.object({
  /** CSS selector of the smallest block element holding the text (p, td, li, div with text...). */
  selector: z.string(),
  text: z.string(),
});
export type TextBlock = z.infer<typeof textBlockSchema>;

export const pageKindSchema = z.enum(['home', 'list', 'article', 'other', 'attachment', 'post']);
export type PageKind = z.infer<typeof pageKindSchema>;

export const pageRecordSchema = z.object({
  /** Final URL after redirects. */
  url: z.string(),
  /** The URL that was requested (before redirects). */
  requestedUrl: z.string().optional(),
  status: z.number().int(),
  redirects: z.array(z.string()).default([]),
  contentType: z.string().optional(),
  /** Encoding the body was decoded with (utf-8, gb18030, ...). */
  encoding: z.string().optional(),
  fetchedAt: z.string().optional(),
  kind: pageKindSchema,
  title: z.string().default(''),
  /** 《政府网站发展指引》 meta tags by their name attribute as written (SiteName, SiteDomain, SiteIDCode, ColumnName,
   *  ColumnType, ArticleTitle, PubDate, ContentSource, Keywords, Description, Url, ...). */
  meta: z.record(z.string(), z.string()).default({}),
  /** 当前位置 trail, without the home link's text if it is 首页. */
  breadcrumb: z.array(z.string()).default([]),
  disclosure: disclosureSchema.optional(),
  /** Dated (or undated) entries on list pages, in page order. */
  listEntries: z.array(listEntrySchema).default([]),
  /** TRS createPageHTML(pageCount, current, prefix, ext) or an equivalent pager, when present. */
  pagination: z
    .object({ pageCount: z.number().int(), current: z.number().int(), pages: z.array(z.string()) })
    .optional(),
  links: z.array(pageLinkSchema).default([]),
  /** Main body text, whitespace-collapsed (scripts, styles and navigation excluded where detectable). */
  bodyText: z.string().default(''),
  /** Text blocks with selectors, for findings that point at an element. */
  textBlocks: z.array(textBlockSchema).default([]),
  /** Dates (YYYY-MM-DD) shown on the page, e.g. for home-page freshness. */
  dates: z.array(z.string()).default([]),
  /** Footer identifiers. */
  footer: z
    .object({ siteIdCode: z.string().optional(), icp: z.string().optional(), police: z.string().optional() })
    .default({}),
  /** For attachments and posts: the page that links to it / the account it belongs to. */
  parentUrl: z.string().optional(),
  /** Extraction problems worth reporting (cut at size cap, undecodable bytes, ...). */
  notes: z.array(z.string()).default([]),
  /** Bytes read when the body was cut at the size cap (absent when read whole): page/oversized. */
  truncatedAt: z.number().int().optional(),
  /** Links of this page left uncrawled because they lie beyond the crawl depth cap: crawl/trap. */
  crawlCut: z.object({ maxDepth: z.number().int(), links: z.number().int(), sample: z.array(z.string()).default([]) }).optional(),
});
export type PageRecord = z.infer<typeof pageRecordSchema>;
export type PageRecordInput = z.input<typeof pageRecordSchema>;

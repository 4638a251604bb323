// Attachments of the site (pdf, doc(x), xls(x), csv, txt) are downloaded up to a cap and their text becomes a
// PageRecord of kind 'attachment' that page rules scan (privacy leaks hide in spreadsheets). The download is
// also the attachment's link outcome, so the link checker does not request it again.
import pLimit from 'p-limit';
import { FetchError, type Fetcher } from '../http/fetcher-types.js';
import { outcomeFromError, outcomeFromResponse } from '../links/link-checker.js';
import { pageRecordSchema, type PageRecord } from '../page-record.js';
import type { RuleRunner } from '../../rules/engine/rule-runner.js';
import { attachmentExt } from '../url/normalize.js';
import type { CrawlState } from './crawl-state.js';
import type { JournalPage } from './journal.js';
import { conditionalHeaders, resultHolds, type AuditCache } from '../cache/audit-cache.js';
import { idBirthDates } from '../../rules/text/id-number.js';

const EMPTY = Buffer.alloc(0);

/** Extensions whose text is extracted; other attachments (zip, rar, ofd...) are only link-checked. */
export const TEXT_ATTACHMENTS = new Set(['pdf', 'doc', 'docx', 'xls', 'xlsx', 'csv', 'txt', 'wps', 'et']);

export interface AttachmentScanOptions {
  fetcher: Fetcher;
  state: CrawlState;
  runner: RuleRunner;
  maxBytes?: number;
  concurrency?: number;
  signal?: AbortSignal;
  onDone?(): void;
  /** Incremental re-audits: an attachment a 304 proves unchanged keeps its findings, unread (only its validators
   *  and result are cached, not its bytes: a different fingerprint downloads it again). */
  cache?: AuditCache;
  fingerprint?: string;
  asOf?: string;
}

/** In-site attachment targets of the crawled pages → first linking page. */
export function attachmentTargets(pages: Iterable<PageRecord>): Map<string, string> {
  const out = new Map<string, string>();
  for (const page of pages) {
    for (const link of page.links) {
      if (!link.internal || !link.attachment || out.has(link.url)) continue;
      const ext = attachmentExt(link.url);
      if (ext && TEXT_ATTACHMENTS.has(ext)) out.set(link.url, page.url);
    }
  }
  return out;
}

type ExtractText = typeof import('../attachments/attachment-text.js').extractAttachmentText;

let warming: Promise<unknown> | undefined;

/** Load the text extractors (pdf.js costs ~1.5 s on first use) while the crawl still waits on the network.
 *  Source-mapped stack traces are off meanwhile: pdf.js reads `new Error().stack` while loading, which made
 *  Node parse its multi-megabyte source map (≈0.45 s) under tsx. */
export function warmAttachmentText(): true {
  const sourceMaps = process.sourceMapsEnabled;
  if (sourceMaps) process.setSourceMapsEnabled(false);
  warming ??= import('../attachments/attachment-text.js')
    .then((m) => m.extractAttachmentText(new TextEncoder().encode('%PDF-1.4\n'), 'pdf', { maxChars: 1 }))
    .catch(() => undefined)
    .finally(() => {
      if (sourceMaps) process.setSourceMapsEnabled(true);
    });
  return true;
}

export async function scanAttachments(targets: Map<string, string>, opts: AttachmentScanOptions): Promise<void> {
  if (targets.size === 0) return;
  // Loaded on demand: the PDF and Office parsers are heavy and most pages link no attachment.
  let extractAttachmentText: ExtractText | undefined;
  try {
    ({ extractAttachmentText } = await import('../attachments/attachment-text.js'));
  } catch (error) {
    // Without the text extractor the attachments are still link-checked; the gap is recorded, not fatal.
    opts.state.errors.push({ rule: 'crawler/attachment', message: `附件文字提取不可用：${(error as Error).message}` });
  }
  const limit = pLimit(opts.concurrency ?? 4);
  const maxBytes = opts.maxBytes ?? 10 * 1024 * 1024;
  await Promise.all(
    [...targets].map(([url, parentUrl]) =>
      limit(async () => {
        if (opts.state.isDone(url) || opts.signal?.aborted) return;
        let entry: JournalPage = { t: 'page', u: url, o: { url, state: 'ok', internal: true }, f: [], e: [] };
        const { cache, fingerprint = '', asOf = '' } = opts;
        const cached = cache?.hasPage(url) ? cache.getPage(url) : undefined;
        const reusable = cached && resultHolds(cached, fingerprint, asOf) ? cached : undefined;
        try {
          const res = await opts.fetcher.fetch({ url, maxBytes, ...(reusable ? { headers: conditionalHeaders(reusable) } : {}) });
          if (res.status === 304 && reusable) {
            cache!.stats.attachmentReused++;
            entry = { ...reusable.entry, o: { ...reusable.entry.o, checkedAt: new Date().toISOString() } };
            opts.state.complete(entry);
            opts.onDone?.();
            return;
          }
          entry.o = outcomeFromResponse(url, res, true);
          if (res.status < 400 && extractAttachmentText) {
            const ext = attachmentExt(res.finalUrl) ?? attachmentExt(url) ?? '';
            const text = await extractAttachmentText(res.body, ext, { maxChars: 200_000 });
            const notes: string[] = [];
            if (res.truncated) notes.push('附件超过下载上限，仅检查了前一部分');
            if (text.truncated) notes.push('附件文字过长，仅检查了前一部分');
            if (text.error) notes.push(`附件文字提取失败：${text.error}`);
            const record = pageRecordSchema.parse({
              url,
              status: res.status,
              kind: 'attachment',
              contentType: res.headers['content-type'],
              fetchedAt: new Date().toISOString(),
              parentUrl,
              bodyText: text.text,
              notes,
            });
            const run = await opts.runner.runPage(record);
            entry.f = run.findings;
            entry.e = run.errors;
            const births = idBirthDates(record.bodyText);
            if (births.length) entry.b = births;
            // Attachment records are not pages of the site model; their text is not kept.
            if (cache && res.status === 200 && !res.truncated) {
              cache.putPage({
                url,
                etag: res.headers['etag'],
                lastModified: res.headers['last-modified'],
                fingerprint,
                ...(asOf ? { asOf } : {}),
                status: res.status,
                finalUrl: res.finalUrl,
                redirects: res.redirects,
                body: EMPTY,
                entry,
                follow: [],
              });
            }
          }
        } catch (error) {
          if (!(error instanceof FetchError)) {
            entry.e = [{ rule: 'crawler/attachment', url, message: `附件处理出错：${(error as Error).message}` }];
          } else {
            entry.o = outcomeFromError(url, error, true);
          }
        }
        opts.state.complete(entry);
        opts.onDone?.();
      }),
    ),
  );
}

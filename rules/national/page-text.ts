// The text of a page record as rules scan it: its text blocks (with selectors) and then the whole body text,
// so that a hit is pointed at its block where the record knows one, and text outside blocks (attachments,
// extraction gaps) is still scanned.
import type { PageRecord } from '../../crawler/page-record.js';

export interface TextSegment {
  text: string;
  selector?: string;
}

export function pageTextSegments(page: PageRecord): TextSegment[] {
  const segments: TextSegment[] = page.textBlocks.map((b) => ({ text: b.text, selector: b.selector }));
  if (page.bodyText) segments.push({ text: page.bodyText });
  return segments;
}

const JOINED = new WeakMap<PageRecord, { title: string; blocks: PageRecord['textBlocks']; count: number; body: string; text: string }>();

/** Every segment (and the title) in one string, newline-separated: a text found inside any segment is found
 *  here, so one pre-check scan can rule out a whole record instead of one scan per (often tiny) block. */
export function joinedPageText(page: PageRecord): string {
  // Three rules ask per record; kept while the record's title, blocks and body are the same.
  const known = JOINED.get(page);
  if (known && known.title === page.title && known.blocks === page.textBlocks && known.count === page.textBlocks.length && known.body === page.bodyText) {
    return known.text;
  }
  const parts = [page.title];
  for (const b of page.textBlocks) parts.push(b.text);
  parts.push(page.bodyText);
  const text = parts.join('\n');
  JOINED.set(page, { title: page.title, blocks: page.textBlocks, count: page.textBlocks.length, body: page.bodyText, text });
  return text;
}

export function isAttachment(page: PageRecord): boolean {
  return page.kind === 'attachment';
}

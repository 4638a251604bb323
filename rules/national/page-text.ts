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

/** Every segment (and the title) in one string, newline-separated: a text found inside any segment is found
 *  here, so one pre-check scan can rule out a whole record instead of one scan per (often tiny) block. */
export function joinedPageText(page: PageRecord): string {
  const parts = [page.title];
  for (const b of page.textBlocks) parts.push(b.text);
  parts.push(page.bodyText);
  return parts.join('\n');
}

export function isAttachment(page: PageRecord): boolean {
  return page.kind === 'attachment';
}

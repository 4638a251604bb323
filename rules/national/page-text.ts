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

export function isAttachment(page: PageRecord): boolean {
  return page.kind === 'attachment';
}

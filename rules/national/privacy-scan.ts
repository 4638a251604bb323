// Shared scanning for the two privacy rules: one finding per distinct number per record, pointed at the first
// text block holding it, with the number masked everywhere (key, evidence, message).
import type { PageRecord } from '../../crawler/page-record.js';
import type { PageRuleContext } from '../define-rule.js';
import type { TextMatch } from '../text/id-number.js';
import { maskedContext } from '../text/mask.js';
import { joinedPageText, pageTextSegments } from './page-text.js';

export interface PrivacyHit {
  masked: string;
  /** Discriminates distinct numbers that mask alike (stable, never the number itself). */
  key: string;
  selector?: string;
  context: string;
  /** Occurrences on the record (blocks or body, whichever shows more). */
  count: number;
}

export function scanPrivacy(
  page: PageRecord,
  find: (text: string) => TextMatch[],
  mask: (value: string) => string,
  /** Cheap necessary condition for `find` to match: checked once over the whole record's text. */
  mayContain?: (text: string) => boolean,
): PrivacyHit[] {
  if (mayContain && !mayContain(joinedPageText(page))) return [];
  const first = new Map<string, { text: string; index: number; selector?: string }>();
  const blockCount = new Map<string, number>();
  const bodyCount = new Map<string, number>();
  for (const segment of pageTextSegments(page)) {
    const counts = segment.selector === undefined ? bodyCount : blockCount;
    for (const m of find(segment.text)) {
      counts.set(m.value, (counts.get(m.value) ?? 0) + 1);
      if (!first.has(m.value)) first.set(m.value, { text: segment.text, index: m.index, selector: segment.selector });
    }
  }
  const maskedSeen = new Map<string, number>();
  const hits: PrivacyHit[] = [];
  for (const [value, where] of first) {
    const masked = mask(value);
    const ordinal = (maskedSeen.get(masked) ?? 0) + 1;
    maskedSeen.set(masked, ordinal);
    const hit: PrivacyHit = {
      masked,
      key: ordinal > 1 ? `${masked}#${ordinal}` : masked,
      context: maskedContext(where.text, where.index, value.length),
      count: Math.max(blockCount.get(value) ?? 0, bodyCount.get(value) ?? 0),
    };
    if (where.selector !== undefined) hit.selector = where.selector;
    hits.push(hit);
  }
  return hits;
}

/** Report each hit as one finding: masked number in message and evidence, the text block's selector where known. */
export function reportPrivacyHits(ctx: PageRuleContext<unknown>, hits: PrivacyHit[]): void {
  const { page } = ctx;
  for (const hit of hits) {
    ctx.report({
      messageId: page.kind === 'attachment' ? 'attachment' : 'page',
      data: { masked: hit.masked },
      key: hit.key,
      ...(hit.selector !== undefined ? { selector: hit.selector } : {}),
      evidence: {
        masked: hit.masked,
        context: hit.context,
        count: hit.count,
        ...(page.parentUrl ? { parentUrl: page.parentUrl } : {}),
      },
    });
  }
}

// Mainland mobile numbers: 11 digits starting 13-19. Landlines (0431-8888xxxx) and masked forms never match.
import type { TextMatch } from './id-number.js';

// Not glued to other digits or Latin letters (longer numbers, order ids, 18-digit IDs).
const MOBILE = /(?<![0-9A-Za-z])1[3-9]\d{9}(?![0-9A-Za-z])/g;

const MOBILE_LIKE = /1[3-9]\d{9}/;

/** False when `text` holds no mobile-number-like digit run (then findMobiles finds nothing): one cheap scan that
 *  may cover several texts joined together. */
export function mayContainMobile(text: string): boolean {
  return MOBILE_LIKE.test(text);
}

export function findMobiles(text: string): TextMatch[] {
  return [...text.matchAll(MOBILE)].map((m) => ({ value: m[0], index: m.index ?? 0 }));
}

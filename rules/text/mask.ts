// Masking of personal numbers in evidence: findings never carry a number in full.

/** 220102199001011234 → 220102********1234 (the form the inspection guidance shows). */
export function maskIdNumber(value: string): string {
  if (value.length <= 10) return '*'.repeat(value.length);
  return value.slice(0, 6) + '*'.repeat(value.length - 10) + value.slice(-4);
}

/** 13812345678 → 138****5678. */
export function maskMobile(value: string): string {
  if (value.length < 8) return '*'.repeat(value.length);
  return value.slice(0, 3) + '*'.repeat(value.length - 7) + value.slice(-4);
}

// Any 15-18 digit run (IDs, also failing ones) and any 11-digit 1x run, masked whatever their validity.
const LONG_DIGITS = /\d{17}[\dXx]|\d{15}/g;
const MOBILE_LIKE = /1[3-9]\d{9}/g;

/** Mask every ID-like and mobile-like number in free text (for evidence context snippets). */
export function maskSensitive(text: string): string {
  return text.replace(LONG_DIGITS, (v) => maskIdNumber(v)).replace(MOBILE_LIKE, (v) => maskMobile(v));
}

/** A short snippet around [index, index+length), with every sensitive number masked. */
export function maskedContext(text: string, index: number, length: number, radius = 20): string {
  const start = Math.max(0, index - radius);
  const end = Math.min(text.length, index + length + radius);
  // Widen to whole digit runs so that a number cut at the edge is not shown partly unmasked.
  let s = start;
  while (s > 0 && /[\dXx]/.test(text[s - 1]) && /[\dXx]/.test(text[s])) s--;
  let e = end;
  while (e < text.length && /[\dXx]/.test(text[e]) && /[\dXx]/.test(text[e - 1])) e++;
  return (s > 0 ? '…' : '') + maskSensitive(text.slice(s, e)) + (e < text.length ? '…' : '');
}

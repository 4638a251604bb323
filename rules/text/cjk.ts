// Small text helpers shared by rules.

/** Contains at least one CJK ideograph (used to assert that user-facing strings are zh-CN). */
export function hasCjk(text: string): boolean {
  return /[\u3400-\u9fff]/.test(text);
}

/** Whitespace-collapsed, trimmed. */
export function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Days from `from` to `to` (both YYYY-MM-DD); positive when `to` is later. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

const DOC_NO_BRACKETS = /[\[\]()（）【】［］〔〕{}｛｝<>〈〉]/g;

/** 文号 (or text holding 文号) normalised for comparison: look-alike brackets unified, spaces dropped, 第 and
 *  leading zeros after the year removed. */
export function normalizeDocNo(text: string): string {
  return text
    .replace(/\s+/g, '')
    .replace(DOC_NO_BRACKETS, (c) => ('[(（【［〔{｛<〈'.includes(c) ? '〔' : '〕'))
    .replace(/〕第/g, '〕')
    .replace(/〕0+(\d)/g, '〕$1');
}

/** Whether `text` mentions the 文号 `docNo` (bracket look-alikes and spacing tolerated). */
export function mentionsDocNo(text: string, docNo: string): boolean {
  const needle = normalizeDocNo(docNo);
  return needle.length > 0 && normalizeDocNo(text).includes(needle);
}

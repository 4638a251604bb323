// Resident identity numbers (GB 11643-1999): 6-digit region, 8-digit birth date, 3-digit sequence, check char.

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';
/** First two digits of mainland provinces, HK/Macao/Taiwan residence permits (81-83) and foreigners' permits (91). */
const REGION_PREFIXES = new Set([
  '11', '12', '13', '14', '15', '21', '22', '23', '31', '32', '33', '34', '35', '36', '37', '41', '42', '43', '44',
  '45', '46', '50', '51', '52', '53', '54', '61', '62', '63', '64', '65', '71', '81', '82', '83', '91',
]);

/** The GB 11643 check character of the first 17 digits. */
export function idCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i];
  return CHECK_CHARS[sum % 11];
}

/** True when `birth` (YYYYMMDD) is a real calendar date from 1900 up to `asOf` (YYYY-MM-DD). */
export function isPlausibleBirthDate(birth: string, asOf?: string): boolean {
  if (!/^\d{8}$/.test(birth)) return false;
  const y = Number(birth.slice(0, 4));
  const m = Number(birth.slice(4, 6));
  const d = Number(birth.slice(6, 8));
  if (y < 1900 || m < 1 || m > 12 || d < 1) return false;
  const daysInMonth = new Date(Date.UTC(y, m, 0)).getUTCDate();
  if (d > daysInMonth) return false;
  const iso = `${birth.slice(0, 4)}-${birth.slice(4, 6)}-${birth.slice(6, 8)}`;
  return asOf ? iso <= asOf : true;
}

/** A well-formed 18-character ID number: region, plausible birth date and a matching check character. */
export function isValidIdNumber(value: string, asOf?: string): boolean {
  if (!/^\d{17}[\dXx]$/.test(value)) return false;
  if (!REGION_PREFIXES.has(value.slice(0, 2))) return false;
  if (!isPlausibleBirthDate(value.slice(6, 14), asOf)) return false;
  return idCheckChar(value) === value[17].toUpperCase();
}

export interface TextMatch {
  value: string;
  index: number;
}

// Not inside a longer digit/letter run (order numbers, credit codes with letters, URLs).
const ID_CANDIDATE = /(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])/g;
// An 索引号 is a credit code (or org code) followed by /YYYY-NNNNN; the credit code can pass the checksum by accident.
const INDEX_NO_TAIL = /^\s*[/／]\s*\d{4}/;
const CREDIT_CODE_LABEL = /(统一社会信用代码|信用代码|索\s*引\s*号|组织机构代码|纳税人识别号|税号)\s*[:：]?\s*$/;

const ID_LIKE = /\d{17}[\dXx]/;

/** False when `text` holds no 18-character ID-like run (then findIdNumbers finds nothing): one cheap scan that
 *  may cover several texts joined together. */
export function mayContainIdNumber(text: string): boolean {
  return ID_LIKE.test(text);
}

/** Unmasked resident ID numbers in `text`, excluding credit-code parts of 索引号 and labelled credit codes. */
export function findIdNumbers(text: string, asOf?: string): TextMatch[] {
  const out: TextMatch[] = [];
  for (const m of text.matchAll(ID_CANDIDATE)) {
    const index = m.index ?? 0;
    const value = m[0];
    if (INDEX_NO_TAIL.test(text.slice(index + value.length, index + value.length + 8))) continue;
    if (CREDIT_CODE_LABEL.test(text.slice(Math.max(0, index - 16), index))) continue;
    if (isValidIdNumber(value, asOf)) out.push({ value, index });
  }
  return out;
}

/** Birth dates (YYYY-MM-DD, distinct, sorted) of the ID numbers in `text` that are well formed whatever the as-of
 *  date: whether each counts as an ID depends on the as-of date only through its birth date. A cached page result
 *  stays right for another as-of date unless a birth date lies between the two (see `asOfChangesIds`). */
export function idBirthDates(text: string): string[] {
  if (!mayContainIdNumber(text)) return [];
  const dates = new Set<string>();
  for (const m of text.matchAll(ID_CANDIDATE)) {
    const value = m[0];
    if (isValidIdNumber(value)) dates.add(`${value.slice(6, 10)}-${value.slice(10, 12)}-${value.slice(12, 14)}`);
  }
  return [...dates].sort();
}

/** Whether an ID number with one of `births` counts under one as-of date and not under the other. */
export function asOfChangesIds(births: readonly string[] | undefined, from: string, to: string): boolean {
  if (!births?.length || from === to) return false;
  const [lo, hi] = from < to ? [from, to] : [to, from];
  return births.some((d) => d > lo && d <= hi);
}


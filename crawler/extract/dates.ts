// Date parsing for Chinese government pages: 2022-03-15, 2022-3-5, 2022/03/15, 2022.03.15, 2022年3月15日,
// full-width digits, bracketed forms ([2022-03-15], 【2022-03-15】, （2022-03-15）) and Chinese-numeral dates
// (二〇二二年三月十五日). Browser-safe.

const FULL_WIDTH = /[\uff10-\uff19\uff0d\uff0f\uff0e]/g;

/** Full-width digits and separators to ASCII. */
const HAS_FULL_WIDTH = /[\uff10-\uff19\uff0d\uff0f\uff0e]/;

export function toHalfWidth(text: string): string {
  // Most texts have no full-width digits: a test is far cheaper than a replace with a callback.
  if (!HAS_FULL_WIDTH.test(text)) return text;
  return text.replace(FULL_WIDTH, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}

const NUMERIC_DATE = /(?<!\d)(\d{4})\s*([-/.年])\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})(?!\d)/g;

const CN_DIGIT: Record<string, number> = {
  〇: 0, 零: 0, O: 0, Ｏ: 0, o: 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9,
};
const CN_DATE = /([〇零一二三四五六七八九OＯo]{4})年([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})日/g;

function cnNumber(s: string): number {
  // 1..31 in 十-notation: 三, 十, 十五, 二十, 二十一, 三十一
  const ten = s.indexOf('十');
  if (ten < 0) return CN_DIGIT[s] ?? NaN;
  const tens = ten === 0 ? 1 : CN_DIGIT[s.slice(0, ten)] ?? NaN;
  const ones = ten === s.length - 1 ? 0 : CN_DIGIT[s.slice(ten + 1)] ?? NaN;
  return tens * 10 + ones;
}

export function isValidDate(y: number, m: number, d: number): boolean {
  if (!Number.isInteger(y) || !Number.isInteger(m) || !Number.isInteger(d)) return false;
  if (y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1) return false;
  const days = [31, (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  return d <= days[m - 1];
}

export function formatDate(y: number, m: number, d: number): string {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

interface Found {
  index: number;
  date: string;
}

function scan(text: string, firstOnly: boolean): Found[] {
  if (!text) return [];
  const src = toHalfWidth(text);
  const out: Found[] = [];
  NUMERIC_DATE.lastIndex = 0;
  for (let m = NUMERIC_DATE.exec(src); m; m = NUMERIC_DATE.exec(src)) {
    const [, ys, sep, ms, ds] = m;
    // "2022年3月5" without 日 is fine; but 年 must pair with 月 (checked by the class) and dotted/dashed forms
    // must not continue into a version or IP-like run (2022.03.15.1).
    if (sep !== '年' && /^[.]\d/.test(src.slice(m.index + m[0].length, m.index + m[0].length + 2))) continue;
    const y = Number(ys);
    const mo = Number(ms);
    const d = Number(ds);
    if (isValidDate(y, mo, d)) {
      out.push({ index: m.index, date: formatDate(y, mo, d) });
      if (firstOnly) break;
    }
  }
  if (/[〇零][一二三四五六七八九〇零]|二[〇零]/.test(src)) {
    CN_DATE.lastIndex = 0;
    for (let m = CN_DATE.exec(src); m; m = CN_DATE.exec(src)) {
      const y = Number([...m[1]].map((c) => CN_DIGIT[c]).join(''));
      const mo = cnNumber(m[2]);
      const d = cnNumber(m[3]);
      if (isValidDate(y, mo, d)) out.push({ index: m.index, date: formatDate(y, mo, d) });
    }
    out.sort((a, b) => a.index - b.index);
  }
  return out;
}

/** The first valid date in `text` as YYYY-MM-DD, or undefined. Impossible dates (2022-02-30) are skipped. */
export function parseDate(text: string): string | undefined {
  return scan(text, true)[0]?.date;
}

/** Every valid date in `text`, in order of appearance (duplicates kept). */
export function findDates(text: string): string[] {
  return scan(text, false).map((f) => f.date);
}

/** The first date with its position (for stripping it out of a list entry's title). */
export function findFirstDate(text: string): { date: string; index: number; length: number } | undefined {
  const src = toHalfWidth(text);
  NUMERIC_DATE.lastIndex = 0;
  for (let m = NUMERIC_DATE.exec(src); m; m = NUMERIC_DATE.exec(src)) {
    const y = Number(m[1]);
    const mo = Number(m[3]);
    const d = Number(m[4]);
    if (isValidDate(y, mo, d)) {
      let length = m[0].length;
      if (src[m.index + length] === '日') length++;
      return { date: formatDate(y, mo, d), index: m.index, length };
    }
  }
  return undefined;
}

const MONTH_DAY_ONLY = /^[\s[\]【】（）()]*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?[\s[\]【】（）()]*$/;

/**
 * A date shown without its year ("06-29", "[6/29]", "6月29日"): the latest such date not after `reference`
 * (YYYY-MM-DD) plus one day. Only a text that is nothing but the date qualifies.
 */
export function resolveMonthDay(text: string, reference: string | undefined): string | undefined {
  if (!reference || !/^\d{4}-\d{2}-\d{2}$/.test(reference)) return undefined;
  const m = MONTH_DAY_ONLY.exec(toHalfWidth(text));
  if (!m) return undefined;
  const month = Number(m[1]);
  const day = Number(m[2]);
  const refYear = Number(reference.slice(0, 4));
  const limit = new Date(Date.parse(`${reference}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  for (const y of [refYear, refYear - 1, refYear - 2, refYear - 3, refYear - 4]) {
    if (!isValidDate(y, month, day)) continue; // 02-29 looks back to a leap year
    const date = formatDate(y, month, day);
    if (date <= limit) return date;
  }
  return undefined;
}

/** The Asia/Shanghai calendar date (YYYY-MM-DD) of an ISO timestamp, or undefined. */
const PLAIN_ISO = /^\d{4}-\d{2}-\d{2}T(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d\.\d{3}Z$/;
let lastHour: string | undefined;
let lastDate: string | undefined;

export function shanghaiDate(iso: string | undefined): string | undefined {
  if (!iso) return undefined;
  // Every page of a crawl has a fetch time within the same few hours: a toISOString() time's date depends only
  // on its date and hour.
  if (PLAIN_ISO.test(iso)) {
    const hour = iso.slice(0, 13);
    if (hour === lastHour) return lastDate;
    lastDate = shanghaiDateOf(iso);
    lastHour = hour;
    return lastDate;
  }
  return shanghaiDateOf(iso);
}

function shanghaiDateOf(iso: string): string | undefined {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return undefined;
  return new Date(t + 8 * 3_600_000).toISOString().slice(0, 10);
}

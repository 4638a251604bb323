// Dates as feeds and Chinese platform pages write them (RFC 822, ISO 8601, 2022年3月15日, 3月15日, 昨天, 2小时前 …),
// normalised to a YYYY-MM-DD day in Asia/Shanghai. Relative forms count back from the audit's as-of day.

const SHANGHAI_OFFSET_MS = 8 * 3600_000; // no DST in China since 1991
const DAY_MS = 86_400_000;

export interface ZhDateContext {
  /** The audit's reference day, YYYY-MM-DD. */
  asOf: string;
  /** The current instant; used for 2小时前 only when it falls on the as-of day (otherwise the end of that day). */
  now?: Date;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** A valid calendar day as YYYY-MM-DD, or undefined (rejects 2022-02-30). */
export function ymd(year: number, month: number, day: number): string | undefined {
  if (!Number.isInteger(year) || year < 1900 || year > 2200) return undefined;
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return undefined;
  return `${year}-${pad(month)}-${pad(day)}`;
}

/** The Shanghai calendar day of an instant. */
export function shanghaiDay(instant: Date | number): string {
  const d = new Date((typeof instant === 'number' ? instant : instant.getTime()) + SHANGHAI_OFFSET_MS);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/** Midnight (00:00 Shanghai) of a YYYY-MM-DD day as epoch ms. */
function dayStartMs(day: string): number {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d) - SHANGHAI_OFFSET_MS;
}

/** Add (or subtract) whole days to a YYYY-MM-DD day. */
export function addDays(day: string, days: number): string {
  return shanghaiDay(dayStartMs(day) + days * DAY_MS);
}

/** Whole days from `from` to `to` (both YYYY-MM-DD). */
export function daysBetween(from: string, to: string): number {
  return Math.round((dayStartMs(to) - dayStartMs(from)) / DAY_MS);
}

function referenceMs(ctx: ZhDateContext): number {
  if (ctx.now && shanghaiDay(ctx.now) === ctx.asOf) return ctx.now.getTime();
  return dayStartMs(ctx.asOf) + DAY_MS - 1000; // 23:59:59 of the as-of day
}

const FULLWIDTH = /[０-９：－／]/g;

/** Parse a date as written in a feed or a list page; undefined when it is not a date. */
export function parseZhDate(raw: string | number | undefined | null, ctx: ZhDateContext): string | undefined {
  if (raw === undefined || raw === null) return undefined;
  let s = String(raw)
    .replace(FULLWIDTH, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\s+/g, ' ')
    .trim();
  if (!s) return undefined;
  s = s.replace(/^(发布时间|发布日期|时间|日期)[:：]?\s*/, '');

  // Epoch seconds / milliseconds (some bridges emit them).
  if (/^\d{10}$/.test(s)) return shanghaiDay(Number(s) * 1000);
  if (/^\d{13}$/.test(s)) return shanghaiDay(Number(s));

  const ref = referenceMs(ctx);
  if (/^(刚刚|刚才)$/.test(s)) return shanghaiDay(ref);
  let m = /^(\d+)\s*(秒|分钟|分|小时|个小时|天|日)前$/.exec(s);
  if (m) {
    const n = Number(m[1]);
    const unit = m[2]!;
    const ms = unit === '秒' ? 1000 : unit.startsWith('分') ? 60_000 : unit.includes('小时') ? 3600_000 : DAY_MS;
    return shanghaiDay(ref - n * ms);
  }
  m = /^(今天|昨天|前天)(?:\s*\d{1,2}:\d{2}(?::\d{2})?)?$/.exec(s);
  if (m) return addDays(shanghaiDay(ref), m[1] === '今天' ? 0 : m[1] === '昨天' ? -1 : -2);

  // 2022年3月15日 [10:20]
  m = /^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?(?:\s*\d{1,2}[:时].*)?$/.exec(s);
  if (m) return ymd(Number(m[1]), Number(m[2]), Number(m[3]));
  // 3月15日 / 03-15 [10:20]: the as-of year, or the previous one when that day would lie after as-of.
  m = /^(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?(?:\s*\d{1,2}[:时].*)?$/.exec(s) ?? /^(\d{1,2})-(\d{1,2})(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$/.exec(s);
  if (m) {
    const year = Number(ctx.asOf.slice(0, 4));
    const guess = ymd(year, Number(m[1]), Number(m[2]));
    if (guess && guess > ctx.asOf) return ymd(year - 1, Number(m[1]), Number(m[2]));
    return guess ?? ymd(year - 1, Number(m[1]), Number(m[2])); // 2月29日 in a non-leap as-of year
  }
  // A date without a zone (2022-03-15, 2022/3/15 10:00, 2022.03.15) is a Shanghai day as written.
  m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:(?:[ T])(\d{1,2}):(\d{2})(?::\d{2}(?:\.\d+)?)?)?$/.exec(s);
  if (m) return ymd(Number(m[1]), Number(m[2]), Number(m[3]));

  // RFC 822 / ISO 8601 with a zone: an instant, shown as its Shanghai day.
  if (/\d{4}/.test(s) && /[a-zA-Z]{3}|T\d|[+-]\d{2}:?\d{2}$|Z$/.test(s)) {
    const ms = Date.parse(s.replace(/\bCST$/, '+0800')); // CST on Chinese feeds means China Standard Time
    if (!Number.isNaN(ms)) return shanghaiDay(ms);
  }
  return undefined;
}

/** The first date found inside a longer text (list items: “标题 2022-03-15”, “3月15日 发布”). */
export function findZhDate(text: string, ctx: ZhDateContext): string | undefined {
  const patterns = [
    /\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日/,
    /\d{4}[-/.]\d{1,2}[-/.]\d{1,2}/,
    /\d{1,2}\s*月\s*\d{1,2}\s*日/,
    /\d+\s*(?:分钟|小时|天)前|刚刚|昨天|前天|今天/,
  ];
  for (const p of patterns) {
    const m = p.exec(text);
    if (m) {
      const d = parseZhDate(m[0], ctx);
      if (d) return d;
    }
  }
  return undefined;
}

// Calendar arithmetic on YYYY-MM-DD strings (dates only, no time zone involved).

const DAY = 86_400_000;

function toUtc(date: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) throw new Error(`日期格式应为 YYYY-MM-DD：${date}`);
  const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  if (new Date(t).toISOString().slice(0, 10) !== date) throw new Error(`无效日期：${date}`);
  return t;
}

function fromUtc(t: number): string {
  return new Date(t).toISOString().slice(0, 10);
}

export function assertDate(date: string): string {
  toUtc(date);
  return date;
}

export function addDays(date: string, days: number): string {
  return fromUtc(toUtc(date) + days * DAY);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(date: string): number {
  return new Date(toUtc(date)).getUTCDay();
}

/** The given weekday on or before date. */
export function weekdayOnOrBefore(date: string, day: number): string {
  return addDays(date, -((weekday(date) - day + 7) % 7));
}

/** Working days (Mon–Fri, public holidays ignored) after `from` up to and including `to`. */
export function workingDaysBetween(from: string, to: string): number {
  let n = 0;
  for (let d = addDays(from, 1); toUtc(d) <= toUtc(to); d = addDays(d, 1)) {
    const w = weekday(d);
    if (w !== 0 && w !== 6) n++;
  }
  return n;
}

export function parts(date: string): { y: number; m: number; d: number } {
  const [y, m, d] = date.split('-').map(Number);
  return { y, m, d };
}

/** 2022年03月15日 */
export function zhDate(date: string): string {
  const [y, m, d] = date.split('-');
  return `${y}年${m}月${d}日`;
}

/** 20220315 */
export function compact(date: string): string {
  return date.replaceAll('-', '');
}

export function diffDays(later: string, earlier: string): number {
  return Math.round((toUtc(later) - toUtc(earlier)) / DAY);
}

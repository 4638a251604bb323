// Date arithmetic on YYYY-MM-DD strings (calendar dates, Asia/Shanghai already applied by extraction).

function toUtc(date: string): Date {
  return new Date(`${date}T00:00:00Z`);
}

function fmt(d: Date): string {
  return d.toISOString().slice(0, 10);
}

export function isDate(value: string | undefined): value is string {
  return !!value && /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(toUtc(value).getTime());
}

/** The date `years` calendar years later (29 Feb → 28 Feb). */
export function addYears(date: string, years: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const last = new Date(Date.UTC(y + years, m, 0)).getUTCDate();
  return `${String(y + years).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/** The date `months` calendar months earlier, day clamped to the month's length. */
export function subtractMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const index = y * 12 + (m - 1) - months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/**
 * Working days after `from` up to and including `to` (Mon–Fri, minus `holidays`; plus `workdays`, the
 * make-up Saturdays/Sundays of the Chinese calendar). 0 when `to` is on or before `from`.
 */
export function workingDaysBetween(from: string, to: string, holidays: readonly string[] = [], workdays: readonly string[] = []): number {
  if (to <= from) return 0;
  const off = new Set(holidays);
  const on = new Set(workdays);
  let count = 0;
  const d = toUtc(from);
  const end = toUtc(to).getTime();
  // Bounded: a decade at most, so a mistyped year cannot spin.
  for (let i = 0; i < 3700 && d.getTime() < end; i++) {
    d.setUTCDate(d.getUTCDate() + 1);
    const day = fmt(d);
    const weekday = d.getUTCDay();
    if (on.has(day) || (weekday !== 0 && weekday !== 6 && !off.has(day))) count++;
  }
  return count;
}

/** The latest valid date among entries (several columns' entries are not sorted together). */
export function newestDate(entries: readonly { date?: string }[]): string | undefined {
  let newest: string | undefined;
  for (const e of entries) if (isDate(e.date) && (!newest || e.date > newest)) newest = e.date;
  return newest;
}

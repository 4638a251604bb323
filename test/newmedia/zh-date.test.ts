import { describe, expect, it } from 'vitest';
import { addDays, daysBetween, findZhDate, parseZhDate } from '../../crawler/newmedia/zh-date.js';

const ctx = { asOf: '2022-06-15' };

describe('parseZhDate', () => {
  it('reads RFC 822 and ISO 8601 instants as the Shanghai day', () => {
    expect(parseZhDate('Tue, 15 Mar 2022 08:00:00 +0800', ctx)).toBe('2022-03-15');
    // 20:00 UTC on the 14th is already the 15th in Shanghai.
    expect(parseZhDate('Mon, 14 Mar 2022 20:00:00 GMT', ctx)).toBe('2022-03-15');
    expect(parseZhDate('2022-03-14T17:30:00Z', ctx)).toBe('2022-03-15');
    expect(parseZhDate('2022-03-15T08:00:00+08:00', ctx)).toBe('2022-03-15');
    expect(parseZhDate('Tue, 15 Mar 2022 23:30:00 CST', ctx)).toBe('2022-03-15');
  });

  it('reads zone-less dates as written', () => {
    expect(parseZhDate('2022-03-15', ctx)).toBe('2022-03-15');
    expect(parseZhDate('2022/3/5 10:20', ctx)).toBe('2022-03-05');
    expect(parseZhDate('2022.03.15', ctx)).toBe('2022-03-15');
    expect(parseZhDate('２０２２年３月１５日', ctx)).toBe('2022-03-15');
  });

  it('reads zh-CN full and year-less dates', () => {
    expect(parseZhDate('2022年3月15日', ctx)).toBe('2022-03-15');
    expect(parseZhDate('2022年3月15日 10:20', ctx)).toBe('2022-03-15');
    expect(parseZhDate('发布时间：2021年12月1日', ctx)).toBe('2021-12-01');
    expect(parseZhDate('3月15日', ctx)).toBe('2022-03-15');
    // After as-of in the as-of year → the previous year.
    expect(parseZhDate('12月30日', ctx)).toBe('2021-12-30');
    expect(parseZhDate('06-15 09:00', ctx)).toBe('2022-06-15');
    expect(parseZhDate('06-16', ctx)).toBe('2021-06-16');
  });

  it('counts relative forms back from the as-of day', () => {
    expect(parseZhDate('刚刚', ctx)).toBe('2022-06-15');
    expect(parseZhDate('30分钟前', ctx)).toBe('2022-06-15');
    expect(parseZhDate('2小时前', ctx)).toBe('2022-06-15');
    expect(parseZhDate('30小时前', ctx)).toBe('2022-06-14');
    expect(parseZhDate('昨天 18:20', ctx)).toBe('2022-06-14');
    expect(parseZhDate('前天', ctx)).toBe('2022-06-13');
    expect(parseZhDate('3天前', ctx)).toBe('2022-06-12');
    // With a current instant on the as-of day, hours count from it: 01:00 Shanghai minus 2 h is the day before.
    const now = new Date('2022-06-14T17:00:00Z'); // 2022-06-15 01:00 in Shanghai
    expect(parseZhDate('2小时前', { asOf: '2022-06-15', now })).toBe('2022-06-14');
  });

  it('returns undefined for non-dates and impossible days', () => {
    expect(parseZhDate('', ctx)).toBeUndefined();
    expect(parseZhDate('不是日期', ctx)).toBeUndefined();
    expect(parseZhDate('2022-02-30', ctx)).toBeUndefined();
    expect(parseZhDate('2022年13月1日', ctx)).toBeUndefined();
    expect(parseZhDate(undefined, ctx)).toBeUndefined();
  });

  it('finds a date inside list text and does day arithmetic across months', () => {
    expect(findZhDate('厅长调研公路建设 2022-05-20', ctx)).toBe('2022-05-20');
    expect(findZhDate('全省春运工作会议召开 5月3日', ctx)).toBe('2022-05-03');
    expect(findZhDate('没有日期', ctx)).toBeUndefined();
    expect(addDays('2022-03-01', -1)).toBe('2022-02-28');
    expect(daysBetween('2022-05-31', '2022-06-15')).toBe(15);
  });
});

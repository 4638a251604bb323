import { describe, expect, it } from 'vitest';
import { findDates, parseDate, resolveMonthDay, shanghaiDate } from '../../crawler/extract/dates.js';

describe('parseDate', () => {
  it('accepts the common written forms', () => {
    expect(parseDate('2022-03-15')).toBe('2022-03-15');
    expect(parseDate('2022-3-5')).toBe('2022-03-05');
    expect(parseDate('2022/03/15')).toBe('2022-03-15');
    expect(parseDate('2022.03.15')).toBe('2022-03-15');
    expect(parseDate('发布日期：2022年3月15日')).toBe('2022-03-15');
    expect(parseDate('2022 年 3 月 15 日')).toBe('2022-03-15');
    expect(parseDate('[2022-03-15]')).toBe('2022-03-15');
    expect(parseDate('【2022-03-15】')).toBe('2022-03-15');
    expect(parseDate('（2022-03-15）')).toBe('2022-03-15');
    expect(parseDate('２０２２－０３－１５')).toBe('2022-03-15');
    expect(parseDate('２０２２年３月１５日')).toBe('2022-03-15');
    expect(parseDate('2022-03-15 10:30:00')).toBe('2022-03-15');
    expect(parseDate('二〇二二年三月十五日')).toBe('2022-03-15');
    expect(parseDate('二〇二一年十二月三十一日')).toBe('2021-12-31');
  });

  it('rejects impossible dates and non-dates', () => {
    expect(parseDate('2022-02-30')).toBeUndefined();
    expect(parseDate('2021-02-29')).toBeUndefined();
    expect(parseDate('2020-02-29')).toBe('2020-02-29');
    expect(parseDate('2022-13-01')).toBeUndefined();
    expect(parseDate('2022-00-10')).toBeUndefined();
    expect(parseDate('000014349/2022-00039')).toBeUndefined();
    expect(parseDate('吉交发〔2022〕12号')).toBeUndefined();
    expect(parseDate('12022-03-15')).toBeUndefined();
    expect(parseDate('')).toBeUndefined();
  });

  it('skips an impossible date and takes the next valid one', () => {
    expect(parseDate('2022-02-30 至 2022-03-01')).toBe('2022-03-01');
  });
});

describe('findDates', () => {
  it('returns every valid date in order', () => {
    expect(findDates('自2022年2月1日起施行，有效期至2024-01-31，原定2022-02-30作废')).toEqual(['2022-02-01', '2024-01-31']);
  });
});

describe('resolveMonthDay', () => {
  it('gives a year-less date the latest year not after the reference (+1 day)', () => {
    expect(resolveMonthDay('06-29', '2022-06-30')).toBe('2022-06-29');
    expect(resolveMonthDay('[07-01]', '2022-06-30')).toBe('2022-07-01');
    expect(resolveMonthDay('12-31', '2022-01-05')).toBe('2021-12-31');
    expect(resolveMonthDay('6月29日', '2022-06-30')).toBe('2022-06-29');
    expect(resolveMonthDay('02-29', '2022-03-01')).toBe('2020-02-29');
  });
  it('needs a reference and a text that is only the date', () => {
    expect(resolveMonthDay('06-29', undefined)).toBeUndefined();
    expect(resolveMonthDay('增长3.5%', '2022-06-30')).toBeUndefined();
    expect(resolveMonthDay('0431-88888888', '2022-06-30')).toBeUndefined();
    expect(resolveMonthDay('13-01', '2022-06-30')).toBeUndefined();
  });
  it('converts timestamps to the Shanghai calendar date', () => {
    expect(shanghaiDate('2022-06-29T17:00:00Z')).toBe('2022-06-30');
    expect(shanghaiDate('2022-06-29T15:00:00Z')).toBe('2022-06-29');
    expect(shanghaiDate('garbage')).toBeUndefined();
  });
});

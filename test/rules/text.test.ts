import { describe, expect, it } from 'vitest';
import {
  BUILTIN_SERIOUS_ERRORS,
  findIdNumbers,
  findMobiles,
  findSeriousErrors,
  isValidIdNumber,
  maskIdNumber,
  maskMobile,
  maskedContext,
  mentionsDocNo,
  normalizeDocNo,
} from '../../rules/text/index.js';
import { makeId } from './helpers.js';
import { asOfChangesIds, idBirthDates, idCheckChar } from '../../rules/text/id-number.js';


describe('resident ID numbers', () => {
  const valid = makeId('220102', '19900307');

  it('accepts a checksum-valid number with a plausible birth date', () => {
    expect(isValidIdNumber(valid, '2024-05-01')).toBe(true);
    expect(isValidIdNumber('11010519491231002X', '2024-05-01')).toBe(true);
  });

  it('rejects a failing checksum, impossible dates, future births and unknown regions', () => {
    const bad = valid.slice(0, 17) + (valid[17] === '1' ? '2' : '1');
    expect(isValidIdNumber(bad)).toBe(false);
    expect(isValidIdNumber(makeId('220102', '19900230'))).toBe(false);
    expect(isValidIdNumber(makeId('220102', '18890101'))).toBe(false);
    expect(isValidIdNumber(makeId('220102', '20300101'), '2024-05-01')).toBe(false);
    expect(isValidIdNumber(makeId('990102', '19900307'))).toBe(false);
  });

  it('finds IDs in text but not inside longer runs, masked forms or 索引号 credit codes', () => {
    const text = `申请人身份证号：${valid}，联系人 220102********1234。订单号 9${valid}，编号 A${valid}。`;
    expect(findIdNumbers(text).map((m) => m.value)).toEqual([valid]);
    // A credit code that happens to pass the checksum is still not an ID when it leads an 索引号.
    expect(findIdNumbers(`索引号：${valid}/2022-00039`)).toEqual([]);
    expect(findIdNumbers(`统一社会信用代码：${valid}`)).toEqual([]);
  });
});

describe('mobile numbers', () => {
  it('finds 1[3-9]x numbers outside longer digit runs only', () => {
    const text = '手机13812345678，座机0431-88881234，已遮盖138****5678，长号8613812345678，12345678901。';
    expect(findMobiles(text).map((m) => m.value)).toEqual(['13812345678']);
  });
});

describe('masking', () => {
  it('masks IDs and mobiles in the standard forms', () => {
    expect(maskIdNumber('220102199003071234')).toBe('220102********1234');
    expect(maskMobile('13812345678')).toBe('138****5678');
  });

  it('never leaves a full number in a context snippet, even one cut at the edge', () => {
    const id = makeId('220102', '19900307');
    const text = `${'某'.repeat(30)}身份证${id}手机13812345678另一号${makeId('110105', '19801010')}`;
    const hit = text.indexOf('13812345678');
    const ctx = maskedContext(text, hit, 11, 12);
    expect(ctx).not.toContain(id);
    expect(ctx).not.toContain('13812345678');
    expect(ctx).not.toMatch(/\d{11}/);
    expect(ctx).toContain('138****5678');
  });
});

describe('serious-error dictionary', () => {
  it('never lists a wrong form that occurs inside any correct form', () => {
    const rights = new Set(BUILTIN_SERIOUS_ERRORS.map((e) => e.right));
    for (const entry of BUILTIN_SERIOUS_ERRORS) {
      for (const right of rights) expect(right.includes(entry.wrong), `${entry.wrong} in ${right}`).toBe(false);
      expect(entry.wrong).not.toBe(entry.right);
    }
  });

  it('finds errors and ignores correct text', () => {
    const text = '深入学习贯彻新时代习近平中国特色社会主义思想，迎接党的二十大，维护中华人民共和国宪法。';
    const hits = findSeriousErrors(text, BUILTIN_SERIOUS_ERRORS);
    expect(hits.map((h) => h.entry.right)).toEqual(['习近平新时代中国特色社会主义思想']);
    expect(findSeriousErrors('以习近平新时代中国特色社会主义思想为指导，中国共产党第二十次全国代表大会', BUILTIN_SERIOUS_ERRORS)).toEqual([]);
  });

  it('skips a user wrong form that lies inside its own right form', () => {
    const entries = [{ wrong: '共产党', right: '中国共产党' }];
    expect(findSeriousErrors('中国共产党领导', entries)).toEqual([]);
    expect(findSeriousErrors('在共产党领导下', entries)).toHaveLength(1);
  });
});

describe('文号', () => {
  it('compares across look-alike brackets, spaces, 第 and leading zeros', () => {
    expect(normalizeDocNo('吉交发[2019] 05号')).toBe(normalizeDocNo('吉交发〔2019〕5号'));
    expect(mentionsDocNo('决定废止《办法》（吉交发【2019】第5号）。', '吉交发〔2019〕5号')).toBe(true);
    expect(mentionsDocNo('吉交发〔2019〕15号', '吉交发〔2019〕5号')).toBe(false);
  });
});

describe('ID numbers and the as-of date', () => {
  const id = (first17: string) => first17 + idCheckChar(first17);
  it('lists the birth dates of well-formed ID numbers, whatever the as-of date', () => {
    const text = `甲 ${id('11010520220715001')}，乙 ${id('11010519491231002')}，错号 110105194912310021，丙 ${id('11010520220715003')}`;
    expect(idBirthDates(text)).toEqual(['1949-12-31', '2022-07-15']);
    expect(idBirthDates('没有号码')).toEqual([]);
  });

  it('an as-of change matters only when a birth date lies between the two dates', () => {
    expect(asOfChangesIds(['2022-07-15'], '2022-07-10', '2022-07-11')).toBe(false);
    expect(asOfChangesIds(['2022-07-15'], '2022-07-10', '2022-07-15')).toBe(true);
    expect(asOfChangesIds(['2022-07-15'], '2022-08-01', '2022-07-01')).toBe(true);
    expect(asOfChangesIds(['2022-07-15'], '2022-07-15', '2022-08-01')).toBe(false);
    expect(asOfChangesIds(undefined, '2022-01-01', '2023-01-01')).toBe(false);
  });
});

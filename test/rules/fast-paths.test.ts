// The pre-checks that let page rules skip a record in one scan must never skip a record that holds a hit:
// compared here with the plain definitions (one indexOf pass per entry, the full regexes) on generated texts.
import { describe, expect, it } from 'vitest';
import {
  BUILTIN_SERIOUS_ERRORS,
  findIdNumbers,
  findMobiles,
  findSeriousErrors,
  mayContainIdNumber,
  mayContainMobile,
  mayContainSeriousError,
  type SeriousErrorEntry,
  type SeriousErrorHit,
} from '../../rules/text/index.js';
import { RuleRunner } from '../../rules/engine/rule-runner.js';
import { nationalPack } from '../../rules/national/index.js';
import { makeId, page } from './helpers.js';

/** The definition findSeriousErrors had before its pre-check: every entry scanned on its own. */
function referenceSeriousErrors(text: string, entries: readonly SeriousErrorEntry[]): SeriousErrorHit[] {
  const hits: SeriousErrorHit[] = [];
  for (const entry of entries) {
    if (!entry.wrong) continue;
    const rightSpans: [number, number][] = [];
    if (entry.right && entry.right.includes(entry.wrong)) {
      for (let i = text.indexOf(entry.right); i >= 0; i = text.indexOf(entry.right, i + 1)) rightSpans.push([i, i + entry.right.length]);
    }
    for (let i = text.indexOf(entry.wrong); i >= 0; i = text.indexOf(entry.wrong, i + entry.wrong.length)) {
      const end = i + entry.wrong.length;
      if (rightSpans.some(([s, e]) => s <= i && end <= e)) continue;
      hits.push({ entry, index: i });
    }
  }
  return hits.sort((a, b) => a.index - b.index);
}

// Seeded, so a failure is reproducible.
function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const USER_ENTRIES: SeriousErrorEntry[] = [
  { wrong: '共产党', right: '中国共产党' },
  { wrong: 'a.b', right: 'ab' },
  { wrong: '(x)|[y]', right: 'xy' },
  { wrong: '\\d+$1', right: 'd' },
  { wrong: '', right: '空' },
  { wrong: '^开头*', right: '开头' },
];

function generatedText(rand: () => number, pieces: string[]): string {
  let text = '';
  const n = Math.floor(rand() * 12);
  for (let i = 0; i < n; i++) {
    const r = rand();
    const piece = pieces[Math.floor(rand() * pieces.length)];
    if (r < 0.25) text += piece;
    else if (r < 0.5) text += piece.slice(0, Math.max(1, Math.floor(rand() * piece.length))); // a near miss
    else if (r < 0.65) text += String(Math.floor(rand() * 1e12)) + (rand() < 0.5 ? String(Math.floor(rand() * 1e8)) : '');
    else text += '为深入贯彻落实交通运输高质量发展，各市（州）要高度重视。'.slice(0, Math.floor(rand() * 30));
  }
  return text;
}

describe('pre-checks agree with the plain definitions', () => {
  const lists: SeriousErrorEntry[][] = [[...BUILTIN_SERIOUS_ERRORS], [...BUILTIN_SERIOUS_ERRORS, ...USER_ENTRIES], USER_ENTRIES];
  const pieces = [
    ...[...BUILTIN_SERIOUS_ERRORS, ...USER_ENTRIES].flatMap((e) => [e.wrong, e.right]).filter(Boolean),
    '13812345678',
    makeId('220102', '19900307'),
    `索引号：${makeId('220102', '19900307')}/2022-00039`,
    '0431-88888888',
  ];

  it('findSeriousErrors equals one scan per entry, and the pre-check never rules out a hit', () => {
    const rand = prng(7);
    let withHits = 0;
    for (let i = 0; i < 3000; i++) {
      const text = generatedText(rand, pieces);
      for (const entries of lists) {
        const expected = referenceSeriousErrors(text, entries);
        expect(findSeriousErrors(text, entries)).toEqual(expected);
        if (expected.length > 0) {
          withHits++;
          expect(mayContainSeriousError(text, entries)).toBe(true);
          // A joined text (as the rule checks) still passes.
          expect(mayContainSeriousError(`标题\n${text}\n正文`, entries)).toBe(true);
        }
      }
    }
    expect(withHits).toBeGreaterThan(1000);
    expect(mayContainSeriousError('中华人民共和国', [{ wrong: '', right: 'x' }])).toBe(false);
  });

  it('the mobile and ID pre-checks hold whenever the finders find something', () => {
    const rand = prng(11);
    let mobiles = 0;
    let ids = 0;
    for (let i = 0; i < 3000; i++) {
      const text = generatedText(rand, pieces);
      if (findMobiles(text).length > 0) {
        mobiles++;
        expect(mayContainMobile(text)).toBe(true);
      }
      if (findIdNumbers(text).length > 0) {
        ids++;
        expect(mayContainIdNumber(text)).toBe(true);
      }
    }
    expect(mobiles).toBeGreaterThan(20);
    expect(ids).toBeGreaterThan(20);
  });
});

describe('page rules find a hit wherever the record holds it', () => {
  const runner = new RuleRunner({ packs: [nationalPack], asOf: '2024-06-30', siteUrl: 'https://jtt.example.gov.cn/' });
  const rulesOf = async (input: Parameters<typeof page>[0]) =>
    (await runner.runPage(page(input))).findings.map((f) => f.rule).filter((r) => r !== 'meta/missing').sort();

  it('title only, one small block only, body text only', async () => {
    const url = 'https://jtt.example.gov.cn/a.html';
    expect(await rulesOf({ url, title: '习进平同志指出' })).toContain('content/serious-error');
    const block = { text: '联系人手机13812345678', selector: 'div > p:nth-child(3)' };
    expect(await rulesOf({ url, title: '通知', textBlocks: [{ text: '正文', selector: 'p' }, block], bodyText: '正文' })).toContain('privacy/mobile');
    const id = makeId('220102', '19900307');
    expect(await rulesOf({ url, title: '通知', bodyText: `身份证号${id}` })).toContain('privacy/id-number');
    expect(await rulesOf({ url, title: '通知', bodyText: '中华人民共和国 0431-88888888' })).toEqual([]);
  });
});

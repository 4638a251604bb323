// A deliberately conservative dictionary of serious wording errors (严重表述错误): misspelt names of the
// country, the Party and leaders, and mis-ordered key formulations. Each `wrong` is a string that never occurs
// inside correct text (tested), so a hit is an error, not a false alarm.

export interface SeriousErrorEntry {
  wrong: string;
  right: string;
  /** zh-CN category shown in evidence. */
  category?: string;
}

const COUNTRY = '国家名称';
const PARTY = '党的名称';
const LEADER = '领导人姓名';
const FORMULA = '重要表述';

export const BUILTIN_SERIOUS_ERRORS: readonly SeriousErrorEntry[] = [
  { wrong: '中华人民共合国', right: '中华人民共和国', category: COUNTRY },
  { wrong: '中华人名共和国', right: '中华人民共和国', category: COUNTRY },
  { wrong: '中华人民共和囯', right: '中华人民共和国', category: COUNTRY },
  { wrong: '中化人民共和国', right: '中华人民共和国', category: COUNTRY },
  { wrong: '中华民共和国', right: '中华人民共和国', category: COUNTRY },
  { wrong: '中华人民和国', right: '中华人民共和国', category: COUNTRY },
  { wrong: '中国共产当', right: '中国共产党', category: PARTY },
  { wrong: '中国共惨党', right: '中国共产党', category: PARTY },
  { wrong: '中国共产觉', right: '中国共产党', category: PARTY },
  { wrong: '中国供产党', right: '中国共产党', category: PARTY },
  { wrong: '中国共残党', right: '中国共产党', category: PARTY },
  { wrong: '中国共产党第二十次全国人民代表大会', right: '中国共产党第二十次全国代表大会', category: PARTY },
  { wrong: '党的20大', right: '党的二十大', category: FORMULA },
  { wrong: '党的二0大', right: '党的二十大', category: FORMULA },
  { wrong: '党的二十次大会', right: '党的二十大', category: FORMULA },
  { wrong: '习进平', right: '习近平', category: LEADER },
  { wrong: '习近萍', right: '习近平', category: LEADER },
  { wrong: '习金平', right: '习近平', category: LEADER },
  { wrong: '习近乎', right: '习近平', category: LEADER },
  { wrong: '刁近平', right: '习近平', category: LEADER },
  { wrong: '新时代习近平中国特色社会主义思想', right: '习近平新时代中国特色社会主义思想', category: FORMULA },
  { wrong: '习近平中国特色社会主义新时代思想', right: '习近平新时代中国特色社会主义思想', category: FORMULA },
  { wrong: '习近平新时代社会主义中国特色思想', right: '习近平新时代中国特色社会主义思想', category: FORMULA },
  { wrong: '习近平新时代中国特色主义社会思想', right: '习近平新时代中国特色社会主义思想', category: FORMULA },
  { wrong: '习近平新时代特色中国社会主义思想', right: '习近平新时代中国特色社会主义思想', category: FORMULA },
  { wrong: '社会主义核心价值关', right: '社会主义核心价值观', category: FORMULA },
  { wrong: '社会主义和心价值观', right: '社会主义核心价值观', category: FORMULA },
  { wrong: '社会主义核心价质观', right: '社会主义核心价值观', category: FORMULA },
  { wrong: '社会主意核心价值观', right: '社会主义核心价值观', category: FORMULA },
  { wrong: '中国特色社会主意', right: '中国特色社会主义', category: FORMULA },
  { wrong: '中国特设社会主义', right: '中国特色社会主义', category: FORMULA },
  { wrong: '马克斯主义', right: '马克思主义', category: FORMULA },
  { wrong: '马克斯列宁主义', right: '马克思列宁主义', category: FORMULA },
  { wrong: '毛泽东思相', right: '毛泽东思想', category: FORMULA },
  { wrong: '邓小平理伦', right: '邓小平理论', category: FORMULA },
  { wrong: '全国人民代表大全', right: '全国人民代表大会', category: COUNTRY },
  { wrong: '中国人民政治协商会义', right: '中国人民政治协商会议', category: COUNTRY },
];

// By the list's wrong texts (not the array: callers build a fresh array per page, and an array may change).
const PRECHECKS = new Map<string, RegExp | null>();

// One alternation of every `wrong` text, compiled once per entry list: a single scan of the text instead of one
// indexOf pass per entry. null when no entry has a `wrong` text.
function precheckFor(entries: readonly SeriousErrorEntry[]): RegExp | null {
  const wrongs = entries.filter((e) => e.wrong).map((e) => e.wrong);
  const signature = wrongs.join('\u0000');
  let re = PRECHECKS.get(signature);
  if (re === undefined) {
    re = wrongs.length ? new RegExp(wrongs.map((w) => w.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('|')) : null;
    if (PRECHECKS.size >= 64) PRECHECKS.clear();
    PRECHECKS.set(signature, re);
  }
  return re;
}

/** False when no entry's `wrong` text occurs in `text` (then findSeriousErrors finds nothing). A text that joins
 *  several texts (with any separator) may be checked once for all of them. */
export function mayContainSeriousError(text: string, entries: readonly SeriousErrorEntry[]): boolean {
  const re = precheckFor(entries);
  return !!re && re.test(text);
}

/** The pre-check of one entry list, compiled now: for callers that check many texts against one list. */
export function seriousErrorPrecheck(entries: readonly SeriousErrorEntry[]): (text: string) => boolean {
  const re = precheckFor(entries);
  return (text) => !!re && re.test(text);
}

export interface SeriousErrorHit {
  entry: SeriousErrorEntry;
  index: number;
}

/**
 * Occurrences of each entry's `wrong` text. A hit that lies inside an occurrence of its own `right` text is
 * skipped, so that user entries such as {wrong: 共产党, right: 中国共产党} only fire on the short form.
 */
export function findSeriousErrors(text: string, entries: readonly SeriousErrorEntry[]): SeriousErrorHit[] {
  // Short lists (the per-entry counts) are cheaper scanned directly than compiled.
  if (entries.length > 4 && !mayContainSeriousError(text, entries)) return [];
  const hits: SeriousErrorHit[] = [];
  for (const entry of entries) {
    if (!entry.wrong) continue;
    const rightSpans: [number, number][] = [];
    if (entry.right && entry.right.includes(entry.wrong)) {
      for (let i = text.indexOf(entry.right); i >= 0; i = text.indexOf(entry.right, i + 1)) {
        rightSpans.push([i, i + entry.right.length]);
      }
    }
    for (let i = text.indexOf(entry.wrong); i >= 0; i = text.indexOf(entry.wrong, i + entry.wrong.length)) {
      const end = i + entry.wrong.length;
      if (rightSpans.some(([s, e]) => s <= i && end <= e)) continue;
      hits.push({ entry, index: i });
    }
  }
  return hits.sort((a, b) => a.index - b.index);
}

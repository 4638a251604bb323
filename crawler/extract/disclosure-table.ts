// The 政府信息公开 table (索引号, 发布机构, 成文日期, 文号, ...) in any of its markups: table rows (label cell + value
// cell), dl/dt/dd, div/span label-value pairs, or "label：value" inside one element (several pairs per line allowed).
// Works on text nodes, so it costs one regex pass over the page's text.
import type { Disclosure } from '../page-record.js';
import { parseDate } from './dates.js';
import { collapse, type PageTree, type XEl, type XText } from './tree.js';

type Key = Exclude<keyof Disclosure, 'raw'>;

export const DISCLOSURE_LABELS: Record<Key, string[]> = {
  indexNo: ['索引号', '信息索引号', '索引编号'],
  publisher: ['发布机构', '发文机关', '发文单位', '发布单位', '发文机构', '制发机关', '发布部门'],
  writtenDate: ['成文日期', '成文时间'],
  publishDate: ['发布日期', '发文日期', '公开日期', '发布时间'],
  docNo: ['文号', '发文字号', '文件编号'],
  topic: ['主题分类', '主题类别'],
  validity: ['有效性', '效力状态', '时效', '时效性', '效力'],
  validUntil: ['有效期至', '失效日期', '有效期', '失效时间', '废止日期'],
  openness: ['公开方式', '公开属性', '公开形式', '公开类型'],
};
/** Labels that are only recorded in `raw` (and that stop a value from being taken for another label). */
const OTHER_LABELS = [
  '标题', '名称', '文件名称', '信息名称', '主题词', '关键词', '关键字', '体裁分类', '组配分类', '服务对象', '服务对象分类',
  '公文种类', '信息来源', '实施日期', '施行日期', '生成日期', '所属机构', '内容概述', '摘要', '信息分类', '序号',
  '来源', '作者', '浏览次数', '点击数', '阅读次数', '访问次数', '字号',
];
const DATE_KEYS = new Set<Key>(['writtenDate', 'publishDate', 'validUntil']);
/** Labels specific enough that one of them alone makes a disclosure table. */
const DISTINCTIVE = new Set<Key>(['indexNo', 'docNo', 'writtenDate', 'validity', 'validUntil', 'openness', 'topic']);

const LABEL_TO_KEY = new Map<string, Key>();
for (const [key, labels] of Object.entries(DISCLOSURE_LABELS) as [Key, string[]][]) {
  for (const l of labels) LABEL_TO_KEY.set(l, key);
}
const ALL_LABELS = [...LABEL_TO_KEY.keys(), ...OTHER_LABELS].sort((a, b) => b.length - a.length);
const SP = '[\\s\\u3000\\u00a0]*';
const LABEL_SRC = ALL_LABELS.map((l) => [...l].join(SP)).join('|');
// A label not glued to preceding CJK/alphanumerics, then an optional colon.
const LABEL_RE = new RegExp(`(?<![\\u4e00-\\u9fffA-Za-z0-9])(${LABEL_SRC})${SP}([:：])?`, 'g');
const STARTS_WITH_LABEL = new RegExp(`^${SP}(?:${LABEL_SRC})${SP}(?:[:：]|$)`);
const QUICK = /[号构关位期间类态效式性至称题词源要序]/;
const STOP_CLIMB = new Set(['tr', 'table', 'tbody', 'thead', 'dl', 'ul', 'ol', 'body', 'html', 'form']);
const MAX_VALUE = 300;

function cleanValue(v: string): string {
  return collapse(v).replace(/^[:：\s]+/, '').replace(/[\s|｜;；,，]+$/, '');
}

function nodeText(tree: PageTree, n: XEl | XText): string {
  return n.kind === 'text' ? collapse(n.data) : n.hidden ? '' : tree.text(n);
}

/** Value of a label that stands alone: the next non-empty sibling, climbing out of label-only wrappers. */
function followingValue(tree: PageTree, start: XText): string {
  let node: XEl | XText = start;
  for (let level = 0; level < 3; level++) {
    const parent: XEl | undefined = node.parent;
    if (!parent) return '';
    const siblings = parent.children;
    for (let i = siblings.indexOf(node) + 1; i < siblings.length; i++) {
      const text = nodeText(tree, siblings[i]);
      if (!text) continue;
      return STARTS_WITH_LABEL.test(text) ? '' : text;
    }
    if (STOP_CLIMB.has(parent.tag)) return '';
    node = parent;
  }
  return '';
}

export function extractDisclosure(tree: PageTree): Disclosure | undefined {
  const raw: Record<string, string> = {};
  for (const t of tree.textNodes) {
    if (!t.parent.inBody || !QUICK.test(t.data)) continue;
    const s = t.data;
    LABEL_RE.lastIndex = 0;
    const hits: { label: string; start: number; end: number; colon: boolean }[] = [];
    for (let m = LABEL_RE.exec(s); m; m = LABEL_RE.exec(s)) {
      hits.push({ label: m[1].replace(/[\s\u3000\u00a0]/g, ''), start: m.index, end: m.index + m[0].length, colon: !!m[2] });
    }
    if (!hits.length) continue;
    const valid = hits.filter((h, i) => {
      const before = s.slice(i === 0 ? 0 : hits[i - 1].end, h.start);
      const atStart = i === 0 ? before.trim() === '' : false;
      if (h.colon) return atStart || i > 0 || /[\s\u3000|｜;；,，]$/.test(before) || before === '';
      // Without a colon only a label that is the whole text node counts (a table's label cell).
      return atStart && s.slice(h.end).trim() === '' && hits.length === 1;
    });
    valid.forEach((h, i) => {
      if (raw[h.label] !== undefined) return;
      const next = valid[i + 1];
      let value = cleanValue(s.slice(h.end, next ? next.start : s.length));
      if (!value && !next) value = cleanValue(followingValue(tree, t));
      if (value && value.length <= MAX_VALUE && !STARTS_WITH_LABEL.test(value)) raw[h.label] = value;
    });
  }
  const labels = Object.keys(raw);
  if (!labels.length) return undefined;
  const out: Disclosure = { raw };
  let canonical = 0;
  let distinctive = false;
  for (const label of labels) {
    const key = LABEL_TO_KEY.get(label);
    if (!key || out[key] !== undefined) continue;
    const value = DATE_KEYS.has(key) ? parseDate(raw[label]) : raw[label];
    if (value === undefined) continue;
    out[key] = value;
    canonical++;
    if (DISTINCTIVE.has(key)) distinctive = true;
  }
  return distinctive || canonical >= 2 ? out : undefined;
}

// 规范性文件: the column (legacy table markup with 文号) and the 现行有效行政规范性文件 library page. Plants
// regulation/stale four ways (expired 有效期至, > 5 years, 暂行 > 2 years, 失效 but still listed) and decoys.
import type { SiteBuilder } from '../site-builder.js';
import { docNo } from '../templates/paths.js';
import { addColumnPages, HUB_CRUMB } from './helpers.js';
import { addDocument, type DocumentRef } from './documents.js';
import type { RepealedDoc } from './policy.js';
import type { DemoSection } from './types.js';

const DIR = '/zwgk/gfxwj/';
const NAME = '规范性文件';
const LIBRARY_DIR = '/zwgk/gfxwj/xxyx/';
const LIBRARY_NAME = '现行有效行政规范性文件';

export const normativeSection: DemoSection = {
  name: 'normative',
  build(b: SiteBuilder) {
    let n = 1;
    const no = (date: string) => docNo('吉交规', date, n++);
    const base = { column: NAME, dir: DIR, validity: '有效', openness: '主动公开', interp: 'both' as const };
    const all: DocumentRef[] = [];
    const library: DocumentRef[] = [];
    const add = (spec: Omit<Parameters<typeof addDocument>[1], 'column' | 'dir' | 'docNo' | 'interp'>, listed: boolean, stale?: string) => {
      const ref = addDocument(b, { ...base, ...spec, docNo: no(spec.date) });
      all.push(ref);
      if (listed) library.push(ref);
      if (stale) b.expect({ rule: 'regulation/stale', path: ref.href, note: stale });
      return ref;
    };
    const y = (years: number, extra = 0) => b.daysAgo(Math.round(years * 365.25) + extra);

    add({ title: '吉林省公路路政管理规定实施细则', date: b.daysAgo(30), validUntil: b.daysAfter(5 * 365 - 30), variant: 'trs-table' }, true);
    add({ title: '吉林省道路运输驾驶员继续教育管理办法', date: y(3), validUntil: b.daysAgo(30), variant: 'trs-table' }, true, '有效性 有效 and listed as current, but 有效期至 is 30 days before as-of.');
    add({ title: '吉林省交通运输行政处罚裁量权基准', date: y(6, 20), variant: 'div-spaced' }, true, 'listed as current, no 有效期至, written more than 6 years before as-of (> 5).');
    add({ title: '吉林省农村公路养护资金管理暂行办法', date: y(3), variant: 'trs-table' }, true, '暂行 document, no end date, 3 years old (> 2 for 暂行/试行).');
    add({ title: '吉林省交通运输工程建设项目招标投标管理办法', date: y(6, 40), validUntil: b.daysAfter(200), variant: 'trs-table' }, true);
    b.decoy({ rule: 'regulation/stale', path: all[4].href, note: 'written 6 years ago but 有效期至 is 200 days after as-of (future end date).' });
    add(
      { title: '吉林省普通公路超限运输车辆通行管理办法', date: y(4), validity: '失效', variant: 'div-spaced', banner: '本文件已失效' },
      true,
      'own page says 失效 (效力状态) while the 现行有效 library still lists it.',
    );
    const repealedNormative = add(
      { title: '吉林省交通建设工程质量监督管理办法', date: y(4, 60), validity: '废止', variant: 'trs-table', banner: '本文件已废止' },
      false,
    );
    b.decoy({ rule: 'regulation/stale', path: repealedNormative.href, note: 'correctly marked 废止 and not listed in the 现行有效 library.' });
    const trial = add({ title: '吉林省交通运输信用评价管理办法（试行）', date: y(1), variant: 'trs-table' }, true);
    b.decoy({ rule: 'regulation/stale', path: trial.href, note: '试行 document, no end date, 1 year old (< 2).' });
    add(
      { title: '吉林省水路运输市场管理办法', date: y(3, 10), validUntil: b.daysAgo(60), variant: 'div-spaced', gbk: 'header' },
      true,
      'GBK page (header-declared), 效力状态 有效, 有效期至 60 days before as-of.',
    );

    b.read<RepealedDoc[]>('repealed').push({ ref: repealedNormative, marked: true });
    const pages = addColumnPages(b, {
      name: NAME,
      dir: DIR,
      items: all,
      markup: 'table',
      parents: [HUB_CRUMB],
      listOptions: { extraHeader: '文号' },
      intro: `<a href="${LIBRARY_DIR}index.html">${LIBRARY_NAME}</a>`,
    });
    b.registerColumn({ name: NAME, path: pages[0], inHub: true });
    const lib = addColumnPages(b, {
      name: LIBRARY_NAME,
      dir: LIBRARY_DIR,
      items: library,
      markup: 'table',
      parents: [HUB_CRUMB, { text: NAME, href: pages[0] }],
      listOptions: { extraHeader: '文号' },
      intro: '以下为现行有效的行政规范性文件，动态更新。',
    });
    b.share('normativeLibrary', lib[0]);
    b.decoy({ rule: 'column/stale', path: pages[0], note: 'newest 规范性文件 entry is 30 days old.' });
  },
};

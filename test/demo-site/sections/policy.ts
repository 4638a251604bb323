// 政策文件: two TRS list pages (createPageHTML plus plain 下一页 links), ul/li markup. Plants interpretation
// missing/late, attribute missing, meta missing, a repealed-but-unmarked document, and their decoys.
import type { SiteBuilder } from '../site-builder.js';
import { weekdayOnOrBefore } from '../dates.js';
import { docNo } from '../templates/paths.js';
import { addColumnPages, HUB_CRUMB } from './helpers.js';
import { addDocument, type DocumentRef } from './documents.js';
import type { DemoSection } from './types.js';

const DIR = '/zwgk/zcwj/';
const NAME = '政策文件';

export interface RepealedDoc {
  ref: DocumentRef;
  /** Whether its own page says so. */
  marked: boolean;
}

export const policySection: DemoSection = {
  name: 'policy',
  build(b: SiteBuilder) {
    const base = { column: NAME, dir: DIR, validity: '有效', openness: '主动公开' } as const;
    let n = 3;
    const no = (date: string) => docNo('吉交发', date, n++);
    const d = (days: number) => b.daysAgo(days);
    const friday = (days: number) => weekdayOnOrBefore(b.daysAgo(days), 5);
    const docs: DocumentRef[] = [];
    const add = (spec: Omit<Parameters<typeof addDocument>[1], 'column' | 'dir' | 'docNo'> & { docNo?: string }) => {
      const ref = addDocument(b, { ...base, ...spec, docNo: spec.docNo ?? no(spec.date) });
      docs.push(ref);
      return ref;
    };

    add({ title: '吉林省交通运输厅关于进一步加强农村公路养护管理工作的通知', date: d(10), variant: 'trs-table', interp: 'both' });
    add({ title: '吉林省交通运输厅关于做好道路运输行业稳就业工作的通知', date: d(40), variant: 'div-spaced', interp: 'none' });
    add({ title: '吉林省交通运输厅关于推进交通运输领域新型基础设施建设的实施意见', date: friday(60), variant: 'trs-table', interp: 'both', interpDelay: 10 });
    add({ title: '吉林省交通运输厅关于加快推进城乡交通运输一体化发展的意见', date: d(80), variant: 'div-spaced', interp: 'from-interpretation-only' });
    add({ title: '吉林省交通运输厅关于印发全省交通运输安全生产专项整治行动计划的通知', date: friday(100), variant: 'trs-table', interp: 'both', interpDelay: 4 });
    add({ title: '吉林省交通运输厅关于印发全省交通运输系统应急预案管理办法的通知', date: d(120), variant: 'trs-table', interp: 'both', openness: undefined });
    add({ title: '吉林省交通运输厅关于开展交通运输领域营商环境专项提升行动的通知', date: d(140), variant: 'div-spaced', interp: 'both', dropMeta: ['PubDate', 'ContentSource'] });
    add({ title: '吉林省交通运输厅关于做好冬季农村客运安全工作的通知', date: d(160), variant: 'div-spaced', interp: 'none', gbk: 'meta' });
    add({ title: '吉林省交通运输厅关于公布全省交通运输行政许可事项目录的通知', date: d(170), variant: 'div-spaced', interp: 'both', indexKind: 'org' });
    add({ title: '吉林省交通运输厅关于加强公路桥梁安全管理工作的通知', date: d(200), variant: 'trs-table', interp: 'broken' });
    const repealedUnmarked = add({ title: '吉林省交通运输厅关于加强道路货运源头治理工作的通知', date: d(700), variant: 'trs-table', interp: 'both' });
    const repealedMarked = add({
      title: '吉林省交通运输厅关于规范道路运输车辆技术管理的通知',
      date: d(800),
      variant: 'trs-table',
      interp: 'both',
      validity: '废止',
      banner: '本文件已废止',
    });

    b.share<RepealedDoc[]>('repealed', [
      { ref: repealedUnmarked, marked: false },
      { ref: repealedMarked, marked: true },
    ]);
    b.share('policyDocs', docs);
    const pages = addColumnPages(b, { name: NAME, dir: DIR, items: docs, markup: 'ul', parents: [HUB_CRUMB], perPage: 8, pager: 'links' });
    b.registerColumn({ name: NAME, path: pages[0], inHub: true });
    b.decoy({ rule: 'column/stale', path: pages[0], note: 'newest 政策文件 entry is 10 days old (< 183).' });
  },
};

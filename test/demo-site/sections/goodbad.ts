// 政务服务“好差评” as a Hanweb column (/col/col123/, /art/YYYY/M/D/art_123_N.html), the articles in GBK declared
// only by meta. The newest figures (评价数量, 好评率) are 4 months old: goodbad/data-missing.
import type { SiteBuilder } from '../site-builder.js';
import { parts } from '../dates.js';
import type { ListItem } from '../templates/lists.js';
import { hanwebArticlePath, indexNo } from '../templates/paths.js';
import { addArticlePage, addColumnPages } from './helpers.js';
import type { DemoSection } from './types.js';

const COL = 123;
const DIR = `/col/col${COL}/`;
const NAME = '政务服务“好差评”';

export const goodBadSection: DemoSection = {
  name: 'goodbad',
  build(b: SiteBuilder) {
    const items: ListItem[] = [];
    const entries: { days: number; figures: boolean; dropMeta?: string[] }[] = [
      { days: 30, figures: false },
      { days: 125, figures: true, dropMeta: ['ContentSource'] },
      { days: 155, figures: true },
      { days: 185, figures: true },
    ];
    let first = true;
    for (const e of entries) {
      const date = b.daysAgo(e.days);
      const { y, m } = parts(b.daysAgo(e.days + 20));
      const title = e.figures ? `${y}年${m}月政务服务“好差评”情况公示` : '关于进一步做好政务服务“好差评”工作的通知';
      const id = first ? 4567 : b.nextId();
      first = false;
      const path = hanwebArticlePath(COL, date, id);
      items.push({ title, href: path, date });
      addArticlePage(b, {
        path,
        layout: 'hanweb',
        gbk: 'meta',
        column: NAME,
        columnHref: `${DIR}index.html`,
        title,
        date,
        source: '吉林省交通运输厅审批办',
        dropMeta: e.dropMeta,
        paragraphs: e.figures
          ? [`${y}年${m}月，我厅政务服务事项共收到评价${1200 + e.days}条，其中好评${1190 + e.days}条，差评10条，好评率99.2%。`, '差评已全部完成整改回访。']
          : ['各有关单位：为持续深化政务服务“好差评”制度，现就有关工作通知如下。', '一、畅通评价渠道。二、及时整改差评。'],
        disclosure: {
          fields: { indexNo: indexNo(date, 800 + b.count('hcp-index'), 'org'), publisher: '吉林省交通运输厅', writtenDate: date, publishDate: date, openness: '主动公开' },
          variant: 'hanweb',
        },
      });
      if (e.dropMeta)
        b.expect({ rule: 'meta/missing', path, evidence: { missing: e.dropMeta }, note: 'Hanweb article in GBK (meta-declared) lacks the ContentSource meta.' });
    }
    const pages = addColumnPages(b, { name: NAME, dir: DIR, items, markup: 'cards', layout: 'hanweb' });
    b.registerColumn({ name: NAME, path: pages[0], inHub: true });
    b.expect({
      rule: 'goodbad/data-missing',
      path: pages[0],
      note: 'newest entry (30 days) is a notice without figures; the last 评价数量/好评率 figures are 125 days old (> 3 months).',
    });
  },
};

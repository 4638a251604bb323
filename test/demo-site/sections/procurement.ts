// 政府采购 with its four sub-columns (采购意向/采购文件/采购结果/采购合同). 采购意向's newest entry is 400 days old
// (procurement/intention-missing); 采购文件 carries a pdf with a mobile number (privacy/mobile on the pdf).
import type { SiteBuilder } from '../site-builder.js';
import { esc } from '../html.js';
import type { ListItem, ListMarkup } from '../templates/lists.js';
import { renderList } from '../templates/lists.js';
import { indexNo, trsArticlePath, trsFilePath } from '../templates/paths.js';
import { trsLayout } from '../templates/layouts.js';
import { listMeta } from '../templates/meta.js';
import { SITE } from '../templates/site-info.js';
import { makePdf } from '../attachments/pdf.js';
import { MOBILES } from '../attachments/people.js';
import { maskMobile } from '../identity.js';
import { addArticlePage, addColumnPages, HUB_CRUMB } from './helpers.js';
import type { DemoSection } from './types.js';

const ROOT = '/zwgk/zfcg/';
const NAME = '政府采购';

const SUBS: { name: string; dir: string; markup: ListMarkup; titles: [string, number][] }[] = [
  { name: '采购意向', dir: `${ROOT}cgyx/`, markup: 'ul', titles: [['吉林省交通运输厅政府采购意向公开（第二批）', 400], ['吉林省交通运输厅政府采购意向公开（第一批）', 460]] },
  { name: '采购文件', dir: `${ROOT}cgwj/`, markup: 'table', titles: [['吉林省交通运输厅公路养护信息化平台运维服务项目竞争性磋商文件', 20], ['吉林省交通运输厅办公设备采购项目询价文件', 90]] },
  { name: '采购结果', dir: `${ROOT}cgjg/`, markup: 'cards', titles: [['吉林省交通运输厅公路养护信息化平台运维服务项目成交结果公告', 10], ['吉林省交通运输厅办公设备采购项目成交公告', 70]] },
  { name: '采购合同', dir: `${ROOT}cght/`, markup: 'ul', titles: [['吉林省交通运输厅公路养护信息化平台运维服务项目合同公告', 5], ['吉林省交通运输厅办公设备采购项目合同公告', 60]] },
];

export const procurementSection: DemoSection = {
  name: 'procurement',
  build(b: SiteBuilder) {
    const hubBlocks: string[] = [];
    for (const sub of SUBS) {
      const items: ListItem[] = [];
      for (const [title, days] of sub.titles) {
        const date = b.daysAgo(days);
        const path = trsArticlePath(sub.dir, date, b.nextId());
        items.push({ title, href: path, date });
        const attachments: { text: string; href: string }[] = [];
        if (sub.name === '采购文件' && days === 20) {
          const pdf = trsFilePath(sub.dir, date, b.nextId(), 'pdf');
          b.addFile(pdf, makePdf([title, '采购人：吉林省交通运输厅', `采购人联系人：刘某　手机：${MOBILES.pdf}`, `代理机构电话：${MOBILES.landline}`]), 'application/pdf');
          attachments.push({ text: '磋商文件.pdf', href: pdf });
          b.expect({ rule: 'privacy/mobile', path: pdf, note: `pdf attachment (磋商文件) contains mobile ${maskMobile(MOBILES.pdf)}.` });
        }
        addArticlePage(b, {
          path,
          column: sub.name,
          columnHref: `${sub.dir}index.html`,
          parents: [HUB_CRUMB, { text: NAME, href: `${ROOT}index.html` }],
          title,
          date,
          source: '吉林省交通运输厅财务处',
          paragraphs: [`${title}，详见附件。`, '采购人名称：吉林省交通运输厅；地址：吉林省长春市人民大街3525号。'],
          attachments,
          disclosure: {
            fields: { indexNo: indexNo(date, 700 + b.count('cg-index')), publisher: '吉林省交通运输厅', writtenDate: date, publishDate: date, openness: '主动公开' },
            variant: 'trs-table',
          },
        });
      }
      const pages = addColumnPages(b, { name: sub.name, dir: sub.dir, items, markup: sub.markup, parents: [HUB_CRUMB, { text: NAME, href: `${ROOT}index.html` }] });
      b.registerColumn({ name: sub.name, path: pages[0], inHub: false });
      hubBlocks.push(`<div class="sub-column"><h3><a href="${esc(pages[0])}">${esc(sub.name)}</a></h3>${renderList('ul', items.slice(0, 1))}</div>`);
      if (sub.name === '采购意向') {
        b.expect({ rule: 'procurement/intention-missing', path: pages[0], note: '采购意向 sub-column exists but its newest entry is 400 days old (none in the last 12 months).' });
        b.decoy({ rule: 'column/stale', path: pages[0], note: '采购意向 is not in a stale class (政府采购 ≠ 财政预决算); procurement/intention-missing covers it.' });
      }
    }
    b.addPage(
      `${ROOT}index.html`,
      trsLayout({
        title: `${NAME}_${SITE.name}`,
        meta: listMeta(NAME),
        breadcrumb: [HUB_CRUMB, { text: NAME, href: `${ROOT}index.html` }],
        main: `<div class="column-title"><h2>${NAME}</h2></div>\n${hubBlocks.join('\n')}`,
      }),
    );
    b.registerColumn({ name: NAME, path: `${ROOT}index.html`, inHub: true });
  },
};

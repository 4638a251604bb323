// The 政府信息公开 platform: hub page, 政府信息公开指南, 法定主动公开内容 (directory of sub-columns) and 政府信息公开年报.
// 政府信息公开制度 is missing on purpose (column/missing, national). The hub renders every column registered as inHub,
// so it must run after the column sections.
import type { SiteBuilder } from '../site-builder.js';
import { esc } from '../html.js';
import type { ListItem } from '../templates/lists.js';
import { indexNo, trsArticlePath } from '../templates/paths.js';
import { trsLayout } from '../templates/layouts.js';
import { listMeta } from '../templates/meta.js';
import { SITE } from '../templates/site-info.js';
import { addArticlePage, addColumnPages, HUB_CRUMB } from './helpers.js';
import type { DemoSection } from './types.js';

const HUB = '/zwgk/index.html';
const FDZD = '/zwgk/fdzdgknr/index.html';

function disclosureFor(b: SiteBuilder, date: string) {
  return {
    fields: { indexNo: indexNo(date, 900 + b.count('hub-index')), publisher: '吉林省交通运输厅', writtenDate: date, publishDate: date, openness: '主动公开' },
    variant: 'trs-table' as const,
  };
}

export const annualReportSection: DemoSection = {
  name: 'annual-report',
  build(b: SiteBuilder) {
    const dir = '/zwgk/gknb/';
    const name = '政府信息公开年报';
    const items: ListItem[] = [];
    // Reports for the years before last; last year's report is missing on purpose.
    for (const year of [b.asOfYear - 2, b.asOfYear - 3, b.asOfYear - 4]) {
      const date = `${year + 1}-01-2${year % 5}`;
      const path = trsArticlePath(dir, date, b.nextId());
      const title = `吉林省交通运输厅${year}年政府信息公开工作年度报告`;
      items.push({ title, href: path, date });
      addArticlePage(b, {
        path,
        column: name,
        columnHref: `${dir}index.html`,
        parents: [HUB_CRUMB],
        title,
        date,
        source: '吉林省交通运输厅办公室',
        paragraphs: [`本报告根据《中华人民共和国政府信息公开条例》要求编制，全文包括总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况等内容。`],
        disclosure: disclosureFor(b, date),
      });
    }
    const pages = addColumnPages(b, { name, dir, items, markup: 'ul', parents: [HUB_CRUMB] });
    b.registerColumn({ name, path: pages[0], inHub: false });
    b.share('annualReports', pages[0]);
    if (b.asOf > `${b.asOfYear}-01-31`)
      b.expect({ rule: 'disclosure/annual-report-missing', path: pages[0], note: `no ${b.asOfYear - 1}年 report after 31 January ${b.asOfYear} (reports for ${b.asOfYear - 2} and earlier exist).` });
    else b.decoy({ rule: 'disclosure/annual-report-missing', path: pages[0], note: `as-of is in January: the ${b.asOfYear - 1} report is not due yet.` });
    b.decoy({ rule: 'column/stale', path: pages[0], note: '年报 is yearly and not in a stale class; disclosure/annual-report-missing covers it.' });
  },
};

export const guideSection: DemoSection = {
  name: 'guide',
  build(b: SiteBuilder) {
    const dir = '/zwgk/gkzn/';
    const name = '政府信息公开指南';
    const date = b.daysAgo(300);
    const path = trsArticlePath(dir, date, b.nextId());
    addArticlePage(b, {
      path,
      column: name,
      columnHref: `${dir}index.html`,
      parents: [HUB_CRUMB],
      title: '吉林省交通运输厅政府信息公开指南',
      date,
      source: '吉林省交通运输厅办公室',
      paragraphs: ['一、主动公开。二、依申请公开。三、监督和救济。', `受理机构：吉林省交通运输厅办公室，地址：${SITE.address}，电话：${SITE.phone}。`],
      disclosure: disclosureFor(b, date),
    });
    const pages = addColumnPages(b, { name, dir, items: [{ title: '吉林省交通运输厅政府信息公开指南', href: path, date }], markup: 'ul', parents: [HUB_CRUMB] });
    b.registerColumn({ name, path: pages[0], inHub: false });
  },
};

export const hubSection: DemoSection = {
  name: 'hub',
  build(b: SiteBuilder) {
    const hubColumns = b.columns.filter((c) => c.inHub);
    const dirList = `<ul class="fdzd-list">${hubColumns.map((c) => `<li><a href="${esc(c.path)}">${esc(c.name)}</a></li>`).join('')}</ul>`;
    b.addPage(
      FDZD,
      trsLayout({
        title: `法定主动公开内容_${SITE.name}`,
        meta: listMeta('法定主动公开内容'),
        breadcrumb: [HUB_CRUMB, { text: '法定主动公开内容', href: FDZD }],
        main: `<div class="column-title"><h2>法定主动公开内容</h2></div>\n${dirList}`,
      }),
    );
    b.decoy({ rule: 'column/empty', path: FDZD, note: '法定主动公开内容 is a directory of sub-columns, not a dated list.' });
    const guide = b.columns.find((c) => c.name === '政府信息公开指南')!;
    const reports = b.columns.find((c) => c.name === '政府信息公开年报')!;
    const main = `<div class="zwgk-hub">
<div class="hub-block"><h2>政府信息公开</h2>
<ul class="hub-nav">
<li><a href="${esc(guide.path)}">政府信息公开指南</a></li>
<li><a href="${FDZD}">法定主动公开内容</a></li>
<li><a href="${esc(reports.path)}">政府信息公开年报</a></li>
</ul></div>
<div class="hub-block"><h3>法定主动公开内容</h3>${dirList}</div>
</div>`;
    b.addPage(HUB, trsLayout({ title: `政府信息公开_${SITE.name}`, meta: listMeta('政府信息公开'), breadcrumb: [HUB_CRUMB], main }));
    b.expect({ rule: 'column/missing', pack: 'national', path: '/', evidence: { column: '政府信息公开制度' }, note: 'the 政府信息公开 hub has 指南, 法定主动公开内容 and 年报 but no 政府信息公开制度 anywhere on the site.' });
    for (const column of ['重大建设项目', '权责清单'])
      b.expect({ rule: 'column/missing', pack: 'jl-jtt-2022', path: '/', evidence: { column }, note: `the 2022 要点 requires a ${column} column; the site has none.` });
  },
};

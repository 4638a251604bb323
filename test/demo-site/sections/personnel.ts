// 人事信息: div cards, stale (newest 400 days). A 公示 page with an unmasked ID and mobile, its GBK twin
// (header-declared), an xlsx attachment with an ID, decoys (masked, checksum-failing, landline, 索引号 prefix),
// and a list page without SiteDomain.
import type { SiteBuilder } from '../site-builder.js';
import { esc } from '../html.js';
import type { ListItem } from '../templates/lists.js';
import { indexNo, trsArticlePath, trsFilePath, CREDIT_CODE } from '../templates/paths.js';
import { personnelXlsx } from '../attachments/xlsx.js';
import { IDS, MOBILES } from '../attachments/people.js';
import { maskId, maskMobile } from '../identity.js';
import { addArticlePage, addColumnPages, HUB_CRUMB } from './helpers.js';
import type { DemoSection } from './types.js';

const DIR = '/zwgk/rsxx/';
const NAME = '人事信息';

function peopleTable(rows: [string, string, string][]): string {
  return `<table class="gs-table" border="1" cellspacing="0"><tr><th>姓名</th><th>身份证号</th><th>拟聘岗位</th></tr>${rows
    .map((r) => `<tr>${r.map((c) => `<td>${esc(c)}</td>`).join('')}</tr>`)
    .join('')}</table>`;
}

export const personnelSection: DemoSection = {
  name: 'personnel',
  build(b: SiteBuilder) {
    const items: ListItem[] = [];
    const common = { column: NAME, columnHref: `${DIR}index.html`, parents: [HUB_CRUMB], source: '吉林省交通运输厅人事处' };
    const disclosure = (date: string) => ({
      fields: { indexNo: indexNo(date, 400 + b.count('rs-index')), publisher: '吉林省交通运输厅', writtenDate: date, publishDate: date, openness: '主动公开' },
      variant: 'trs-table' as const,
    });

    // UTF-8 公示 page.
    const d1 = b.daysAgo(400);
    const p1 = trsArticlePath(DIR, d1, b.nextId());
    const xlsxPath = trsFilePath(DIR, d1, b.nextId(), 'xlsx');
    b.addFile(xlsxPath, personnelXlsx, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    items.push({ title: '吉林省交通运输厅所属事业单位公开招聘拟聘用人员公示', href: p1, date: d1 });
    addArticlePage(b, {
      ...common,
      path: p1,
      title: items[0].title,
      date: d1,
      paragraphs: [
        '根据事业单位公开招聘有关规定，经笔试、面试、考察和体检，现将拟聘用人员名单公示如下：',
        `公示期间如有异议，请向厅人事处反映。联系人：张某，手机：${MOBILES.personnelPage}，办公电话：${MOBILES.landline}。`,
      ],
      extraHtml: peopleTable([
        ['周某某', IDS.personnelPage, '公路养护技术岗'],
        ['吴某某', IDS.masked, '财务管理岗'],
        ['郑某某', IDS.failing, '综合管理岗'],
      ]),
      attachments: [{ text: '拟聘用人员名单.xlsx', href: xlsxPath }],
      disclosure: disclosure(d1),
    });
    b.expect({ rule: 'privacy/id-number', path: p1, note: `公示 table shows resident ID ${maskId(IDS.personnelPage)} unmasked (valid checksum, birth 1988-07-16).` });
    b.expect({ rule: 'privacy/mobile', path: p1, note: `contact mobile ${maskMobile(MOBILES.personnelPage)} unmasked.` });
    b.expect({ rule: 'privacy/id-number', path: xlsxPath, note: `xlsx attachment lists resident ID ${maskId(IDS.xlsx)} unmasked (plus a masked and a checksum-failing one).` });
    b.decoy({
      rule: 'privacy/id-number',
      path: p1,
      note: `masked ${IDS.masked}, checksum-failing ${IDS.failing}, and the 索引号 ${CREDIT_CODE}/… whose 18-character prefix passes the checksum: only ${maskId(IDS.personnelPage)} counts.`,
    });

    // GBK twin, declared by the Content-Type header only.
    const d2 = b.daysAgo(430);
    const p2 = trsArticlePath(DIR, d2, b.nextId());
    items.push({ title: '吉林省交通运输综合行政执法局公开招聘工作人员拟聘用人员公示', href: p2, date: d2 });
    addArticlePage(b, {
      ...common,
      path: p2,
      title: items[1].title,
      date: d2,
      gbk: 'header',
      paragraphs: [
        '经笔试、面试、考察和体检，现将拟聘用人员名单予以公示，公示期为7个工作日。',
        `监督电话：${MOBILES.landline}；联系人手机：${MOBILES.masked}。`,
      ],
      extraHtml: peopleTable([
        ['冯某某', IDS.personnelGbkPage, '执法岗'],
        ['陈某某', '220103********5678', '执法岗'],
        ['褚某某', IDS.failingGbk, '综合岗'],
      ]),
      disclosure: disclosure(d2),
    });
    b.expect({ rule: 'privacy/id-number', path: p2, note: `GBK page (header-declared) shows resident ID ${maskId(IDS.personnelGbkPage)} unmasked.` });
    b.decoy({ rule: 'privacy/mobile', path: p2, note: 'GBK page: only a landline and a masked mobile.' });

    for (const [title, days] of [
      ['吉林省交通运输厅干部任前公示', 460],
      ['吉林省交通运输厅关于公开遴选公务员的公告', 520],
    ] as const) {
      const date = b.daysAgo(days);
      const path = trsArticlePath(DIR, date, b.nextId());
      items.push({ title, href: path, date });
      addArticlePage(b, { ...common, path, title, date, paragraphs: ['根据干部选拔任用有关规定，现予以公示。', `公示期间，如有情况反映，请拨打${MOBILES.landline}。`], disclosure: disclosure(date) });
    }

    const pages = addColumnPages(b, { name: NAME, dir: DIR, items, markup: 'cards', parents: [HUB_CRUMB], dropMeta: ['SiteDomain'] });
    b.registerColumn({ name: NAME, path: pages[0], inHub: true });
    b.expect({ rule: 'meta/missing', path: pages[0], evidence: { missing: ['SiteDomain'] }, note: '人事信息 list page lacks the SiteDomain meta (list pages need SiteName, SiteDomain, SiteIDCode).' });
    b.expect({ rule: 'column/stale', path: pages[0], note: 'newest 人事信息 entry is 400 days old (> 365).' });
  },
};

// 通知公告: stale column (newest entry 200 days old). Holds the notice that repeals documents by 文号, a GBK page
// (meta-declared) with a broken in-site link, a serious wording error and a mobile, and a docx attachment.
import type { SiteBuilder } from '../site-builder.js';
import { esc } from '../html.js';
import { zhDate } from '../dates.js';
import type { ListItem } from '../templates/lists.js';
import { indexNo, trsArticlePath, trsFilePath } from '../templates/paths.js';
import { makeDocx } from '../attachments/docx.js';
import { MOBILES } from '../attachments/people.js';
import { maskMobile } from '../identity.js';
import { addArticlePage, addColumnPages, HUB_CRUMB } from './helpers.js';
import type { RepealedDoc } from './policy.js';
import type { DemoSection } from './types.js';

const DIR = '/zwgk/tzgg/';
const NAME = '通知公告';

export const noticesSection: DemoSection = {
  name: 'notices',
  build(b: SiteBuilder) {
    const items: ListItem[] = [];
    const page = (title: string, days: number) => {
      const date = b.daysAgo(days);
      const item = { title, date, href: trsArticlePath(DIR, date, b.nextId()) };
      items.push(item);
      return item;
    };
    const common = { column: NAME, columnHref: `${DIR}index.html`, parents: [HUB_CRUMB], source: '吉林省交通运输厅办公室' };
    const disclosure = (date: string) => ({
      fields: { indexNo: indexNo(date, 300 + b.count('notice-index')), publisher: '吉林省交通运输厅', writtenDate: date, publishDate: date, openness: '主动公开' },
      variant: 'trs-table' as const,
    });

    // The repeal notice: names documents by 文号 and links them.
    const repealed = b.read<RepealedDoc[]>('repealed');
    const rep = page('吉林省交通运输厅关于废止部分文件的决定', 210);
    addArticlePage(b, {
      ...common,
      path: rep.href,
      title: rep.title,
      date: rep.date,
      paragraphs: ['根据工作需要，经研究，决定废止以下文件，自本决定印发之日起停止执行：'],
      extraHtml: `<ol class="repeal-list">${repealed
        .map((r) => `<li><a href="${esc(r.ref.href)}">《${esc(r.ref.title)}》</a>（${esc(r.ref.docNo)}）</li>`)
        .join('')}</ol>`,
      disclosure: disclosure(rep.date),
    });
    for (const r of repealed) {
      if (r.marked) b.decoy({ rule: 'document/repeal-unmarked', path: r.ref.href, note: `repealed by ${rep.href} and marked 废止/失效 on its own page.` });
      else
        b.expect({
          rule: 'document/repeal-unmarked',
          path: r.ref.href,
          note: `${r.ref.docNo} is declared repealed by ${rep.href} (by 文号 and link) but its own page still says 有效 with no mark.`,
        });
    }

    // GBK page declared only by <meta charset=gb2312>.
    const gbk = page('关于开展全省交通运输系统“安全生产月”活动的通知', 230);
    const broken404 = '/zwgk/tzgg/201901/t20190110_1234.html';
    addArticlePage(b, {
      ...common,
      path: gbk.href,
      title: gbk.title,
      date: gbk.date,
      gbk: 'meta',
      paragraphs: [
        '各市（州）交通运输局，厅直属各单位：',
        '为深入贯彻落实安全生产工作部署，大力弘扬社会主意核心价值观，营造良好安全生产氛围，现就开展“安全生产月”活动有关事项通知如下。',
        `活动联系人：王某，联系电话：${MOBILES.gbkNotice}，办公电话：${MOBILES.landline}，备用联系人：${maskMobile('13812341234')}。`,
      ],
      related: [{ label: '相关链接', text: '上年度安全生产月活动总结', href: broken404 }],
      disclosure: disclosure(gbk.date),
    });
    b.expect({ rule: 'link/broken', path: gbk.href, target: broken404, evidence: { status: 404 }, note: 'GBK (meta-declared) page links an in-site page that does not exist.' });
    b.expect({ rule: 'content/serious-error', path: gbk.href, note: 'GBK page writes 社会主意核心价值观 (built-in dictionary: 社会主义核心价值观).' });
    b.expect({ rule: 'privacy/mobile', path: gbk.href, note: `GBK page shows mobile ${maskMobile(MOBILES.gbkNotice)} unmasked; the landline and the masked mobile are not findings.` });

    // docx attachment with a mobile number.
    const reg = page('关于举办全省交通运输系统政务公开业务培训班的通知', 250);
    const docxPath = trsFilePath(DIR, reg.date, b.nextId(), 'docx');
    b.addFile(
      docxPath,
      makeDocx(['培训报名回执', '单位名称：', '参训人员姓名：', `报名联系人：李某　手机：${MOBILES.docx}`, `联系电话：${MOBILES.landline}`]),
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    );
    addArticlePage(b, {
      ...common,
      path: reg.href,
      title: reg.title,
      date: reg.date,
      paragraphs: ['各市（州）交通运输局，厅直属各单位：', `定于${zhDate(reg.date)}后举办全省交通运输系统政务公开业务培训班，请填写报名回执（见附件）。`],
      attachments: [{ text: '培训报名回执.docx', href: docxPath }],
      disclosure: disclosure(reg.date),
    });
    b.expect({ rule: 'privacy/mobile', path: docxPath, note: `docx attachment (报名回执) contains mobile ${maskMobile(MOBILES.docx)}.` });

    for (const [title, days] of [
      ['关于公布全省交通运输行业安全生产举报电话的公告', 200],
      ['关于2021年度交通运输统计报表报送工作的通知', 260],
      ['关于做好春节期间交通运输服务保障工作的通知', 300],
      ['关于开展道路运输企业安全生产标准化建设的通知', 330],
    ] as const) {
      const it = page(title, days);
      addArticlePage(b, { ...common, path: it.href, title, date: it.date, paragraphs: ['各有关单位：', `${title.replace(/^关于/, '现就').replace(/的(通知|公告)$/, '')}有关事项通知如下，请遵照执行。`], disclosure: disclosure(it.date) });
    }

    const pages = addColumnPages(b, { name: NAME, dir: DIR, items, markup: 'ul', parents: [HUB_CRUMB] });
    b.registerColumn({ name: NAME, path: pages[0], inHub: true });
    b.share('notices', items);
    b.expect({ rule: 'column/stale', path: pages[0], note: 'newest 通知公告 entry is 200 days old (> 183).' });
  },
};

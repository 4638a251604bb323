// Smaller columns: 规划计划 (empty with 暂无信息), 双随机一公开 (empty table), 依申请公开 (with a txt attachment
// holding a mobile), 政务新媒体 (the directory of accounts the new-media part reads and cross-checks).
import type { SiteBuilder } from '../site-builder.js';
import { esc } from '../html.js';
import { indexNo, trsArticlePath, trsFilePath } from '../templates/paths.js';
import { trsLayout } from '../templates/layouts.js';
import { listMeta } from '../templates/meta.js';
import { SITE } from '../templates/site-info.js';
import { MOBILES } from '../attachments/people.js';
import { maskMobile } from '../identity.js';
import { addArticlePage, addColumnPages, HUB_CRUMB } from './helpers.js';
import type { DemoSection } from './types.js';

/**
 * Accounts listed on the 政务新媒体 page (the department's and its 厅直 units'); each links to its profile page on
 * the stand-in external host, as accounts live on the platforms, off the site. sections/newmedia.ts serves their
 * feeds and plants the cross-checks against this listing: 吉林交通 on 抖音 is listed but not configured, and
 * 吉林交通 and 吉林交通服务 are both the department's WeChat accounts.
 */
export const NEW_MEDIA_ACCOUNTS = [
  { name: '吉林交通', platform: '微信公众号', unit: '吉林省交通运输厅', path: '/weixin/jljtt.html' },
  { name: '吉林交通发布', platform: '新浪微博', unit: '吉林省交通运输厅', path: '/weibo/jljtfb.html' },
  { name: '吉林交通', platform: '抖音', unit: '吉林省交通运输厅宣传中心', path: '/douyin/jljt.html' },
  { name: '吉林交通服务', platform: '微信公众号', unit: '吉林省交通运输厅', path: '/weixin/jljtfw.html' },
  { name: '吉林公路', platform: '新浪微博', unit: '吉林省公路管理局', path: '/weibo/jlgl.html' },
  { name: '吉林道路运输', platform: '抖音', unit: '吉林省道路运输管理局', path: '/douyin/jldlys.html' },
  { name: '吉林海事', platform: '哔哩哔哩', unit: '吉林省地方海事局', path: '/bilibili/jlhs.html' },
  { name: '吉林航道', platform: '微信公众号', unit: '吉林省航道管理局', path: '/weixin/jlhd.html' },
];

/** The account's profile page on its platform (the external host). */
function profilePage(a: (typeof NEW_MEDIA_ACCOUNTS)[number]): string {
  return `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>${esc(a.name)} - ${esc(a.platform)}</title></head>
<body><h1>${esc(a.name)}</h1><p class="platform">${esc(a.platform)}</p><p class="unit">${esc(a.unit)}</p></body></html>`;
}

export const miscColumnsSection: DemoSection = {
  name: 'misc-columns',
  build(b: SiteBuilder) {
    const plan = addColumnPages(b, { name: '规划计划', dir: '/zwgk/ghjh/', items: [], markup: 'ul', parents: [HUB_CRUMB] });
    b.registerColumn({ name: '规划计划', path: plan[0], inHub: true });
    b.expect({ rule: 'column/empty', path: plan[0], note: '规划计划 list shows only 暂无信息.' });

    const ssj = addColumnPages(b, { name: '双随机一公开', dir: '/zwgk/ssjygk/', items: [], markup: 'table', parents: [HUB_CRUMB], listOptions: { empty: 'bare' } });
    b.registerColumn({ name: '双随机一公开', path: ssj[0], inHub: true });
    b.expect({ rule: 'column/empty', path: ssj[0], note: '双随机一公开 list table has no rows at all (no 暂无信息 text either).' });

    // 依申请公开
    const dir = '/zwgk/ysqgk/';
    const date = b.daysAgo(300);
    const path = trsArticlePath(dir, date, b.nextId());
    const txt = trsFilePath(dir, date, b.nextId(), 'txt');
    b.addFile(txt, `政府信息公开申请须知\r\n受理时间：工作日 8:30-16:30\r\n受理电话：${MOBILES.landline}\r\n值班手机：${MOBILES.txt}\r\n`, 'text/plain; charset=utf-8');
    addArticlePage(b, {
      path,
      column: '依申请公开',
      columnHref: `${dir}index.html`,
      parents: [HUB_CRUMB],
      title: '吉林省交通运输厅政府信息公开申请须知',
      date,
      source: '吉林省交通运输厅办公室',
      paragraphs: ['申请人可通过当面、邮寄、网络等方式提出政府信息公开申请。', `受理地址：${SITE.address}。`],
      attachments: [{ text: '申请须知.txt', href: txt }],
      disclosure: { fields: { indexNo: indexNo(date, 950), publisher: '吉林省交通运输厅', writtenDate: date, publishDate: date, openness: '主动公开' }, variant: 'trs-table' },
    });
    b.expect({ rule: 'privacy/mobile', path: txt, note: `txt attachment (申请须知) contains mobile ${maskMobile(MOBILES.txt)}.` });
    const ysq = addColumnPages(b, { name: '依申请公开', dir, items: [{ title: '吉林省交通运输厅政府信息公开申请须知', href: path, date }], markup: 'ul', parents: [HUB_CRUMB] });
    b.registerColumn({ name: '依申请公开', path: ysq[0], inHub: true });

    // 政务新媒体
    const rows = NEW_MEDIA_ACCOUNTS.map((a) => {
      const url = b.addExternal(a.path, 200, profilePage(a));
      return `<tr><td class="account-name">${esc(a.name)}</td><td class="account-platform">${esc(a.platform)}</td><td class="account-unit">${esc(a.unit)}</td><td><a href="${esc(url)}" target="_blank">访问</a></td></tr>`;
    });
    const xmt = '/zwgk/zwxmt/index.html';
    b.addPage(
      xmt,
      trsLayout({
        title: `政务新媒体_${SITE.name}`,
        meta: listMeta('政务新媒体'),
        breadcrumb: [HUB_CRUMB, { text: '政务新媒体', href: xmt }],
        main: `<div class="column-title"><h2>政务新媒体</h2></div>
<p class="column-intro">本厅及厅直单位开设的政务新媒体账号如下，欢迎关注。</p>
<table class="xmt-table" border="1" cellspacing="0"><tr><th>账号名称</th><th>平台</th><th>主办单位</th><th>链接</th></tr>
${rows.join('\n')}
</table>`,
      }),
    );
    b.registerColumn({ name: '政务新媒体', path: xmt, inHub: true });
    b.decoy({ rule: 'column/empty', path: xmt, note: '政务新媒体 is a directory of accounts (table), not a dated list.' });
  },
};

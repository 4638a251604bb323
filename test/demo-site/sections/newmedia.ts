// 政务新媒体: the feeds of the configured accounts (fresh RSS, stale RSS, 404, malformed XML, GBK RSS, Atom,
// JSON Feed, HTML list page) and the posts' pages. Accounts live on platforms off the department's site, so all of
// them are served by the stand-in external host; the site's own 政务新媒体 page (misc-columns.ts) lists the accounts.
// Plants newmedia/stale, unreachable (×2), unlisted (both directions), duplicate, and a serious wording error and an
// unmasked ID number in post text. The matching configuration is in newmedia-config.ts.
import iconv from 'iconv-lite';
import { esc } from '../html.js';
import type { SiteBuilder } from '../site-builder.js';
import { SITE } from '../templates/site-info.js';
import { validId } from '../identity.js';
import { NEW_MEDIA_ACCOUNTS } from './misc-columns.js';
import { DEMO_ACCOUNTS, FEEDS, type DemoAccount } from './newmedia-accounts.js';
import type { DemoSection } from './types.js';

export const NEWMEDIA_PAGE = '/zwgk/zwxmt/index.html';
export { FEEDS } from './newmedia-accounts.js';

/** The unmasked ID number planted in a post of 吉林公路 (a synthetic number that passes GB 11643). */
export const POST_ID_NUMBER = validId('220104', '19900101', '215');
export const SERIOUS_ERROR_POST = { account: '吉林交通', title: '厅党组召开理论学习中心组学习会议', wrong: '中国共产当' };
export const ID_NUMBER_POST = { account: '吉林公路', title: '关于公路养护作业人员公示的情况说明' };
export const STALE_DAYS_AGO = 20;

const PLATFORM_BY_LABEL: Record<string, DemoAccount['platform']> = { 微信公众号: 'wechat', 新浪微博: 'weibo', 抖音: 'douyin', 今日头条: 'toutiao', 哔哩哔哩: 'bilibili' };

const NOT_FOUND_HTML = '<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>404</title></head><body>内容不存在</body></html>';

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** RFC 822 date of a Shanghai day at the given time, as bridges write it. */
function rfc822(day: string, time = '10:00:00'): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const dow = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return `${WEEKDAYS[dow]}, ${String(d).padStart(2, '0')} ${MONTHS[m - 1]} ${y} ${time} +0800`;
}

interface Post {
  title: string;
  /** Days before as-of. */
  ago: number;
  text: string;
  /** Path on the external host. */
  path: string;
}

function addPostPage(b: SiteBuilder, account: string, post: Post): void {
  b.addExternal(
    post.path,
    200,
    `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>${esc(post.title)}_${esc(account)}</title></head>
<body><h1>${esc(post.title)}</h1><p class="account">${esc(account)}</p><div class="content"><p>${esc(post.text)}</p></div></body></html>`,
  );
}

function rss(title: string, link: string, items: string, encoding = 'UTF-8'): string {
  return `<?xml version="1.0" encoding="${encoding}"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel>
<title>${esc(title)}</title>
<link>${esc(link)}</link>
<description>${esc(title)} - 由订阅源桥接服务生成</description>
${items}
</channel>
</rss>
`;
}

function rssItem(b: SiteBuilder, p: Post): string {
  return `<item>
<title>${esc(p.title)}</title>
<link>${esc(b.externalUrl(p.path))}</link>
<guid isPermaLink="false">${esc(p.path)}</guid>
<pubDate>${rfc822(b.daysAgo(p.ago))}</pubDate>
<description><![CDATA[<p>${esc(p.text)}</p>]]></description>
</item>`;
}

function posts(prefix: string, list: Array<Omit<Post, 'path'>>): Post[] {
  return list.map((p, i) => ({ ...p, path: `/xmt/posts/${prefix}-${i + 1}.html` }));
}

export const newMediaSection: DemoSection = {
  name: 'newmedia',
  build(b: SiteBuilder) {
    // 吉林交通 (微信) — fresh RSS; one post carries a serious wording error.
    const jljtWechat = posts('jljt-wechat', [
      { title: '全省交通运输安全生产工作视频会议召开', ago: 1, text: '会议总结了上半年全省交通运输安全生产工作，部署了下一阶段重点任务。' },
      {
        title: SERIOUS_ERROR_POST.title,
        ago: 4,
        text: `会议强调，要坚持${SERIOUS_ERROR_POST.wrong}的全面领导，深入学习贯彻习近平新时代中国特色社会主义思想。`,
      },
      { title: '一图读懂《吉林省农村公路条例》', ago: 9, text: '《吉林省农村公路条例》自公布之日起施行，本文以图解方式介绍主要内容。' },
    ]);
    // 吉林交通 (微博) — stale: the newest post is 20 days old.
    const jljtWeibo = posts('jljt-weibo', [
      { title: '【交通提示】端午假期高速公路出行指南', ago: STALE_DAYS_AGO, text: '端午假期期间全省高速公路小型客车免费通行政策不实施，请合理安排出行。' },
      { title: '【权威发布】全省公路建设项目集中开工', ago: 35, text: '全省公路建设项目集中开工，总投资约120亿元。' },
    ]);
    // 吉林公路 (微博) — GBK RSS; one post publishes an unmasked ID number.
    const jlglWeibo = posts('jlgl-weibo', [
      { title: ID_NUMBER_POST.title, ago: 2, text: `现将养护作业人员信息公示如下：张某某，身份证号${POST_ID_NUMBER}，联系单位吉林省公路管理局。` },
      { title: '国道302线养护维修工程顺利完工', ago: 6, text: '国道302线养护维修工程顺利完工，路面通行条件明显改善。' },
    ]);
    // 吉林道路运输 (抖音) — Atom.
    const jldlysDouyin = posts('jldlys-douyin', [
      { title: '道路运输从业人员安全培训短视频', ago: 3, text: '道路运输从业人员安全培训系列短视频第三期。' },
      { title: '客运站春运服务保障纪实', ago: 12, text: '客运站春运服务保障工作纪实。' },
    ]);
    // 吉林海事 (哔哩哔哩) — JSON Feed.
    const jlhsBilibili = posts('jlhs-bilibili', [
      { title: '水上交通安全知识进校园', ago: 5, text: '地方海事局开展水上交通安全知识进校园活动。' },
      { title: '松花江渡口安全检查纪实', ago: 13, text: '松花江渡口安全检查工作纪实。' },
    ]);
    // 吉林交通执法 (今日头条) — HTML list page with relative and year-less dates.
    const jljtzfToutiao = posts('jljtzf-toutiao', [
      { title: '综合执法支队开展货车超限超载集中整治', ago: 3, text: '' },
      { title: '交通执法人员冒雨疏导车辆保畅通', ago: 1, text: '' },
      { title: '全省交通运输综合执法培训班开班', ago: 10, text: '' },
    ]);

    for (const [account, list] of [
      ['吉林交通', jljtWechat],
      ['吉林交通发布', jljtWeibo],
      ['吉林公路', jlglWeibo],
      ['吉林道路运输', jldlysDouyin],
      ['吉林海事', jlhsBilibili],
      ['吉林交通执法', jljtzfToutiao],
    ] as const) {
      for (const p of list) addPostPage(b, account, { ...p, text: p.text || p.title });
    }

    b.addExternalFile(FEEDS.jljtWechat, rss('吉林交通', 'https://mp.weixin.qq.com/', jljtWechat.map((p) => rssItem(b, p)).join('\n')), 'application/rss+xml; charset=utf-8');
    b.addExternalFile(FEEDS.jljtWeibo, rss('吉林交通发布的微博', 'https://weibo.com/', jljtWeibo.map((p) => rssItem(b, p)).join('\n')), 'application/rss+xml; charset=utf-8');
    // GBK, declared only in the XML declaration (the header has no charset), like older bridges and CMS exports.
    const gbkXml = rss('吉林公路的微博', 'https://weibo.com/', jlglWeibo.map((p) => rssItem(b, p)).join('\n'), 'GBK');
    b.addExternalFile(FEEDS.jlglWeibo, new Uint8Array(iconv.encode(gbkXml, 'gbk')), 'application/rss+xml');
    b.addExternalFile(
      FEEDS.jldlysDouyin,
      `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
<title>吉林道路运输 - 抖音</title>
<id>tag:douyin.example,2022:jldlys</id>
<updated>${b.daysAgo(3)}T10:00:00+08:00</updated>
${jldlysDouyin
  .map(
    (p) => `<entry>
<title>${esc(p.title)}</title>
<id>tag:douyin.example,2022:${esc(p.path)}</id>
<link rel="alternate" type="text/html" href="${esc(b.externalUrl(p.path))}"/>
<published>${b.daysAgo(p.ago)}T09:30:00+08:00</published>
<updated>${b.daysAgo(Math.max(0, p.ago - 1))}T09:30:00+08:00</updated>
<content type="html">${esc(`<p>${p.text}</p>`)}</content>
</entry>`,
  )
  .join('\n')}
</feed>
`,
      'application/atom+xml; charset=utf-8',
    );
    b.addExternalFile(
      FEEDS.jlhsBilibili,
      JSON.stringify({
        version: 'https://jsonfeed.org/version/1.1',
        title: '吉林海事的哔哩哔哩空间',
        home_page_url: 'https://space.bilibili.com/',
        items: jlhsBilibili.map((p) => ({ id: p.path, url: b.externalUrl(p.path), title: p.title, content_text: p.text, date_published: `${b.daysAgo(p.ago)}T18:00:00+08:00` })),
      }),
      'application/feed+json; charset=utf-8',
    );
    const listDates = [`${jljtzfToutiao[0]!.ago}天前`, '昨天 08:40', zhMonthDay(b.daysAgo(jljtzfToutiao[2]!.ago))];
    // The list page links its posts by relative URLs, as platform pages do.
    b.addExternal(
      FEEDS.jljtzfToutiao,
      200,
      `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>吉林交通执法 - 头条号</title></head><body>
<div class="profile"><h1>吉林交通执法</h1></div>
<ul class="feed-list">
${jljtzfToutiao.map((p, i) => `<li class="feed-item"><a class="title" href="${esc(p.path)}">${esc(p.title)}</a><span class="time">${esc(listDates[i]!)}</span></li>`).join('\n')}
</ul></body></html>`,
    );
    b.addExternalFile(
      FEEDS.jljtfwWechat,
      `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>吉林交通服务</title>
<item><title>高速公路服务区便民服务升级</title><pubDate>${rfc822(b.daysAgo(2))}</pubDate><description>服务区新增充电桩</item>
</channel></rss>
`,
      'application/rss+xml; charset=utf-8',
    );

    // The 404 feed: the bridge answers 404 for an account it no longer follows.
    b.addExternal(FEEDS.jlhdWechat, 404, NOT_FOUND_HTML);

    // The listing is misc-columns' 政务新媒体 page (one page on the site). Planted against it: 吉林交通执法
    // (configured) is not listed; 吉林交通 on 抖音 (宣传中心) is listed but not configured; 吉林交通 and 吉林交通服务
    // are both the department's WeChat accounts.
    if (!b.has(NEWMEDIA_PAGE)) throw new Error(`演示站点分区顺序错误：政务新媒体分区须在 misc-columns 之后（缺少 ${NEWMEDIA_PAGE}）`);
    const listed = NEW_MEDIA_ACCOUNTS;
    const page = NEWMEDIA_PAGE;
    const configured = DEMO_ACCOUNTS;
    const platformOf = (label: string) => PLATFORM_BY_LABEL[label] ?? 'other';
    const isListed = (a: DemoAccount) => listed.some((l) => l.name === a.name && platformOf(l.platform) === a.platform);
    for (const a of configured.filter((c) => !isListed(c))) {
      b.expect({ rule: 'newmedia/unlisted', path: page, evidence: { account: a.name, platform: a.platform, configured: true }, note: `已配置的账号“${a.name}”未在政务新媒体栏目公布` });
    }
    for (const l of listed.filter((x) => !configured.some((c) => c.name === x.name && c.platform === platformOf(x.platform)))) {
      b.expect({ rule: 'newmedia/unlisted', path: page, evidence: { account: l.name, platform: platformOf(l.platform), configured: false }, note: `栏目公布的账号“${l.name}”（${l.platform}）不在配置中` });
    }
    b.expect({ rule: 'newmedia/duplicate', path: page, evidence: { unit: SITE.name, platform: 'wechat', accounts: ['吉林交通', '吉林交通服务'] }, note: '厅机关在微信开设两个账号' });
    b.expect({ rule: 'newmedia/stale', origin: 'external', path: FEEDS.jljtWeibo, evidence: { account: '吉林交通发布', platform: 'weibo', lastPostDate: b.daysAgo(STALE_DAYS_AGO), lastPostTitle: jljtWeibo[0]!.title }, note: '微博账号最新发布在 20 天前' });
    b.expect({ rule: 'newmedia/unreachable', origin: 'external', path: FEEDS.jlhdWechat, evidence: { account: '吉林航道', status: 404 }, note: '订阅源地址返回 404' });
    b.expect({ rule: 'newmedia/unreachable', origin: 'external', path: FEEDS.jljtfwWechat, evidence: { account: '吉林交通服务', status: 200 }, note: '订阅源 XML 格式错误（description 未闭合）' });
    b.expect({ rule: 'content/serious-error', origin: 'external', path: jljtWechat[1]!.path, evidence: { account: '吉林交通', post: SERIOUS_ERROR_POST.title, wrong: SERIOUS_ERROR_POST.wrong }, note: '微信推文正文严重表述错误' });
    b.expect({ rule: 'privacy/id-number', origin: 'external', path: jlglWeibo[0]!.path, evidence: { account: '吉林公路', post: ID_NUMBER_POST.title }, note: 'GBK 微博订阅源中的推文公开了未遮盖的身份证号' });

    for (const path of [FEEDS.jljtWechat, FEEDS.jlglWeibo, FEEDS.jldlysDouyin, FEEDS.jlhsBilibili, FEEDS.jljtzfToutiao]) {
      b.decoy({ rule: 'newmedia/stale', origin: 'external', path, note: '最新发布在 14 天以内（含相对日期、GBK、Atom、JSON Feed）' });
      b.decoy({ rule: 'newmedia/unreachable', origin: 'external', path, note: '订阅源可正常读取' });
    }
  },
};

/** 5月3日, as list pages write dates of the current year. */
function zhMonthDay(day: string): string {
  return `${Number(day.slice(5, 7))}月${Number(day.slice(8, 10))}日`;
}

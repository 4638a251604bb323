// The demo's configured new-media accounts (feed paths on the stand-in external host, where the platforms' feeds
// live); newmedia-config.ts makes the URLs absolute.
import type { GongkaiConfig } from '../../../crawler/config/config-schema.js';
import { SITE } from '../templates/site-info.js';

export const FEEDS = {
  jljtWechat: '/xmt/feeds/jljt-wechat.xml', // fresh RSS 2.0 (post with a serious wording error)
  jljtWeibo: '/xmt/feeds/jljtfb-weibo.xml', // stale RSS 2.0
  jlglWeibo: '/xmt/feeds/jlgl-weibo.xml', // GBK RSS (post with an unmasked ID number)
  jldlysDouyin: '/xmt/feeds/jldlys-douyin.atom', // Atom
  jlhsBilibili: '/xmt/feeds/jlhs-bilibili.json', // JSON Feed
  jljtzfToutiao: '/xmt/lists/jljtzf-toutiao.html', // HTML list page (configured selectors)
  jlhdWechat: '/xmt/feeds/jlhd-wechat.xml', // answers 404
  jljtfwWechat: '/xmt/feeds/jljtfw-wechat.xml', // malformed XML
} as const;

type AccountConfig = GongkaiConfig['newMedia'][number];
export type DemoAccount = Omit<AccountConfig, 'feed'> & { feed: string; unit: string };

export const DEMO_ACCOUNTS: DemoAccount[] = [
  { name: '吉林交通', platform: 'wechat', feed: FEEDS.jljtWechat, owner: '办公室', unit: SITE.name },
  { name: '吉林交通发布', platform: 'weibo', feed: FEEDS.jljtWeibo, owner: '办公室', unit: SITE.name },
  { name: '吉林交通服务', platform: 'wechat', feed: FEEDS.jljtfwWechat, owner: '宣传中心', unit: SITE.name },
  { name: '吉林公路', platform: 'weibo', feed: FEEDS.jlglWeibo, owner: '公路局', unit: '吉林省公路管理局' },
  { name: '吉林道路运输', platform: 'douyin', feed: FEEDS.jldlysDouyin, owner: '运输局', unit: '吉林省道路运输管理局' },
  { name: '吉林海事', platform: 'bilibili', feed: FEEDS.jlhsBilibili, owner: '海事局', unit: '吉林省地方海事局' },
  {
    name: '吉林交通执法',
    platform: 'toutiao',
    feed: FEEDS.jljtzfToutiao,
    owner: '执法局',
    unit: '吉林省交通运输综合行政执法局',
    selectors: { item: 'ul.feed-list > li.feed-item', title: 'a.title', date: 'span.time', link: 'a.title' },
  },
  { name: '吉林航道', platform: 'wechat', feed: FEEDS.jlhdWechat, owner: '航道局', unit: '吉林省航道管理局' },
];

// The newMedia section of the demo config: the accounts whose feeds newmedia.ts serves, as absolute URLs on the
// running demo site. 吉林交通运输视频 is deliberately missing (listed on the site only).
import type { GongkaiConfig } from '../../../crawler/config/config-schema.js';
import { SITE } from '../templates/site-info.js';
import { FEEDS } from './newmedia.js';

export function demoNewMediaConfig(siteUrl: string): GongkaiConfig['newMedia'] {
  const at = (path: string) => new URL(path, siteUrl).href;
  return [
    { name: '吉林交通', platform: 'wechat', feed: at(FEEDS.jljtWechat), owner: '办公室', unit: SITE.name },
    { name: '吉林交通', platform: 'weibo', feed: at(FEEDS.jljtWeibo), owner: '办公室', unit: SITE.name },
    { name: '吉林交通服务', platform: 'wechat', feed: at(FEEDS.jljtfwWechat), owner: '宣传中心', unit: SITE.name },
    { name: '吉林公路', platform: 'weibo', feed: at(FEEDS.jlglWeibo), owner: '公路局', unit: '吉林省公路管理局' },
    { name: '吉林道路运输', platform: 'douyin', feed: at(FEEDS.jldlysDouyin), owner: '运输局', unit: '吉林省道路运输管理局' },
    { name: '吉林海事', platform: 'bilibili', feed: at(FEEDS.jlhsBilibili), owner: '海事局', unit: '吉林省地方海事局' },
    {
      name: '吉林交通执法',
      platform: 'toutiao',
      feed: at(FEEDS.jljtzfToutiao),
      owner: '执法局',
      unit: '吉林省交通运输综合行政执法局',
      selectors: { item: 'ul.feed-list > li.feed-item', title: 'a.title', date: 'span.time', link: 'a.title' },
    },
    { name: '吉林航道', platform: 'wechat', feed: at(FEEDS.jlhdWechat), owner: '航道局', unit: '吉林省航道管理局' },
  ];
}

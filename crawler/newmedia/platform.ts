// Which platform an account is on, from a link's host or from the words next to it.
import type { Platform } from './types.js';

const HOSTS: Array<[RegExp, Platform]> = [
  [/(^|\.)(weixin\.qq\.com|wx\.qq\.com)$/, 'wechat'],
  [/(^|\.)(weibo\.com|weibo\.cn)$/, 'weibo'],
  [/(^|\.)(douyin\.com|iesdouyin\.com)$/, 'douyin'],
  [/(^|\.)(toutiao\.com|toutiaocdn\.com)$/, 'toutiao'],
  [/(^|\.)(bilibili\.com|b23\.tv)$/, 'bilibili'],
];

const WORDS: Array<[RegExp, Platform]> = [
  [/微信|公众号|视频号|wechat|weixin/i, 'wechat'],
  [/微博|weibo/i, 'weibo'],
  [/抖音|douyin/i, 'douyin'],
  [/头条|toutiao/i, 'toutiao'],
  [/哔哩哔哩|B站|bilibili/i, 'bilibili'],
];

export function platformFromUrl(url: string | undefined): Platform | undefined {
  if (!url) return undefined;
  let host: string;
  try {
    host = new URL(url).hostname.toLowerCase();
  } catch {
    return undefined;
  }
  return HOSTS.find(([re]) => re.test(host))?.[1];
}

export function platformFromText(text: string | undefined): Platform | undefined {
  if (!text) return undefined;
  return WORDS.find(([re]) => re.test(text))?.[1];
}

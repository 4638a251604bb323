// Finds the site's 政务新媒体 page among the crawled pages and reads the accounts it lists (name, platform, link,
// unit) from tables (header row names the columns) or from list items / cards.
import * as cheerio from 'cheerio';
import type { AnyNode } from 'domhandler';
import type { PageRecord } from '../page-record.js';
import { absoluteHttpUrl, collapse } from './adapters/post-content.js';
import { platformFromText, platformFromUrl } from './platform.js';
import { normalizeAccountName } from '../../rules/national/newmedia-shared.js';
import type { Platform } from './types.js';

export interface ListedAccount {
  name: string;
  platform: Platform;
  url?: string;
  unit?: string;
}

const PAGE_NAME = /政务新媒体|新媒体矩阵/;

/** The 政务新媒体 page: by ColumnName, breadcrumb or title (never an article page). */
export function findNewMediaPage(pages: PageRecord[]): PageRecord | undefined {
  let best: { page: PageRecord; score: number } | undefined;
  for (const page of pages) {
    // Articles in the column (notices about new media) are not the account listing.
    if (page.kind === 'attachment' || page.kind === 'post' || page.kind === 'article' || page.status >= 400) continue;
    let score = 0;
    if (PAGE_NAME.test(page.meta.ColumnName ?? '')) score += 3;
    if (PAGE_NAME.test(page.breadcrumb.at(-1) ?? '')) score += 2;
    if (PAGE_NAME.test(page.title)) score += 2;
    if (score === 0) continue;
    if (!best || score > best.score || (score === best.score && page.url.length < best.page.url.length)) best = { page, score };
  }
  return best && best.score > 0 ? best.page : undefined;
}

const HEADER = {
  name: /名称|账号|帐号|公众号名/,
  platform: /平台|类型|渠道/,
  unit: /单位|主办|主体|运营|开办/,
};

function firstPlatformLink($: cheerio.CheerioAPI, scope: cheerio.Cheerio<AnyNode>, base: string): { url?: string; platform?: Platform; text?: string } {
  let found: { url?: string; platform?: Platform; text?: string } = {};
  scope.find('a[href]').each((_, a) => {
    const url = absoluteHttpUrl($(a).attr('href'), base);
    const platform = platformFromUrl(url);
    if (platform) {
      found = { url, platform, text: collapse($(a).text()) };
      return false;
    }
    if (!found.url && url) found = { url, text: collapse($(a).text()) };
    return undefined;
  });
  return found;
}

function cleanName(text: string): string {
  return collapse(text)
    .replace(/^.*?(微信公众号|公众号|官方微博|微博|抖音号?|今日头条|头条号?|哔哩哔哩|B站)\s*[:：]\s*/, '')
    .replace(/\s*(扫码关注|扫一扫|二维码).*$/, '')
    .trim();
}

function readTables($: cheerio.CheerioAPI, scope: cheerio.Cheerio<AnyNode>, base: string, out: ListedAccount[]): void {
  scope.find('table').each((_, table) => {
    const rows = $(table).find('tr').toArray();
    if (rows.length < 2) return;
    const headerCells = $(rows[0]).children('th, td').toArray().map((c) => collapse($(c).text()));
    const col = (re: RegExp) => headerCells.findIndex((h) => re.test(h));
    const nameCol = col(HEADER.name);
    const platformCol = col(HEADER.platform);
    const unitCol = col(HEADER.unit);
    if (nameCol < 0) return;
    for (const row of rows.slice(1)) {
      const cells = $(row).children('td, th').toArray();
      const cell = (i: number) => (i >= 0 && cells[i] ? collapse($(cells[i]).text()) : '');
      const link = firstPlatformLink($, $(row), base);
      const platform = link.platform ?? platformFromText(cell(platformCol)) ?? platformFromText(cell(nameCol));
      const name = cleanName(cell(nameCol));
      if (!name || !platform) continue;
      const entry: ListedAccount = { name, platform };
      if (link.url) entry.url = link.url;
      if (cell(unitCol)) entry.unit = cell(unitCol);
      out.push(entry);
    }
  });
}

const ITEM = 'li, dl, .item, .account';
const HEADING = 'h1, h2, h3, h4, h5, h6, .title, .tit, strong, b, p';
const NAME_LABEL = /(?:账号名称|帐号名称|名称|账号|帐号)\s*[:：]\s*([^\s，,；;]+)/;

/** Cards that are not li/dl: repeated siblings (same tag and class) holding a QR-code image; the outermost such. */
function qrCards($: cheerio.CheerioAPI, scope: cheerio.Cheerio<AnyNode>): AnyNode[] {
  const isCard = (el: AnyNode): boolean => {
    const card = $(el);
    const cls = card.attr('class');
    if (!cls || card.find('img').length === 0 || card.find(ITEM).length || card.closest(ITEM).length) return false;
    const tag = card.prop('tagName');
    return card.siblings().filter((_, s) => $(s).prop('tagName') === tag && $(s).attr('class') === cls).length > 0;
  };
  return scope
    .find('div[class], section[class], a[class]')
    .toArray()
    .filter((el) => isCard(el) && !$(el).parents().toArray().some(isCard));
}

/** The platform a heading before the item's list names (listings grouped under 微信公众号 / 新浪微博 headings). */
function platformFromHeading($: cheerio.CheerioAPI, item: cheerio.Cheerio<AnyNode>): Platform | undefined {
  for (let node = item.parent(); node.length && !node.is('body'); node = node.parent()) {
    const heading = node.prevAll(HEADING).first();
    const text = collapse(heading.text());
    if (heading.length && text.length <= 20) return platformFromText(text);
  }
  return undefined;
}

function readItems($: cheerio.CheerioAPI, scope: cheerio.Cheerio<AnyNode>, base: string, out: ListedAccount[]): void {
  const items = [...scope.find(ITEM).toArray(), ...qrCards($, scope)];
  for (const el of items) {
    const item = $(el);
    if (item.closest('table').length || item.find(ITEM).length) continue;
    const text = collapse(item.text());
    const link = firstPlatformLink($, item, base);
    const labelled = item.find('.platform, .type, dt').first();
    // QR-code listings often name the platform only in the image's alt or title.
    const alts = item.find('img').toArray().map((img) => `${$(img).attr('alt') ?? ''} ${$(img).attr('title') ?? ''}`).join(' ');
    const platform =
      link.platform ?? platformFromText(collapse(labelled.text())) ?? platformFromText(text) ?? platformFromText(alts) ?? platformFromHeading($, item);
    if (!platform) continue;
    const nameEl = item.find('.name, .title, h3, h4, strong, dd').first();
    const labelledName = NAME_LABEL.exec(text)?.[1];
    const name = cleanName(labelledName ?? (nameEl.length ? nameEl.text() : link.platform && link.text ? link.text : text));
    if (!name || name.length > 40) continue;
    const entry: ListedAccount = { name, platform };
    if (link.url) entry.url = link.url;
    const unit = collapse(item.find('.unit, .owner, .sponsor').first().text());
    if (unit) entry.unit = unit.replace(/^(主办单位|开办主体|运营单位|单位)\s*[:：]\s*/, '');
    out.push(entry);
  }
}

/** Accounts listed in the 政务新媒体 page's HTML. */
export function parseNewMediaPage(html: string, pageUrl: string): ListedAccount[] {
  const $ = cheerio.load(html);
  $('script, style, noscript').remove();
  const main = $('#content, .content, main, article, .main, #main').filter((_, el) => platformFromText($(el).text()) !== undefined || $(el).find('a[href]').length > 0).first();
  let scope: cheerio.Cheerio<AnyNode>;
  if (main.length) {
    scope = main;
  } else {
    $('header, footer, nav, .header, .footer, .nav, #header, #footer, #nav').remove();
    scope = $('body');
  }
  const out: ListedAccount[] = [];
  readTables($, scope, pageUrl, out);
  readItems($, scope, pageUrl, out);
  return dedupeListed(out);
}

/** Fallback when the page cannot be re-read: its links to platform hosts, named by their text. */
export function listedFromRecord(page: PageRecord): ListedAccount[] {
  const out: ListedAccount[] = [];
  for (const link of page.links) {
    const platform = platformFromUrl(link.url);
    const name = cleanName(link.text);
    if (platform && name) out.push({ name, platform, url: link.url });
  }
  return dedupeListed(out);
}

function dedupeListed(list: ListedAccount[]): ListedAccount[] {
  const seen = new Set<string>();
  return list.filter((a) => {
    const key = `${a.platform}|${normalizeAccountName(a.name)}`;
    return seen.has(key) ? false : (seen.add(key), true);
  });
}


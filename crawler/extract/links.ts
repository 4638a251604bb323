// Every request a page makes or offers: a/area href, img src/srcset, iframe, script, link href, source src/srcset,
// video/audio/embed src, video poster, object data. Non-requests (mailto:, tel:, javascript:, data:, #x, empty)
// are skipped.
import type { PageLink } from '../page-record.js';
import { attachmentExt, classifyHref, siteMatcher } from '../url/normalize.js';
import { resolveHref } from './href-memo.js';
import { collapse, type PageTree, type XEl } from './tree.js';

type LinkTag = PageLink['tag'];
const LINK_ATTRS_BY_TAG: Partial<Record<LinkTag, string[]>> = {
  a: ['href'],
  area: ['href'],
  img: ['src', 'srcset'],
  iframe: ['src'],
  script: ['src'],
  link: ['href'],
  source: ['src', 'srcset'],
  video: ['src', 'poster'],
  audio: ['src'],
  embed: ['src'],
  object: ['data'],
};
/** As a Map: a lookup for every element's tag, most of them not link tags. */
const LINK_ATTRS = new Map(Object.entries(LINK_ATTRS_BY_TAG) as [LinkTag, string[]][]);

export interface LinkContext {
  baseUrl: string;
  siteUrl: string;
  sameSiteHosts?: string[];
  dropParams?: string[];
}

/** URLs of a srcset attribute ("a.jpg 1x, b.jpg 2x"), parsed like the HTML spec: a URL runs to whitespace, a
 *  trailing comma ends a candidate, descriptors run to the next comma. */
export function srcsetUrls(srcset: string): string[] {
  const out: string[] = [];
  let i = 0;
  const n = srcset.length;
  while (i < n) {
    while (i < n && /[\s,]/.test(srcset[i])) i++;
    if (i >= n) break;
    let j = i;
    while (j < n && !/\s/.test(srcset[j])) j++;
    let url = srcset.slice(i, j);
    i = j;
    if (url.endsWith(',')) {
      url = url.replace(/,+$/, '');
    } else {
      let depth = 0;
      while (i < n && (srcset[i] !== ',' || depth > 0)) {
        if (srcset[i] === '(') depth++;
        else if (srcset[i] === ')') depth = Math.max(0, depth - 1);
        i++;
      }
    }
    if (url) out.push(url);
  }
  return out;
}

function firstImgAlt(tree: PageTree, x: XEl): string {
  const stack: XEl[] = [x];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.tag === 'img') {
      const alt = collapse(tree.attr(n, 'alt') ?? '');
      if (alt) return alt;
    }
    for (let i = n.children.length - 1; i >= 0; i--) {
      const c = n.children[i];
      if (c.kind === 'el') stack.push(c);
    }
  }
  return '';
}

function linkText(tree: PageTree, x: XEl, tag: LinkTag): string {
  if (tag === 'a' || tag === 'area') {
    const text = tag === 'a' ? tree.text(x) : '';
    if (text) return text;
    if (tag === 'a') {
      const alt = firstImgAlt(tree, x);
      if (alt) return alt;
    }
    return collapse(tree.attr(x, 'title') ?? tree.attr(x, 'alt') ?? '');
  }
  return collapse(tree.attr(x, 'alt') ?? tree.attr(x, 'title') ?? '');
}

export function extractLinks(tree: PageTree, ctx: LinkContext): PageLink[] {
  const links: PageLink[] = [];
  const internal = siteMatcher(ctx.siteUrl, ctx.sameSiteHosts);
  for (const x of tree.elements) {
    const attrs = LINK_ATTRS.get(x.tag as LinkTag);
    if (!attrs) continue;
    const tag = x.tag as LinkTag;
    // <link rel=preconnect/dns-prefetch> names an origin, not a resource.
    if (tag === 'link' && /\b(?:preconnect|dns-prefetch)\b/i.test(tree.attr(x, 'rel') ?? '')) continue;
    let text: string | undefined;
    let selector: string | undefined;
    for (const attr of attrs) {
      const value = tree.attr(x, attr);
      if (value === undefined) continue;
      const raws = attr === 'srcset' ? srcsetUrls(value) : [value];
      for (const raw of raws) {
        const url = resolveHref(tree, raw, ctx.baseUrl, ctx.dropParams);
        if (!url) continue;
        text ??= linkText(tree, x, tag);
        selector ??= tree.selector(x);
        links.push({
          url,
          raw,
          tag,
          attr,
          text,
          selector,
          attachment: attachmentExt(url) !== undefined,
          internal: internal(url),
        });
      }
    }
  }
  return links;
}

/** The document's base URL: the first `<base href>` resolved against the page URL. */
export function baseUrlOf(tree: PageTree, pageUrl: string): string {
  for (const b of tree.byTag.get('base') ?? []) {
    const href = tree.attr(b, 'href');
    if (href === undefined || classifyHref(href) !== 'request') continue;
    try {
      return new URL(href.trim(), pageUrl).href;
    } catch {
      return pageUrl;
    }
  }
  return pageUrl;
}

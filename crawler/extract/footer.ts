// Footer identifiers: 网站标识码 (10 digits), ICP 备案号, 公安备案号.
import { toHalfWidth } from './dates.js';
import { classAndId, type PageTree, type XEl } from './tree.js';

const FOOTER_NAME = /foot|bottom|copyright|banquan|bq|fbottom/;

export interface FooterIds {
  siteIdCode?: string;
  icp?: string;
  police?: string;
}

const ICP_WORD = /icp/i;

export function parseFooterIds(raw: string): FooterIds {
  const text = toHalfWidth(raw);
  const out: FooterIds = {};
  const id = text.includes('标识') && /(?:网站标识码|网站标识|标识码)\s*[:：]?\s*([0-9A-Za-z]{10})(?![0-9A-Za-z])/.exec(text);
  if (id) out.siteIdCode = id[1];
  // Cheap literal checks first: these patterns run over the whole body text of every page.
  const icp = ICP_WORD.test(text) ? /([\u4e00-\u9fa5]{1,2}\s*ICP\s*备\s*\d+\s*号(?:\s*-\s*\d+)?)/i.exec(text) : null;
  if (icp) out.icp = icp[1].replace(/\s+/g, '');
  const police = text.includes('公网安备') ? /([\u4e00-\u9fa5]{1,2}\s*公网安备\s*\d+\s*号?)/.exec(text) : null;
  if (police) out.police = police[1].replace(/\s+/g, '');
  return out;
}

export function extractFooter(tree: PageTree): FooterIds {
  let footer: XEl | undefined;
  for (const x of tree.elements) {
    if (!x.inBody || x.hidden) continue;
    if (x.tag === 'footer' || FOOTER_NAME.test(classAndId(tree, x))) footer = x; // the last one wins
  }
  const fromFooter = footer ? parseFooterIds(tree.text(footer)) : {};
  const body = tree.body ? tree.text(tree.body) : '';
  const fromBody = parseFooterIds(body);
  return { ...fromBody, ...fromFooter };
}

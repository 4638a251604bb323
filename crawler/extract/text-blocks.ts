// Body text (main content container when recognisable) and the smallest text blocks with selectors.
import type { TextBlock } from '../page-record.js';
import { classAndId, hasClassOrId, idAttr, type PageTree, type XEl } from './tree.js';

const MAX_BLOCKS = 20_000;

/** The main content container: TRS .TRS_Editor, #zoom, article/.article, .content, in that order of preference. */
export function mainContainer(tree: PageTree): XEl | undefined {
  // The first element of each kind: class trs_editor, id zoom, article (tag or class), class content.
  let editor: XEl | undefined;
  let zoom: XEl | undefined;
  let article: XEl | undefined;
  let content: XEl | undefined;
  for (const x of tree.elements) {
    if (!x.inBody || x.hidden) continue;
    if (x.tag !== 'article' && !hasClassOrId(x)) continue;
    let isEditor = false;
    let isArticle = x.tag === 'article';
    let isContent = false;
    for (const c of tree.classTokens(x)) {
      const lower = c.toLowerCase();
      if (lower === 'trs_editor') isEditor = true;
      else if (lower === 'article') isArticle = true;
      else if (lower === 'content') isContent = true;
    }
    if (!editor && isEditor) editor = x;
    if (!zoom && (idAttr(x) ?? '').toLowerCase() === 'zoom') zoom = x;
    if (!article && isArticle) article = x;
    if (!content && isContent) content = x;
  }
  for (const x of [editor, zoom, article, content]) if (x && tree.text(x).length >= 20) return x;
  return undefined;
}

const NAV_NAME = /(?:^|[\s_-])(?:nav|navbar|menu|daohang|topnav|mainnav|subnav)(?:$|[\s_-])/;

/** Top-most navigation elements (nav, or class/id nav/menu) inside `within`, in document order. */
function navigation(tree: PageTree, within: XEl): XEl[] {
  const out: XEl[] = [];
  let lastEnd = -1;
  for (const x of tree.elements) {
    if (x.order <= within.order || x.order > within.endOrder || x.order <= lastEnd || x.hidden) continue;
    if (x.tag === 'nav' || NAV_NAME.test(classAndId(tree, x))) {
      out.push(x);
      lastEnd = x.endOrder;
    }
  }
  return out;
}

/** The main content's text; without a recognisable container, the body's text without its navigation. */
export function extractBodyText(tree: PageTree): string {
  const main = mainContainer(tree);
  if (main) return tree.text(main);
  if (!tree.body) return '';
  return tree.textExcluding(tree.body, navigation(tree, tree.body));
}

export function extractTextBlocks(tree: PageTree, notes: string[]): TextBlock[] {
  const out: TextBlock[] = [];
  for (const x of tree.blocks()) {
    const text = tree.ownText(x);
    if (!text) continue;
    if (out.length >= MAX_BLOCKS) {
      notes.push(`文本块超过 ${MAX_BLOCKS} 个，其余未记录`);
      break;
    }
    out.push({ selector: tree.selector(x), text });
  }
  return out;
}

// Body text (main content container when recognisable) and the smallest text blocks with selectors.
import type { TextBlock } from '../page-record.js';
import type { PageTree, XEl } from './tree.js';

const MAX_BLOCKS = 20_000;

/** The main content container: TRS .TRS_Editor, #zoom, article/.article, .content, in that order of preference. */
export function mainContainer(tree: PageTree): XEl | undefined {
  const tests: ((x: XEl) => boolean)[] = [
    (x) => tree.classTokens(x).some((c) => c.toLowerCase() === 'trs_editor'),
    (x) => (tree.attr(x, 'id') ?? '').toLowerCase() === 'zoom',
    (x) => x.tag === 'article' || tree.classTokens(x).some((c) => c.toLowerCase() === 'article'),
    (x) => tree.classTokens(x).some((c) => c.toLowerCase() === 'content'),
  ];
  const found: (XEl | undefined)[] = [undefined, undefined, undefined, undefined];
  for (const x of tree.elements) {
    if (!x.inBody || x.hidden) continue;
    if (x.tag !== 'article' && tree.attr(x, 'class') === undefined && tree.attr(x, 'id') === undefined) continue;
    for (let i = 0; i < tests.length; i++) if (!found[i] && tests[i](x)) found[i] = x;
  }
  return found.find((x) => x && tree.text(x).length >= 20);
}

export function extractBodyText(tree: PageTree): string {
  const main = mainContainer(tree);
  if (main) return tree.text(main);
  return tree.body ? tree.text(tree.body) : '';
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

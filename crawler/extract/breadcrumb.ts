// 当前位置 trail: an element named like a breadcrumb, or the element around a "当前位置：" label.
import { classAndId, collapse, type PageTree, type XEl } from './tree.js';

const CRUMB_NAME = /breadcrumb|crumb|location|position|weizhi|dqwz|curpos|current-?path|lujing/;
const LABEL = /(?:当前位置|您现在的位置|您当前的位置|您的位置|您所在的位置|所在位置|现在位置|当前页面|位置)\s*(?:是)?\s*[:：]/;
const SEPARATORS = /[>›»→＞〉/]|&gt;|\s-\s/;
const HOME = /^(?:网站首页|首页|首 页|主页|网站主页|home)$/i;
const MAX_TEXT = 300;

function segments(tree: PageTree, container: XEl): string[] {
  const out: string[] = [];
  const pushText = (text: string) => {
    for (const part of text.split(SEPARATORS)) {
      const t = collapse(part);
      if (t) out.push(t);
    }
  };
  const visit = (x: XEl) => {
    if (x.hidden) return;
    for (const c of x.children) {
      if (c.kind === 'text') pushText(c.data);
      else if (c.tag === 'a') {
        const t = tree.text(c);
        if (t) out.push(t);
      } else visit(c);
    }
  };
  visit(container);
  // Drop the label ("当前位置：") and anything before it.
  const joinedIdx = out.findIndex((s) => LABEL.test(s));
  if (joinedIdx >= 0) {
    const rest = out[joinedIdx].replace(/^.*?(?:当前位置|您现在的位置|您当前的位置|您的位置|您所在的位置|所在位置|现在位置|当前页面|位置)\s*(?:是)?\s*[:：]/, '').trim();
    out.splice(0, joinedIdx + 1, ...(rest ? [rest] : []));
  }
  while (out.length && (HOME.test(out[0]) || /^[:：]$/.test(out[0]))) out.shift();
  return out.map((s) => s.replace(/^[:：\s]+|[:：\s]+$/g, '')).filter(Boolean);
}

function findContainer(tree: PageTree): XEl | undefined {
  for (const x of tree.elements) {
    if (!x.inBody || x.hidden) continue;
    if (!CRUMB_NAME.test(classAndId(tree, x))) continue;
    const t = tree.text(x);
    if (t && t.length <= MAX_TEXT && (x.anchors > 0 || SEPARATORS.test(t))) return x;
  }
  for (const t of tree.textNodes) {
    if (!t.parent.inBody || !LABEL.test(t.data)) continue;
    // Climb until the element holds more than the label itself.
    let x: XEl | undefined = t.parent;
    while (x) {
      const text = tree.text(x);
      if (text.length > MAX_TEXT) break;
      const afterLabel = text.replace(/^.*?[:：]/, '').trim();
      if (afterLabel && (x.anchors > 0 || SEPARATORS.test(afterLabel))) return x;
      x = x.parent;
    }
  }
  return undefined;
}

export function extractBreadcrumb(tree: PageTree): string[] {
  const container = findContainer(tree);
  return container ? segments(tree, container) : [];
}

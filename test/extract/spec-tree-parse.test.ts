// The fast parse (htmlparser2 + the spec's fix-ups) must build exactly parse5's tree whenever it does not decline:
// selectors and records then agree with the extension's live DOM. Checked on the fixtures, the demo site, the
// benchmark's pages, known malformed markup, and seeded random tag soup.
import * as cheerio from 'cheerio';
import type { AnyNode, Document, Element } from 'domhandler';
import { describe, expect, it } from 'vitest';
import { parseSpecTree } from '../../crawler/extract/spec-tree-parse.js';
import { decodeHtml } from '../../crawler/http/decode.js';
import { buildDemoSite } from '../demo-site/index.js';
import { ALL_FIXTURES } from './fixtures.js';

/** The tree as the adapters see it: elements, attributes and text (comments, doctype, and the content of
 *  <noscript> and <template>, opaque to both adapters, left out). */
function canon(node: AnyNode): unknown {
  if (node.type === 'text') return (node as { data: string }).data;
  const el = node as Element;
  const kids = el.name === 'noscript' || el.name === 'template' ? [] : el.children;
  const out: unknown[] = [];
  for (const c of kids) {
    if (c.type === 'text' || c.type === 'tag' || c.type === 'script' || c.type === 'style') out.push(canon(c));
  }
  return [el.name ?? '#root', el.attribs ? Object.entries(el.attribs) : [], out];
}

const specTree = (html: string) => canon(cheerio.load(html)._root as unknown as Document);

function expectSameTree(html: string): boolean {
  const fast = parseSpecTree(html);
  if (!fast) return false;
  expect(canon(fast), html).toEqual(specTree(html));
  return true;
}

const page = (body: string, head = '<title>t</title>') => `<!DOCTYPE html><html><head>${head}</head><body>${body}</body></html>`;

describe('parseSpecTree', () => {
  it('builds parse5\'s tree for every fixture page it accepts', () => {
    let accepted = 0;
    for (const fx of Object.values(ALL_FIXTURES)) if (expectSameTree(fx.html)) accepted++;
    expect(accepted).toBeGreaterThan(Object.keys(ALL_FIXTURES).length / 2);
  });

  it('accepts every page of the demo site and builds parse5\'s tree for it', () => {
    let pages = 0;
    for (const [path, res] of buildDemoSite({ asOf: '2022-06-30', externalOrigin: 'http://127.0.0.1:9/' }).routes) {
      const ct = res.headers['content-type'] ?? '';
      if (res.status !== 200 || !/html/.test(ct)) continue;
      const { text } = decodeHtml(res.body, ct);
      pages++;
      expect(expectSameTree(text), path).toBe(true);
    }
    expect(pages).toBeGreaterThan(50);
  });

  it('applies the spec\'s implied elements and moves', () => {
    // Rows straight in a table get a tbody; content after </body> and </html> joins the body; the newline after
    // <pre> goes; head content between </head> and <body> joins the head; a missing head is implied.
    for (const html of [
      page('<table>\n<tr><td>a</td></tr>\n<tr><td>b</td></tr>\n</table>'),
      page('<table><caption>c</caption><tr><th>h</th></tr></table>'),
      `${page('<p>x</p>')}\n<script>var a=1</script>tail`,
      '<!DOCTYPE html><html><head></head><body><p>x</p></body>\n<div>after</div>\n</html>\n',
      page('<pre>\nline</pre><textarea>\n\nt</textarea>'),
      '<!DOCTYPE html><html><head><title>t</title></head>\n<meta name="a" content="b">\n<body>x</body></html>',
      '<html>\n<body>x</body></html>',
      page('<p>a<div>b</div><ul><li>1<li>2</ul><dl><dt>a<dd>b<dt>c</dl>'),
      page('<div><span>x</div><p>a<p>b</p>'),
      page('<a href="/x?a=1&copy=2&amp;b">&copy; 2022&nbsp;&#128;</a>'),
      page('<noscript><img src="/p.gif"><a href="/x">x</a></noscript><p>after</p>'),
      page('<p>a<noscript><p>b<div>c</div></noscript>d</p>'),
      page('<p>x\r\ny\rz</p>'),
      page('<select><option>a<option>b</select>'),
      page('<table><tbody><tr><td>a<td>b<tr><td>c</tbody></table>'),
    ]) {
      expect(expectSameTree(html), html).toBe(true);
    }
  });

  it('declines markup the spec would rebuild differently', () => {
    for (const html of [
      page('<div><b>x</div>y'), // <b> re-opened in the next block
      page('<table>text<tr><td>a</td></tr></table>'), // foster parenting
      page('<table><td>a</td></table>'), // implied row
      page('<a href="/1">one<a href="/2">two</a>'), // nested links
      page('<p><table><tr><td>a</td></tr></table>'), // quirks mode decides
      page('<h1>a</h2>b'), // a heading closed by another heading's end tag
      page('<span><div>x</span>y</div>'), // end tag ignored by the spec
      page('<li>a<span>b<li>c'), // li closes through inline elements
      page('<svg><rect/></svg>'), // foreign content
      '<p>fragment without html</p>',
      page('x\u0000y'),
      page('<div>x</body><p>y'),
    ]) {
      expect(parseSpecTree(html), html).toBeUndefined();
    }
  });

  it('on seeded random tag soup, every tree it builds is parse5\'s', () => {
    let seed = 12345;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    const tags = ['div', 'p', 'span', 'a', 'b', 'i', 'font', 'ul', 'ol', 'li', 'dl', 'dt', 'dd', 'table', 'tbody', 'thead', 'tr', 'td', 'th', 'h1', 'h2', 'h3', 'pre', 'form', 'button', 'select', 'option', 'br', 'img', 'hr', 'noscript', 'script', 'iframe', 'em', 'strong', 'label', 'input', 'textarea', 'center', 'caption', 'section', 'nav'];
    const texts = ['x', ' ', '\n', '文字', '&amp;', '&copy', '2022-06-30', '<', '\r\n'];
    let accepted = 0;
    const cases = 2500;
    for (let c = 0; c < cases; c++) {
      const open: string[] = [];
      let body = '';
      const steps = 4 + rand(18);
      for (let s = 0; s < steps; s++) {
        const r = rand(10);
        if (r < 4) {
          const t = tags[rand(tags.length)];
          body += t === 'script' ? '<script>if (a<b) {}</script>' : t === 'a' ? `<a href="/p${rand(5)}">` : `<${t}>`;
          if (t !== 'script' && !['br', 'img', 'hr', 'input'].includes(t)) open.push(t);
        } else if (r < 7 && open.length) {
          // Usually the right end tag; sometimes a wrong or missing one.
          const q = rand(6);
          const t = q < 4 ? open.pop()! : q === 4 ? tags[rand(tags.length)] : (open.pop(), '');
          if (t) body += `</${t}>`;
        } else body += texts[rand(texts.length)];
      }
      if (rand(2)) while (open.length) body += `</${open.pop()}>`;
      const tail = rand(4) === 0 ? '\n<script>x()</script>' : '';
      const html = page(body) + tail;
      if (expectSameTree(html)) accepted++;
    }
    // Not vacuous: a good share of the soup takes the fast path.
    expect(accepted).toBeGreaterThan(cases / 10);
  });
});

// Deep nesting is flattened before parsing (both HTML parsers are quadratic in depth), but only real nesting:
// long lists of unclosed <li>/<p>/<td> and `<` inside scripts leave a page untouched.
import { describe, expect, it } from 'vitest';
import { flattenDeepNesting, MAX_NESTING, parseHtml } from '../../crawler/crawl/process-page.js';

describe('flattenDeepNesting', () => {
  it('drops element tags beyond the cap, keeping text and links', () => {
    const html = `<body>${'<div>'.repeat(3000)}深层<a href="/x.html">链接</a>${'</div>'.repeat(3000)}<p>后文</p></body>`;
    const { html: flat, flattened } = flattenDeepNesting(html);
    expect(flattened).toBe(true);
    expect(flat.split('<div>').length - 1).toBe(MAX_NESTING - 1); // <body> is the first level
    const $ = parseHtml(html);
    expect($('a').attr('href')).toBe('/x.html');
    expect($('body').text()).toContain('深层');
    expect($('body').text()).toContain('后文');
  });

  it('leaves long flat pages alone: unclosed list items, table cells, paragraphs, script comparisons', () => {
    const items = Array.from({ length: 3000 }, (_, i) => `<li><a href="/a/${i}.html">第${i}条</a><p>摘要`).join('');
    const script = `<script>for (var i = 0; i<n; i++) { if (a<b) x('<div>'); }</script>`.repeat(200);
    const html = `<html><body>${script}<ul>${items}</ul><table>${'<tr><td>格'.repeat(1500)}</table></body></html>`;
    expect(flattenDeepNesting(html)).toEqual({ html, flattened: false });
  });

  it('parses 100,000 nested levels quickly', () => {
    const html = `<body>${'<div>'.repeat(100_000)}深层${'</div>'.repeat(100_000)}<a href="/ok.html">正常</a></body>`;
    const started = Date.now();
    const $ = parseHtml(html);
    expect($('a[href="/ok.html"]').length).toBe(1);
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});

import { describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import { buildDemoSite } from './index.js';
import { decodeRoute, isHtml } from './route-text.js';

const AS_OF = '2022-03-15';

/** Removes the charset declaration, the only intended difference between a page and its GBK twin. */
function withoutCharset(text: string): string {
  return text.replace(/<meta charset="utf-8">|<meta http-equiv="Content-Type" content="text\/html; charset=gb2312">/, '');
}

function isValidUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

describe('demo site encodings', () => {
  const mixed = buildDemoSite({ asOf: AS_OF });
  const gbkPages = [...mixed.routes].filter(([, r]) => isHtml(r) && !/utf-8/i.test(r.headers['content-type']));

  it('serves planted GBK pages as real GBK bytes, declared by header on some and only by meta on others', () => {
    const byHeader = gbkPages.filter(([, r]) => /charset=GBK/i.test(r.headers['content-type']));
    const byMeta = gbkPages.filter(([, r]) => r.headers['content-type'] === 'text/html');
    expect(byHeader.length).toBeGreaterThanOrEqual(2);
    expect(byMeta.length).toBeGreaterThanOrEqual(2);
    for (const [path, r] of gbkPages) {
      expect(isValidUtf8(r.body), path).toBe(false);
      const text = iconv.decode(Buffer.from(r.body), 'gbk');
      expect(text, path).toMatch(/吉林省交通运输厅/);
      expect(text.includes('charset=gb2312'), path).toBe(byMeta.some(([p]) => p === path));
    }
  });

  it('plants the same kinds of cases on GBK pages as on UTF-8 pages', () => {
    const gbk = new Set(gbkPages.map(([p]) => p));
    const rulesOnGbk = new Set(mixed.groundTruth.expected.filter((f) => gbk.has(f.path)).map((f) => f.rule));
    for (const rule of ['privacy/id-number', 'privacy/mobile', 'link/broken', 'content/serious-error', 'meta/missing', 'regulation/stale', 'policy/interpretation-missing'])
      expect(rulesOnGbk.has(rule), rule).toBe(true);
  });

  it('decodes every page of the all-GBK variant to the same text as its UTF-8 twin', () => {
    const gbk = buildDemoSite({ asOf: AS_OF, gbk: true });
    const utf8 = buildDemoSite({ asOf: AS_OF, gbk: false });
    expect([...gbk.routes.keys()]).toEqual([...utf8.routes.keys()]);
    let compared = 0;
    for (const [path, r] of utf8.routes) {
      if (!isHtml(r) || r.status !== 200) continue;
      const twin = gbk.routes.get(path)!;
      expect(twin.headers['content-type'], path).not.toMatch(/utf-8/i);
      expect(Buffer.from(twin.body).equals(Buffer.from(r.body)), path).toBe(false);
      expect(withoutCharset(decodeRoute(twin)), path).toBe(withoutCharset(decodeRoute(r)));
      compared++;
    }
    expect(compared).toBeGreaterThan(60);
    expect(JSON.stringify(gbk.groundTruth)).toBe(JSON.stringify(utf8.groundTruth));
    expect(utf8.routes.get('/')!.headers['content-type']).toBe('text/html; charset=utf-8');
  });
});

// normalizeUrl's fast path (plain paths and hosts resolved without the URL parser) must give exactly what the
// WHATWG parser gives: generated hrefs and bases, seeded, compared with normalizeUrlWithParser.
import { describe, expect, it } from 'vitest';
import { createSiteMatcher, hostOfWithParser, normalizeUrl, normalizeUrlWithParser, siteHostOf } from '../../crawler/url/normalize.js';

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const SEGMENTS = ['a', 'zwgk', 'index.html', 't20220315_1.html', '.', '..', '...', '', '%2e', '%2E%2e', '.%2e', 'a%20b', 'x;jsessionid=1',
  '交通', '.h', '.html', 'a..b', '..x', 'A.PDF', '~u', "it's", 'a=b', '(1)', 'a@b', 'a:b', 'a|b', 'a b', 'a\\b', '[x]', 'a^b', '`', '{x}', '%', '%zz', '.html'];
const HOSTS = ['jt.jl.gov.cn', 'JT.jl.gov.cn', 'www.a.cn', '127.0.0.1', '127.1', '1.2.3.256', '0x7f.0.0.1', '010.0.0.1', 'a.b.1',
  'a.b.cn.', '1.2.3.4.', 'xn--fiqs8s.cn', '中国.cn', 'a..b', '.a.cn', '-a.cn', 'a-.cn', 'localhost', 'u:p@a.cn', '[::1]', 'a_b.cn',
  '123', 'a.123', 'a.0x1f', 'a.0x', 'x'.repeat(70) + '.cn'];
const PORTS = ['', ':80', ':443', ':8080', ':0', ':080', ':65535', ':65536', ':99999', ':'];
const BASES = ['http://jt.jl.gov.cn/zwgk/zcwj/202203/t1.html', 'https://a.cn/', 'http://a.cn', 'http://u:p@a.cn:8080/x/y/',
  'http://a.cn/x/?q=1#h', 'http://127.0.0.1:8100/a/b/index.html', 'ftp://a.cn/x/', 'http://a.cn/%E4%BA%A4/x.html', 'not a url',
  'http://a.cn/.h/x/y.html', 'http://a.cn/a/.b/..c/d'];

function pick<T>(r: () => number, xs: readonly T[]): T {
  return xs[Math.floor(r() * xs.length)];
}

function path(r: () => number): string {
  const n = Math.floor(r() * 5);
  return Array.from({ length: n }, () => pick(r, SEGMENTS)).join('/');
}

function href(r: () => number): string {
  const k = r();
  let s: string;
  if (k < 0.3) s = `/${path(r)}`;
  else if (k < 0.45) s = path(r);
  else if (k < 0.55) s = `${pick(r, ['./', '../', '../../', './../', '.././', '../../../../../', './/', '..//'])}${path(r)}`;
  else if (k < 0.6) s = `//${pick(r, HOSTS)}/${path(r)}`;
  else s = `${pick(r, ['http', 'https', 'HTTP', 'ftp'])}://${pick(r, HOSTS)}${pick(r, PORTS)}${r() < 0.8 ? `/${path(r)}` : ''}`;
  if (r() < 0.15) s += `#${pick(r, ['', 'top', 'a?b'])}`;
  if (r() < 0.1) s += `?${pick(r, ['', 'a=1', 'sid=2&b=3'])}`;
  if (r() < 0.05) s = ` ${s}\n`;
  return s;
}

describe('normalizeUrl fast path', () => {
  it('equals the URL parser on 5,000 generated hrefs and bases', () => {
    const r = rng(Number(process.env.URL_FUZZ_SEED ?? 7));
    const count = Number(process.env.URL_FUZZ_COUNT ?? 5_000);
    let fastShapes = 0;
    const wrong: string[] = [];
    for (let i = 0; i < count; i++) {
      const raw = href(r);
      const base = r() < 0.1 ? undefined : pick(r, BASES);
      const expected = normalizeUrlWithParser(raw, base);
      const got = normalizeUrl(raw, base);
      if (got !== expected && wrong.length < 10) wrong.push(`${JSON.stringify(raw)} @ ${base}: ${got} != ${expected}`);
      if (expected && !/[?;%]/.test(raw)) fastShapes++;
    }
    expect(wrong).toEqual([]);
    expect(fastShapes).toBeGreaterThan(count / 4);
  });

  it('handles the common shapes', () => {
    const base = 'http://jt.jl.gov.cn/zwgk/zcwj/202203/t1.html';
    expect(normalizeUrl('./P0201.pdf', base)).toBe('http://jt.jl.gov.cn/zwgk/zcwj/202203/P0201.pdf');
    expect(normalizeUrl('../../index.html#x', base)).toBe('http://jt.jl.gov.cn/zwgk/index.html');
    expect(normalizeUrl('/a/./b/../c/..', base)).toBe('http://jt.jl.gov.cn/a/');
    expect(normalizeUrl('http://127.0.0.1:8100/a/../b.html')).toBe('http://127.0.0.1:8100/b.html');
    expect(normalizeUrl('http://127.1/')).toBe('http://127.0.0.1/');
  });
});

describe('site host fast path', () => {
  it('equals the URL parser on generated URLs', () => {
    const r = rng(11);
    const wrong: string[] = [];
    for (let i = 0; i < 5_000; i++) {
      const url = href(r);
      if (siteHostOf(url)?.host !== hostOfWithParser(url)?.host || siteHostOf(url)?.hostname !== hostOfWithParser(url)?.hostname) {
        if (wrong.length < 10) wrong.push(url);
      }
    }
    expect(wrong).toEqual([]);
    expect(siteHostOf('http://www.a.cn:8080/x')).toEqual({ host: 'a.cn:8080', hostname: 'a.cn' });
  });
});

describe('site matcher memo', () => {
  it('answers like a fresh matcher for every URL, whatever came before', () => {
    const r = rng(5);
    const sites: [string, string[] | undefined][] = [['http://jt.jl.gov.cn/', undefined], ['http://127.0.0.1:8100/', ['*.cn', 'a.cn:8080']]];
    for (const [site, extra] of sites) {
      const shared = createSiteMatcher(site, extra);
      const wrong: string[] = [];
      for (let i = 0; i < 3_000; i++) {
        const url = r() < 0.5 ? href(r) : `http://${pick(r, HOSTS)}${pick(r, PORTS)}${pick(r, ['', '/', '\\\\x', '?a', '#b', '\t/'])}`;
        if (shared(url) !== createSiteMatcher(site, extra)(url) && wrong.length < 10) wrong.push(url);
      }
      expect(wrong).toEqual([]);
    }
    expect(createSiteMatcher('http://www.jt.jl.gov.cn/')('http://jt.jl.gov.cn/x')).toBe(true);
  });
});

import { describe, expect, it } from 'vitest';
import { attachmentExt, classifyHref, isSameSite, normalizeUrl } from '../../crawler/url/normalize.js';

describe('normalizeUrl', () => {
  it('resolves, trims (also full-width spaces), drops the fragment, lower-cases scheme and host, drops default ports', () => {
    expect(normalizeUrl('\u3000 ../b/c.html#top \n', 'http://jt.jl.gov.cn/a/x/index.html')).toBe('http://jt.jl.gov.cn/a/b/c.html');
    expect(normalizeUrl('HTTPS://JT.JL.GOV.CN:443/A.html')).toBe('https://jt.jl.gov.cn/A.html');
    expect(normalizeUrl('http://jt.jl.gov.cn:80/')).toBe('http://jt.jl.gov.cn/');
    expect(normalizeUrl('http://jt.jl.gov.cn:8080/')).toBe('http://jt.jl.gov.cn:8080/');
    expect(normalizeUrl('//cdn.example.com/a.js', 'https://jt.jl.gov.cn/')).toBe('https://cdn.example.com/a.js');
  });

  it('removes session ids from the path and the query, keeps other parameters in order', () => {
    expect(normalizeUrl('http://a.gov.cn/list.jsp;jsessionid=0A1B2C?b=2&JSESSIONID=x&a=1&PHPSESSID=y&sid=3')).toBe(
      'http://a.gov.cn/list.jsp?b=2&a=1',
    );
    expect(normalizeUrl('http://a.gov.cn/x?sessionid=1')).toBe('http://a.gov.cn/x');
    expect(normalizeUrl('http://a.gov.cn/x?_t=1699999&q=%E4%BA%A4%E9%80%9A', undefined, { dropParams: ['_t'] })).toBe(
      'http://a.gov.cn/x?q=%E4%BA%A4%E9%80%9A',
    );
    // Cache busters stay unless listed.
    expect(normalizeUrl('http://a.gov.cn/x?_t=1')).toBe('http://a.gov.cn/x?_t=1');
  });

  it('returns undefined for unparseable and non-http(s) URLs', () => {
    expect(normalizeUrl('http://')).toBeUndefined();
    expect(normalizeUrl('not a url')).toBeUndefined();
    expect(normalizeUrl('ftp://a.gov.cn/x')).toBeUndefined();
    expect(normalizeUrl('mailto:a@b.cn', 'http://a.gov.cn/')).toBeUndefined();
    expect(normalizeUrl('javascript:void(0)', 'http://a.gov.cn/')).toBeUndefined();
    expect(normalizeUrl('http://[bad/', 'http://a.gov.cn/')).toBeUndefined();
  });
});

describe('classifyHref', () => {
  it('tells requests from non-requests', () => {
    expect(classifyHref('/a.html')).toBe('request');
    expect(classifyHref('https://a.gov.cn/')).toBe('request');
    expect(classifyHref('?page=2')).toBe('request');
    expect(classifyHref('MAILTO:a@b.cn')).toBe('mailto');
    expect(classifyHref('tel:0431-8888')).toBe('tel');
    expect(classifyHref(' java\nscript:void(0)')).toBe('javascript');
    expect(classifyHref('data:image/png;base64,AA')).toBe('data');
    expect(classifyHref('#top')).toBe('fragment');
    expect(classifyHref('#')).toBe('fragment');
    expect(classifyHref('  \u3000')).toBe('empty');
    expect(classifyHref('weixin://dl/chat')).toBe('other');
  });
});

describe('isSameSite', () => {
  it('compares hosts ignoring www. and scheme, honours extra hosts', () => {
    expect(isSameSite('https://www.jt.jl.gov.cn/a', 'http://jt.jl.gov.cn/')).toBe(true);
    expect(isSameSite('http://JT.jl.gov.cn/a', 'http://www.jt.jl.gov.cn/')).toBe(true);
    expect(isSameSite('http://www.jl.gov.cn/a', 'http://jt.jl.gov.cn/')).toBe(false);
    expect(isSameSite('http://127.0.0.1:4001/a', 'http://127.0.0.1:4000/')).toBe(false);
    expect(isSameSite('http://xxgk.jt.jl.gov.cn/a', 'http://jt.jl.gov.cn/', ['xxgk.jt.jl.gov.cn'])).toBe(true);
    expect(isSameSite('http://a.b.jl.gov.cn/a', 'http://jt.jl.gov.cn/', ['*.jl.gov.cn'])).toBe(true);
    expect(isSameSite('not a url', 'http://jt.jl.gov.cn/')).toBe(false);
  });
});

describe('attachmentExt', () => {
  it('recognises attachments by the path extension only', () => {
    expect(attachmentExt('http://a.gov.cn/P0202203.PDF')).toBe('pdf');
    expect(attachmentExt('http://a.gov.cn/%E9%99%84%E4%BB%B6.xlsx?v=1')).toBe('xlsx');
    for (const ext of ['doc', 'docx', 'xls', 'csv', 'txt', 'zip', 'rar', '7z', 'wps', 'et', 'ofd', 'ppt', 'pptx']) {
      expect(attachmentExt(`http://a.gov.cn/f.${ext}`)).toBe(ext);
    }
    expect(attachmentExt('http://a.gov.cn/a.html')).toBeUndefined();
    expect(attachmentExt('http://a.gov.cn/download.jsp?file=a.pdf')).toBeUndefined();
    expect(attachmentExt('http://a.gov.cn/dir.pdf/')).toBeUndefined();
    expect(attachmentExt('http://files.zip')).toBeUndefined(); // a host under the .zip TLD is not a file
    expect(attachmentExt('http://a.gov.cn/f.pdf?x=1.html#y.doc')).toBe('pdf');
    expect(attachmentExt('/rel/a.xls')).toBe('xls');
  });

  it('agrees with the URL parser on generated URLs (hosts, ports, dots, case, queries, fragments)', () => {
    const reference = (url: string): string | undefined => {
      let path: string;
      try {
        path = new URL(url, 'http://x.invalid/').pathname;
      } catch {
        return undefined;
      }
      const last = path.slice(path.lastIndexOf('/') + 1);
      const dot = last.lastIndexOf('.');
      const ext = dot < 0 ? '' : last.slice(dot + 1).toLowerCase();
      return ['pdf', 'doc', 'docx', 'xls', 'xlsx', 'csv', 'txt', 'zip', 'rar', '7z', 'wps', 'et', 'ofd', 'ppt', 'pptx'].includes(ext) ? ext : undefined;
    };
    const parts = {
      start: ['http://a.gov.cn', 'https://A.gov.cn:8443', 'HTTP://x.pdf', '', '/'],
      dirs: ['', '/', '/d.pdf/', '/附件/', '/a.b/c/'],
      names: ['', 'f', 'f.PDF', 'f.docx', 'f.tar.gz', 'a.b.xlsx', '.pdf', 'f.', 'f.pptxx', 'x.7z', 'f.html', '%E9%99%84.et'],
      tails: ['', '?a=1.pdf', '#b.doc', '?q#r.xls', '?'],
    };
    let n = 0;
    for (const a of parts.start) for (const d of parts.dirs) for (const f of parts.names) for (const t of parts.tails) {
      const url = `${a}${d}${f}${t}`;
      expect(attachmentExt(url), url).toBe(reference(url));
      n++;
    }
    expect(n).toBe(1500);
  });
});

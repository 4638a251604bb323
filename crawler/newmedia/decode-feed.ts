// Decodes a feed body. XML feeds declare their charset in the XML declaration (<?xml … encoding="GBK"?>), which
// an HTML-oriented decoder does not read, so that is checked first; GB2312/GBK are read as their superset GB18030.
import iconv from 'iconv-lite';

function normaliseCharset(name: string): string {
  const n = name.trim().toLowerCase().replace(/^["']|["']$/g, '');
  if (n === 'gb2312' || n === 'gbk' || n === 'x-gbk' || n === 'gb_2312-80' || n === 'cp936') return 'gb18030';
  return n;
}

export function declaredCharset(body: Buffer, contentType?: string): string | undefined {
  const fromHeader = /charset\s*=\s*([^;\s]+)/i.exec(contentType ?? '')?.[1];
  if (fromHeader) return normaliseCharset(fromHeader);
  const head = body.subarray(0, 1024).toString('latin1');
  const fromXml = /^\s*<\?xml[^>]*encoding\s*=\s*["']([^"']+)["']/i.exec(head)?.[1];
  if (fromXml) return normaliseCharset(fromXml);
  const fromMeta = /<meta[^>]+charset\s*=\s*["']?([\w-]+)/i.exec(head)?.[1];
  if (fromMeta) return normaliseCharset(fromMeta);
  return undefined;
}

export interface DecodedFeed {
  text: string;
  encoding: string;
}

export function decodeFeedBody(body: Buffer, contentType?: string): DecodedFeed {
  if (body.length >= 3 && body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf) {
    return { text: body.subarray(3).toString('utf8'), encoding: 'utf-8' };
  }
  const declared = declaredCharset(body, contentType);
  if (declared && declared !== 'utf-8' && declared !== 'utf8' && iconv.encodingExists(declared)) {
    return { text: iconv.decode(body, declared), encoding: declared };
  }
  const utf8 = body.toString('utf8');
  // Undeclared bytes that are not valid UTF-8 are most likely GBK on these sites.
  if (!declared && utf8.includes('\uFFFD')) return { text: iconv.decode(body, 'gb18030'), encoding: 'gb18030' };
  return { text: utf8, encoding: 'utf-8' };
}

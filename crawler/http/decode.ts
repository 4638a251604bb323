// Body decoding for HTML and text resources (Node only). Order: BOM, HTTP header charset, <meta> charset in the first
// 4 KB (HTML only) or the XML declaration, then detection. A declared charset is checked against the bytes, because
// servers often lie (a UTF-8 header on a GBK page, a GBK meta left in a template that now emits UTF-8).
// GB2312/GBK and their aliases decode as GB18030, its superset.
import iconv from 'iconv-lite';
import chardet from 'chardet';

export interface Decoded {
  text: string;
  /** Canonical lower-case name of the encoding used: utf-8, gb18030, big5, utf-16le, windows-1252, ... */
  encoding: string;
}

const GB_ALIASES = new Set([
  'gb2312', 'gbk', 'x-gbk', 'gb_2312-80', 'gb_2312', 'csgb2312', 'chinese', 'iso-ir-58', 'cp936', 'ms936',
  'windows-936', 'gb18030', 'euc-cn', 'x-euc-cn', 'csiso58gb231280', 'gb-2312',
]);
const UTF8_ALIASES = new Set(['utf-8', 'utf8', 'unicode-1-1-utf-8', 'x-unicode20utf8', 'utf-8n']);
// Single-byte "defaults" that servers send without thinking; they never override a more specific declaration.
const WEAK = new Set(['iso-8859-1', 'us-ascii', 'ascii', 'latin1', 'windows-1252', 'cp1252', 'iso8859-1']);
// Browsers decode all of these as windows-1252 (WHATWG Encoding); latin1 aliases keep their iconv name.
const WEAK_CANONICAL: Record<string, string> = {
  'us-ascii': 'windows-1252',
  ascii: 'windows-1252',
  cp1252: 'windows-1252',
  latin1: 'iso-8859-1',
  'iso8859-1': 'iso-8859-1',
};

/** Canonical encoding name for a charset label, or undefined for a label iconv-lite does not know. */
export function canonicalEncoding(label: string | undefined): string | undefined {
  if (!label) return undefined;
  const l = label.trim().replace(/^["']|["']$/g, '').trim().toLowerCase();
  if (!l) return undefined;
  if (GB_ALIASES.has(l)) return 'gb18030';
  if (UTF8_ALIASES.has(l)) return 'utf-8';
  if (l === 'big5' || l === 'big5-hkscs' || l === 'x-x-big5' || l === 'cn-big5') return 'big5';
  if (l === 'utf-16' || l === 'unicode') return 'utf-16le';
  if (WEAK.has(l)) return WEAK_CANONICAL[l] ?? l;
  return iconv.encodingExists(l) ? l : undefined;
}

export function charsetFromContentType(contentType: string | undefined): string | undefined {
  if (!contentType) return undefined;
  const m = /charset\s*=\s*["']?([^"';,\s]+)/i.exec(contentType);
  return m?.[1];
}

function bomEncoding(b: Uint8Array): { encoding: string; length: number } | undefined {
  if (b.length >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return { encoding: 'utf-8', length: 3 };
  if (b.length >= 2 && b[0] === 0xff && b[1] === 0xfe) return { encoding: 'utf-16le', length: 2 };
  if (b.length >= 2 && b[0] === 0xfe && b[1] === 0xff) return { encoding: 'utf-16be', length: 2 };
  if (b.length >= 4 && b[0] === 0x84 && b[1] === 0x31 && b[2] === 0x95 && b[3] === 0x33) return { encoding: 'gb18030', length: 4 };
  return undefined;
}

const PRESCAN_BYTES = 4096;

function latin1Head(b: Uint8Array, n: number): string {
  const end = Math.min(b.length, n);
  let s = '';
  for (let i = 0; i < end; i += 1024) s += String.fromCharCode(...b.subarray(i, Math.min(end, i + 1024)));
  return s;
}

/** The charset declared by `<meta charset>` or `<meta http-equiv="Content-Type" content="...charset=...">`. */
export function metaCharset(b: Uint8Array): string | undefined {
  const head = latin1Head(b, PRESCAN_BYTES).replace(/<!--[\s\S]*?-->/g, '');
  const metaTag = /<meta\b[^>]*>/gi;
  for (let m = metaTag.exec(head); m; m = metaTag.exec(head)) {
    const tag = m[0];
    const direct = /\bcharset\s*=\s*["']?\s*([\w.:-]+)/i.exec(tag);
    if (direct) return direct[1];
  }
  return undefined;
}

function xmlDeclCharset(b: Uint8Array): string | undefined {
  const head = latin1Head(b, 256);
  return /^\s*<\?xml[^>]*\bencoding\s*=\s*["']([\w.:-]+)["']/i.exec(head)?.[1];
}

function hasHighBytes(b: Uint8Array): boolean {
  for (let i = 0; i < b.length; i++) if (b[i] >= 0x80) return true;
  return false;
}

const fatalUtf8 = new TextDecoder('utf-8', { fatal: true });

function isValidUtf8(b: Uint8Array): boolean {
  try {
    fatalUtf8.decode(b);
    return true;
  } catch {
    // A body cut at a size cap may end inside a multi-byte sequence: accept when only the tail is broken.
    if (b.length > 4) {
      for (let cut = 1; cut <= 3; cut++) {
        try {
          fatalUtf8.decode(b.subarray(0, b.length - cut));
          return true;
        } catch {
          /* try shorter */
        }
      }
    }
    return false;
  }
}

/** Does the declared encoding plausibly match the bytes? */
function plausible(encoding: string, b: Uint8Array, utf8Ok: () => boolean): boolean {
  if (encoding === 'utf-8') return utf8Ok();
  if (!hasHighBytes(b)) return true;
  // Multi-byte non-ASCII that is valid UTF-8 is almost never GBK/Big5/latin text by accident.
  if (utf8Ok()) return false;
  return true;
}

/** Do the bytes follow GB18030's byte structure (ASCII, 2-byte GBK pairs, 4-byte sequences) throughout? */
function looksLikeGb18030(b: Uint8Array): boolean {
  let pairs = 0;
  for (let i = 0; i < b.length; ) {
    const c = b[i];
    if (c < 0x80) {
      i++;
      continue;
    }
    if (c === 0x80 || c === 0xff || i + 1 >= b.length) return i + 1 >= b.length && pairs > 0; // a cut tail is fine
    const d = b[i + 1];
    if (d >= 0x40 && d <= 0xfe && d !== 0x7f) {
      pairs++;
      i += 2;
    } else if (d >= 0x30 && d <= 0x39 && i + 3 < b.length && b[i + 2] >= 0x81 && b[i + 2] <= 0xfe && b[i + 3] >= 0x30 && b[i + 3] <= 0x39) {
      pairs++;
      i += 4;
    } else return false;
  }
  return pairs > 0;
}

const OTHER_CJK = new Set(['Big5', 'Shift_JIS', 'EUC-JP', 'EUC-KR', 'ISO-2022-JP', 'ISO-2022-KR', 'ISO-2022-CN']);

function detect(b: Uint8Array, utf8Ok: () => boolean): string {
  if (!hasHighBytes(b) || utf8Ok()) return 'utf-8';
  const sample = b.length > 65536 ? b.subarray(0, 65536) : b;
  const results = chardet.analyse(sample);
  const top = results[0];
  const gb = results.find((r) => r.name === 'GB18030');
  // These sites are Chinese: GB18030 unless another CJK encoding is clearly better. Short texts fool chardet into
  // single-byte guesses (Greek, Cyrillic); the GB byte structure is the stronger signal there.
  if (looksLikeGb18030(sample)) {
    if (!top || !OTHER_CJK.has(top.name) || (gb && gb.confidence * 2 >= top.confidence)) return 'gb18030';
  }
  const topName = top ? canonicalEncoding(top.name) : undefined;
  if (gb && (!top || gb.confidence * 2 >= top.confidence)) return 'gb18030';
  if (topName && topName !== 'utf-8') return topName;
  return 'gb18030';
}

function decodeWith(b: Uint8Array, encoding: string): string {
  if (encoding === 'utf-8') return new TextDecoder('utf-8').decode(b);
  const buf = Buffer.from(b.buffer, b.byteOffset, b.byteLength);
  return iconv.decode(buf, encoding); // strips a BOM
}

function decodeBody(body: Uint8Array, contentType: string | undefined, sniff: (b: Uint8Array) => string | undefined): Decoded {
  const b = body ?? new Uint8Array(0);
  let utf8: boolean | undefined;
  const utf8Ok = () => (utf8 ??= isValidUtf8(b));
  const bom = bomEncoding(b);
  if (bom) return { text: decodeWith(b, bom.encoding), encoding: bom.encoding };

  let weakDeclared: string | undefined;
  const header = canonicalEncoding(charsetFromContentType(contentType));
  if (header) {
    if (WEAK.has(header)) weakDeclared = header;
    else if (plausible(header, b, utf8Ok)) return { text: decodeWith(b, header), encoding: header };
  }
  const inDoc = canonicalEncoding(sniff(b));
  if (inDoc && !(inDoc.startsWith('utf-16'))) {
    if (WEAK.has(inDoc)) weakDeclared ??= inDoc;
    else if (plausible(inDoc, b, utf8Ok)) return { text: decodeWith(b, inDoc), encoding: inDoc };
  }
  if (weakDeclared && (!hasHighBytes(b) || !utf8Ok())) {
    // A Latin-1 declaration on a page of Chinese bytes is a template default, not a fact.
    const guess = detect(b, utf8Ok);
    const encoding = guess === 'gb18030' || guess === 'big5' ? guess : weakDeclared;
    return { text: decodeWith(b, encoding), encoding };
  }
  const encoding = detect(b, utf8Ok);
  return { text: decodeWith(b, encoding), encoding };
}

/** Decode an HTML body: BOM, header charset, `<meta>` charset (first 4 KB), detection. Never throws. */
export function decodeHtml(body: Uint8Array, contentType?: string): Decoded {
  try {
    return decodeBody(body, contentType, metaCharset);
  } catch {
    return { text: new TextDecoder('utf-8').decode(body ?? new Uint8Array(0)), encoding: 'utf-8' };
  }
}

/** Decode a non-HTML text body (feeds, csv, txt): BOM, header charset, XML declaration, detection. Never throws. */
export function decodeText(body: Uint8Array, contentType?: string): Decoded {
  try {
    return decodeBody(body, contentType, xmlDeclCharset);
  } catch {
    return { text: new TextDecoder('utf-8').decode(body ?? new Uint8Array(0)), encoding: 'utf-8' };
  }
}

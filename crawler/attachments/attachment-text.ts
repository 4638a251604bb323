// Text of downloaded attachments (Node only), for content rules such as privacy scans: xlsx/xls/et (SheetJS),
// docx (mammoth), pdf (pdfjs-dist legacy build, every page), csv/txt (decodeText). Never throws: a corrupt or
// unsupported file gives `error` (zh-CN) and whatever text was read.
import { createRequire } from 'node:module';
import path from 'node:path';
import { decodeText } from '../http/decode.js';
import { loadPdfJs, restoreBuiltIns } from './pdfjs-loader.js';

export interface AttachmentText {
  text: string;
  truncated: boolean;
  error?: string;
}

export interface AttachmentTextOptions {
  /** Stop after this many characters (default 2,000,000). */
  maxChars?: number;
}

export const DEFAULT_MAX_CHARS = 2_000_000;
/** Rows read per sheet: a cap against sheets that expand to millions of rows. */
const MAX_SHEET_ROWS = 200_000;
export const TEXT_ATTACHMENT_EXTENSIONS = ['xlsx', 'xls', 'et', 'docx', 'pdf', 'csv', 'txt'] as const;

class Collector {
  private parts: string[] = [];
  private length = 0;
  truncated = false;
  constructor(private readonly max: number) {}
  /** false once the cap is reached. */
  add(text: string): boolean {
    if (this.truncated) return false;
    if (this.length + text.length > this.max) {
      this.parts.push(text.slice(0, this.max - this.length));
      this.length = this.max;
      this.truncated = true;
      return false;
    }
    this.parts.push(text);
    this.length += text.length;
    return true;
  }
  get text(): string {
    return this.parts.join('');
  }
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

const isZip = (b: Uint8Array) => b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;

async function spreadsheet(body: Uint8Array, out: Collector, kind: string): Promise<void> {
  // SheetJS reads any text as CSV; an .xlsx must be a zip. (.xls exports are often HTML or CSV in disguise, and
  // SheetJS reading those is what we want.)
  if (kind === 'xlsx' && !isZip(body)) throw new Error('不是有效的 xlsx（zip）文件');
  const XLSX = await import('xlsx');
  const wb = XLSX.read(body, { type: 'array', cellDates: false, cellHTML: false, dense: true, sheetRows: MAX_SHEET_ROWS });
  for (const name of wb.SheetNames) {
    const sheet = wb.Sheets[name];
    if (!sheet) continue;
    const csv = XLSX.utils.sheet_to_csv(sheet, { FS: '\t', blankrows: false });
    if (!out.add(`${name}\n${csv}\n`)) return;
  }
}

async function docx(body: Uint8Array, out: Collector): Promise<void> {
  if (!isZip(body)) throw new Error('不是有效的 docx（zip）文件');
  const mammoth = (await import('mammoth')).default;
  const result = await mammoth.extractRawText({ buffer: Buffer.from(body.buffer, body.byteOffset, body.byteLength) });
  out.add(result.value);
}

let pdfjsDir: string | undefined | null;

/** pdfjs-dist's install directory: its CMaps decode Chinese PDFs that use predefined CJK encodings (UniGB-*). */
function pdfjsAssets(): { cMapUrl?: string; standardFontDataUrl?: string } {
  if (pdfjsDir === undefined) {
    try {
      pdfjsDir = path.dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
    } catch {
      pdfjsDir = null;
    }
  }
  if (!pdfjsDir) return {};
  return { cMapUrl: `${pdfjsDir}/cmaps/`, standardFontDataUrl: `${pdfjsDir}/standard_fonts/` };
}

async function pdf(body: Uint8Array, out: Collector): Promise<void> {
  const pdfjs = await loadPdfJs();
  // pdfjs takes ownership of (detaches) the buffer it is given: pass a copy.
  const task = pdfjs.getDocument({
    data: new Uint8Array(body),
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    verbosity: 0,
    stopAtErrors: false,
    cMapPacked: true,
    ...pdfjsAssets(),
  });
  try {
    const doc = await task.promise;
    for (let i = 1; i <= doc.numPages; i++) {
      const page = await doc.getPage(i);
      const content = await page.getTextContent();
      let pageText = '';
      for (const item of content.items) {
        if ('str' in item) pageText += item.str + (item.hasEOL ? '\n' : '');
      }
      page.cleanup();
      if (!out.add(`${pageText}\n`)) break;
    }
  } finally {
    await task.destroy();
    restoreBuiltIns();
  }
}

/** Extract the text of an attachment by its extension (pdf, docx, xlsx, xls, et, csv, txt). */
export async function extractAttachmentText(
  body: Uint8Array,
  ext: string,
  opts?: AttachmentTextOptions,
): Promise<AttachmentText> {
  const out = new Collector(Math.max(0, opts?.maxChars ?? DEFAULT_MAX_CHARS));
  const kind = ext.toLowerCase().replace(/^\./, '');
  try {
    if (!body || body.length === 0) return { text: '', truncated: false, error: '附件为空' };
    switch (kind) {
      case 'xlsx':
      case 'xls':
      case 'et':
        await spreadsheet(body, out, kind);
        break;
      case 'docx':
        await docx(body, out);
        break;
      case 'pdf':
        await pdf(body, out);
        break;
      case 'csv':
      case 'txt':
        out.add(decodeText(body).text);
        break;
      default:
        return { text: '', truncated: false, error: `不支持提取 ${kind || '未知'} 格式附件的文本` };
    }
  } catch (err) {
    return { text: out.text, truncated: out.truncated, error: `附件（${kind}）无法解析：${message(err)}` };
  }
  return { text: out.text, truncated: out.truncated };
}

import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import JSZip from 'jszip';
import * as XLSX from 'xlsx';
import { describe, expect, it } from 'vitest';
import { extractAttachmentText } from '../../crawler/attachments/attachment-text.js';

// Captured before any test loads pdf.js.
const nativePush = Array.prototype.push;
const nativeParse = JSON.parse;
const nativeToString = Function.prototype.toString;

async function makeXlsx(): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('名单');
  ws.addRow(['姓名', '身份证号', '手机']);
  ws.addRow(['张三', '220102199003071234', '13912345678']);
  wb.addWorksheet('第二页').addRow(['备注', '无']);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

function makeXls(): Uint8Array {
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([['单位', '联系电话'], ['运输处', '13800001111']]), '表一');
  return new Uint8Array(XLSX.write(wb, { bookType: 'biff8', type: 'array' }));
}

async function makeDocx(paragraphs: string[]): Promise<Uint8Array> {
  const zip = new JSZip();
  zip.file(
    '[Content_Types].xml',
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
      '<Default Extension="xml" ContentType="application/xml"/>' +
      '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
  );
  zip.file(
    '_rels/.rels',
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
      '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
  );
  const body = paragraphs.map((p) => `<w:p><w:r><w:t>${p}</w:t></w:r></w:p>`).join('');
  zip.file(
    'word/document.xml',
    `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body}</w:body></w:document>`,
  );
  return new Uint8Array(await zip.generateAsync({ type: 'uint8array' }));
}

const HELVETICA = '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>';
/** A non-embedded Chinese font in the predefined UniGB-UCS2-H encoding (as Chinese office tools write them). */
const STSONG =
  '<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H /DescendantFonts [<< /Type /Font ' +
  '/Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 2 >> ' +
  '/FontDescriptor << /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [0 0 1000 1000] /ItalicAngle 0 ' +
  '/Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >> >>] >>';
const ucs2Hex = (s: string) => `<${[...s].map((c) => c.charCodeAt(0).toString(16).padStart(4, '0')).join('')}>`;

/** A minimal valid PDF whose pages show the given lines (xref offsets computed). */
function makePdf(pages: string[], font = HELVETICA): Uint8Array {
  const objects: string[] = [];
  const n = pages.length;
  const kids = pages.map((_, i) => `${4 + i * 2} 0 R`).join(' ');
  objects.push('<< /Type /Catalog /Pages 2 0 R >>');
  objects.push(`<< /Type /Pages /Kids [${kids}] /Count ${n} >>`);
  objects.push(font);
  pages.forEach((text, i) => {
    const shown = font === HELVETICA ? `(${text})` : ucs2Hex(text);
    const stream = `BT /F1 12 Tf 72 720 Td ${shown} Tj ET`;
    objects.push(`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> /Contents ${5 + i * 2} 0 R >>`);
    objects.push(`<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`);
  });
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const off of offsets) out += `${String(off).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new TextEncoder().encode(out);
}

describe('extractAttachmentText', () => {
  it('reads every sheet of an xlsx', async () => {
    const r = await extractAttachmentText(await makeXlsx(), 'xlsx');
    expect(r.error).toBeUndefined();
    expect(r.text).toContain('张三\t220102199003071234\t13912345678');
    expect(r.text).toContain('第二页');
    expect(r.truncated).toBe(false);
  });

  it('reads a legacy xls', async () => {
    const r = await extractAttachmentText(makeXls(), 'XLS');
    expect(r.error).toBeUndefined();
    expect(r.text).toContain('运输处\t13800001111');
  });

  it('reads a docx', async () => {
    const r = await extractAttachmentText(await makeDocx(['关于公布名单的通知', '联系人：李四，电话13900002222']), 'docx');
    expect(r.error).toBeUndefined();
    expect(r.text).toContain('关于公布名单的通知');
    expect(r.text).toContain('13900002222');
  });

  it('reads the text of every page of a pdf', async () => {
    const r = await extractAttachmentText(makePdf(['Page one ID 220102199003071234', 'Page two mobile 13912345678']), 'pdf');
    expect(r.error).toBeUndefined();
    expect(r.text).toContain('Page one ID 220102199003071234');
    expect(r.text).toContain('Page two mobile 13912345678');
  });

  it('reads Chinese text in a PDF that uses a predefined CJK CMap (needs pdf.js CMaps)', async () => {
    const cjk = await extractAttachmentText(makePdf(['吉林省交通运输厅 联系人手机13912345678'], STSONG), 'pdf');
    expect(cjk.error).toBeUndefined();
    expect(cjk.text).toContain('吉林省交通运输厅 联系人手机13912345678');
  });

  it("keeps Node's own built-ins after pdf.js loaded (its core-js polyfills would slow the whole audit)", async () => {
    const r = await extractAttachmentText(makePdf(['Built-ins 13912345678']), 'pdf');
    expect(r.text).toContain('Built-ins 13912345678');
    expect(Array.prototype.push).toBe(nativePush);
    expect(JSON.parse).toBe(nativeParse);
    expect(Function.prototype.toString).toBe(nativeToString);
    // What pdf.js only added (missing on Node 20) stays: it needs it.
    expect(typeof (Promise as unknown as { withResolvers?: unknown }).withResolvers).toBe('function');
    // pdf.js still works after the restore (a second document in the same process).
    expect((await extractAttachmentText(makePdf(['Second 220102199003071234']), 'pdf')).text).toContain('220102199003071234');
  });

  it('decodes csv and txt in GBK or UTF-8', async () => {
    const csv = '姓名,手机\n王五,13712345678\n';
    expect((await extractAttachmentText(new Uint8Array(iconv.encode(csv, 'gbk')), 'csv')).text).toBe(csv);
    expect((await extractAttachmentText(new TextEncoder().encode(csv), 'txt')).text).toBe(csv);
  });

  it('caps the text at maxChars', async () => {
    const r = await extractAttachmentText(new TextEncoder().encode('一二三四五六七八九十'), 'txt', { maxChars: 4 });
    expect(r).toEqual({ text: '一二三四', truncated: true });
  });

  it('returns an error for corrupt, empty and unsupported files instead of throwing', async () => {
    const junk = new TextEncoder().encode('this is not an office file at all');
    for (const ext of ['xlsx', 'docx', 'pdf']) {
      const r = await extractAttachmentText(junk, ext);
      expect(r.error, ext).toMatch(/无法解析/);
    }
    expect((await extractAttachmentText(new Uint8Array(0), 'pdf')).error).toBe('附件为空');
    expect((await extractAttachmentText(junk, 'rar')).error).toMatch(/不支持/);
  });
});

import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import mammoth from 'mammoth';
import * as pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';
import { buildDemoSite } from './index.js';
import { IDS, MOBILES } from './attachments/people.js';
import { idCheckChar, maskId, maskMobile, passesIdChecksum, validId } from './identity.js';
import { CREDIT_CODE } from './templates/paths.js';
import { decodeRoute, idLikeTokens, isHtml, plausibleBirth, unmaskedIds, unmaskedMobiles, visibleText } from './route-text.js';
import type { DemoResponse } from './types.js';

const site = buildDemoSite({ asOf: '2022-03-15' });

async function attachmentText(path: string, r: DemoResponse): Promise<string> {
  const buf = Buffer.from(r.body);
  if (path.endsWith('.xlsx')) {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
    const cells: string[] = [];
    wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((c) => cells.push(String(c.value)))));
    return cells.join(' ');
  }
  if (path.endsWith('.docx')) return (await mammoth.extractRawText({ buffer: buf })).value;
  if (path.endsWith('.pdf')) {
    const doc = await pdfjs.getDocument({ data: new Uint8Array(buf), verbosity: 0 }).promise;
    const parts: string[] = [];
    for (let i = 1; i <= doc.numPages; i++) {
      const tc = await (await doc.getPage(i)).getTextContent();
      parts.push(tc.items.map((it) => ('str' in it ? it.str : '')).join(''));
    }
    await doc.destroy();
    return parts.join('\n');
  }
  return new TextDecoder().decode(buf);
}

const texts = new Map<string, Promise<string>>();
function textOf(path: string, r: DemoResponse): Promise<string> {
  if (!texts.has(path)) texts.set(path, isHtml(r) ? Promise.resolve(visibleText(decodeRoute(r))) : attachmentText(path, r));
  return texts.get(path)!;
}

describe('GB 11643 numbers', () => {
  it('computes the check digit (known examples)', () => {
    expect(idCheckChar('11010519491231002')).toBe('X');
    expect(passesIdChecksum('11010519491231002X')).toBe(true);
    expect(passesIdChecksum('110105194912310021')).toBe(false);
  });

  it('plants valid IDs that pass the checksum with a plausible birth date, and decoys that do not', () => {
    for (const id of [IDS.personnelPage, IDS.personnelGbkPage, IDS.xlsx]) {
      expect(passesIdChecksum(id), id).toBe(true);
      expect(plausibleBirth(id), id).toBe(true);
    }
    for (const id of [IDS.failing, IDS.failingGbk]) expect(passesIdChecksum(id), id).toBe(false);
    expect(passesIdChecksum(IDS.masked)).toBe(false);
    expect(validId('220102', '19880716', '023')).toBe(IDS.personnelPage);
    expect(maskId(IDS.personnelPage)).toMatch(/^220102\*{8}\d{3}[\dX]$/);
    expect(maskMobile(MOBILES.docx)).toBe('135****8899');
  });

  it('uses a 索引号 prefix that would pass the ID checksum (the decoy is real)', () => {
    expect(CREDIT_CODE).toHaveLength(18);
    expect(passesIdChecksum(CREDIT_CODE)).toBe(true);
    const page = [...site.routes].find(([p, r]) => isHtml(r) && p.startsWith('/zwgk/rsxx/2'))!;
    expect(decodeRoute(page[1])).toContain(`${CREDIT_CODE}/`);
  });
});

describe('privacy ground truth matches the content', () => {
  it('has unmasked IDs and mobiles exactly where findings are expected (pages and attachments)', async () => {
    // New-media post pages live on the external host; their keys carry the origin, as the ground truth does.
    const scanned = [
      ...[...site.routes].filter(([p, r]) => r.status === 200 && (isHtml(r) || /\.(xlsx|docx|pdf|csv|txt)$/.test(p))),
      ...[...site.externalRoutes].filter(([, r]) => r.status === 200 && isHtml(r)).map(([p, r]) => [`external:${p}`, r] as const),
    ];
    const idHits = new Map<string, number>();
    const mobileHits = new Map<string, number>();
    for (const [path, r] of scanned) {
      const text = await textOf(path, r);
      if (unmaskedIds(text).length) idHits.set(path, unmaskedIds(text).length);
      if (unmaskedMobiles(text).length) mobileHits.set(path, unmaskedMobiles(text).length);
    }
    const count = (rule: string) => {
      const m = new Map<string, number>();
      for (const f of site.groundTruth.expected.filter((x) => x.rule === rule)) {
        const key = f.origin === 'external' ? `external:${f.path}` : f.path;
        m.set(key, (m.get(key) ?? 0) + 1);
      }
      return m;
    };
    expect(Object.fromEntries(idHits)).toEqual(Object.fromEntries(count('privacy/id-number')));
    expect(Object.fromEntries(mobileHits)).toEqual(Object.fromEntries(count('privacy/mobile')));
    // every attachment format carries a case
    const attachmentCases = site.groundTruth.expected.filter((f) => f.rule.startsWith('privacy/') && /\.\w+$/.test(f.path) && !f.path.endsWith('.html'));
    expect(new Set(attachmentCases.map((f) => f.path.split('.').pop()))).toEqual(new Set(['xlsx', 'docx', 'pdf', 'txt']));
  });

  it('holds the decoys next to the real cases', async () => {
    const pages = [...site.routes].filter(([, r]) => isHtml(r));
    const all = (await Promise.all(pages.map(([p, r]) => textOf(p, r)))).join('\n');
    expect(all).toContain(IDS.masked);
    expect(all).toContain(IDS.failing);
    expect(all).toContain(IDS.failingGbk);
    expect(all).toContain(MOBILES.masked);
    expect(all).toContain(MOBILES.longRun);
    expect(all).toContain(MOBILES.landline);
    // checksum-failing tokens are present but never counted
    expect(idLikeTokens(all)).toEqual(expect.arrayContaining([IDS.failing, IDS.failingGbk]));
    const xlsx = [...site.routes].find(([p]) => p.startsWith('/zwgk/rsxx/') && p.endsWith('.xlsx'))!;
    const xlsxText = await textOf(xlsx[0], xlsx[1]);
    expect(xlsxText).toContain(IDS.masked);
    expect(unmaskedIds(xlsxText)).toEqual([IDS.xlsx]);
  });
});

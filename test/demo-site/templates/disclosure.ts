// The 政府信息公开 disclosure table in three markups with the label variants real sites use: plain labels in a
// table (TRS), spaced labels and synonyms with full-width colons in divs, and Hanweb's td labels.
import { esc } from '../html.js';
import { zhDate } from '../dates.js';

export interface DisclosureFields {
  indexNo: string;
  publisher: string;
  writtenDate: string;
  publishDate: string;
  docNo?: string;
  topic?: string;
  /** 有效/失效/废止 ...; omitted when the page states none. */
  validity?: string;
  validUntil?: string;
  /** 公开方式 / 公开属性; undefined plants disclosure/attribute-missing. */
  openness?: string;
}

export type DisclosureVariant = 'trs-table' | 'div-spaced' | 'hanweb';

type Row = [label: string, value: string | undefined];

function rows(f: DisclosureFields, v: DisclosureVariant): Row[] {
  if (v === 'trs-table')
    return [
      ['索引号', f.indexNo], ['发布机构', f.publisher], ['成文日期', f.writtenDate], ['发布日期', f.publishDate],
      ['文号', f.docNo], ['主题分类', f.topic], ['有效性', f.validity], ['有效期至', f.validUntil], ['公开方式', f.openness],
    ];
  if (v === 'div-spaced')
    return [
      ['索 引 号', f.indexNo], ['发文机关', f.publisher], ['成文日期', f.writtenDate && zhDate(f.writtenDate)],
      ['发文日期', f.publishDate && zhDate(f.publishDate)], ['发文字号', f.docNo], ['主题分类', f.topic],
      ['效力状态', f.validity], ['有效期至', f.validUntil && zhDate(f.validUntil)], ['公开属性', f.openness],
    ];
  return [
    ['信息索引号', f.indexNo], ['发布机构', f.publisher], ['成文日期', f.writtenDate], ['发布日期', f.publishDate],
    ['文　　号', f.docNo], ['有 效 性', f.validity], ['有效期至', f.validUntil], ['公开方式', f.openness],
  ];
}

export function disclosureTable(f: DisclosureFields, variant: DisclosureVariant): string {
  const present = rows(f, variant).filter((r): r is [string, string] => r[1] !== undefined);
  if (variant === 'trs-table') {
    const cells = present.map(([l, val]) => `<th>${esc(l)}：</th><td>${esc(val)}</td>`);
    const trs: string[] = [];
    for (let i = 0; i < cells.length; i += 2) trs.push(`<tr>${cells[i]}${cells[i + 1] ?? ''}</tr>`);
    return `<table class="xxgk-table" border="1" cellspacing="0">\n${trs.join('\n')}\n</table>`;
  }
  if (variant === 'div-spaced')
    return `<div class="xxgk-info">\n${present
      .map(([l, val]) => `<div class="xxgk-row"><span class="xxgk-label">${esc(l)} ：</span><span class="xxgk-value">${esc(val)}</span></div>`)
      .join('\n')}\n</div>`;
  return `<table width="100%" border="0" cellpadding="0" cellspacing="1" bgcolor="#cccccc" class="xxgk_table">\n${present
    .map(([l, val]) => `<tr bgcolor="#ffffff"><td class="td_label" width="120">${esc(l)}：</td><td class="td_value">${esc(val)}</td></tr>`)
    .join('\n')}\n</table>`;
}

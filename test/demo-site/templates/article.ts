// Article bodies: title, info line, optional disclosure table, paragraphs, attachments and related links.
import { esc } from '../html.js';
import { disclosureTable, type DisclosureFields, type DisclosureVariant } from './disclosure.js';

export interface ArticleLink {
  label: string;
  text: string;
  href: string;
}

export interface ArticleInput {
  title: string;
  date: string;
  source: string;
  /** Paragraphs of plain text (escaped here). */
  paragraphs: string[];
  /** Extra HTML appended after the paragraphs (already escaped, e.g. a table). */
  extraHtml?: string;
  disclosure?: { fields: DisclosureFields; variant: DisclosureVariant };
  attachments?: { text: string; href: string }[];
  related?: ArticleLink[];
  /** Banner for documents marked repealed on their own page. */
  banner?: string;
}

function relatedHtml(related: ArticleLink[] | undefined): string {
  if (!related?.length) return '';
  return `<div class="related">${related
    .map((r) => `<p>${esc(r.label)}：<a href="${esc(r.href)}">${esc(r.text)}</a></p>`)
    .join('')}</div>`;
}

function attachmentsHtml(att: ArticleInput['attachments']): string {
  if (!att?.length) return '';
  return `<div class="attachments"><p>附件：</p>${att.map((a, i) => `<p>${i + 1}. <a href="${esc(a.href)}">${esc(a.text)}</a></p>`).join('')}</div>`;
}

export function trsArticle(a: ArticleInput): string {
  return `${a.disclosure ? disclosureTable(a.disclosure.fields, a.disclosure.variant) : ''}
<div class="article">
<h1 class="article-title">${esc(a.title)}</h1>
<div class="article-info">发布时间：${esc(a.date)}　来源：${esc(a.source)}</div>
${a.banner ? `<div class="repeal-banner" style="color:red;font-weight:bold">${esc(a.banner)}</div>` : ''}
<div class="TRS_Editor">
${a.paragraphs.map((p) => `<p>${esc(p)}</p>`).join('\n')}
${a.extraHtml ?? ''}
</div>
${attachmentsHtml(a.attachments)}
${relatedHtml(a.related)}
</div>`;
}

export function hanwebArticle(a: ArticleInput): string {
  return `${a.disclosure ? disclosureTable(a.disclosure.fields, a.disclosure.variant) : ''}
<table width="100%" border="0" cellspacing="0" cellpadding="0">
<tr><td class="title" align="center">${esc(a.title)}</td></tr>
<tr><td class="info" align="center">发布日期：${esc(a.date)}　信息来源：${esc(a.source)}</td></tr>
${a.banner ? `<tr><td class="repeal-banner" style="color:red">${esc(a.banner)}</td></tr>` : ''}
<tr><td id="zoom">
${a.paragraphs.map((p) => `<p style="text-indent:2em">${esc(p)}</p>`).join('\n')}
${a.extraHtml ?? ''}
${attachmentsHtml(a.attachments)}
${relatedHtml(a.related)}
</td></tr>
</table>`;
}

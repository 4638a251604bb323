// Every document must state its 公开属性 (此件公开发布 / 此件依申请公开 / 此件不予公开) or 公开方式.
import { z } from 'zod';
import { defineRule } from '../define-rule.js';
import { sourceOf } from './seed.js';

const ATTRIBUTE_LABEL = /公开(属性|方式|类型|形式)/;
const ATTRIBUTE_IN_TEXT = /公开(属性|方式|类型|形式)\s*[:：]?\s*(主动公开|依申请公开|不予公开|不公开|免予公开|部分公开)|此件(主动)?(公开发布|依申请公开|不予?公开|公开)|[（(]\s*(此件)?(主动公开|依申请公开|不予公开)\s*[)）]/;

export const disclosureAttributeMissing = defineRule({
  meta: {
    id: 'disclosure/attribute-missing',
    scope: 'page',
    severity: 'minor',
    tags: ['disclosure', 'document', 'jl-jtt-2022'],
    docs: {
      title: '文件未标明公开属性',
      description:
        '带有信息公开要素（文号或索引号）的文件页，既没有“公开属性/公开方式”栏，正文中也没有“此件公开发布”“此件依申请公开”等公开属性标注。',
      source: `${sourceOf('十二')}（制定印发文件时，须明确相关公开属性）`,
      fix: '在文件的信息公开要素中补充“公开方式”（主动公开/依申请公开），或在正文末尾标注“（此件公开发布）”。',
    },
    messages: {
      missing: '文件《{title}》未标明公开属性，请在信息公开要素中补充“公开方式”或在正文标注“此件公开发布”等公开属性',
    },
    options: z.object({ requireDocNo: z.boolean().default(false) }).strict(),
    owner: ['办公室'],
  },
  check(ctx) {
    const { page } = ctx;
    const d = page.disclosure;
    if (page.kind !== 'article' || page.status >= 400 || !d) return;
    const isDocument = ctx.options.requireDocNo ? !!d.docNo : !!(d.docNo || d.indexNo);
    if (!isDocument) return;
    if (d.openness?.trim()) return;
    if (Object.entries(d.raw).some(([label, value]) => ATTRIBUTE_LABEL.test(label) && value.trim())) return;
    if (ATTRIBUTE_IN_TEXT.test(page.bodyText.replace(/\s+/g, ''))) return;
    const title = (page.meta.ArticleTitle ?? page.title).trim() || page.url;
    ctx.report({
      messageId: 'missing',
      data: { title },
      evidence: { title, ...(d.docNo ? { docNo: d.docNo } : {}), ...(d.indexNo ? { indexNo: d.indexNo } : {}) },
    });
  },
});

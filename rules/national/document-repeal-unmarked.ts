import { z } from 'zod';
import type { PageRecord } from '../../crawler/page-record.js';
import { defineRule } from '../define-rule.js';
import { normalizeDocNo } from '../text/cjk.js';

// A sentence that declares a document repealed / amended, and a title of a repeal or amendment decision.
const DECLARE_SENTENCE = /废止|宣布失效|同时失效|停止执行|不再执行|予以修改|作出修改|修改的决定|予以修订|修订的决定|予以修正/;
const DECLARE_TITLE = /废止|失效|修改|修订|修正|清理结果/;
const AMEND = /修改|修订|修正/;
// How a page marks itself: its 有效性 field, or a visible note such as 【已废止】 / 本文件已于…废止.
const MARKED_VALIDITY = /失效|废止|修改|修订|修正|停止/;
const MARKED_TEXT = /已(?:于[^。；]{0,24})?(?:被)?(?:废止|失效|修改|修订|修正)|[（(【\[［](?:已)?(?:废止|失效|修改|修订)[）)】\]］]/;

interface Declaration {
  by: string;
  kind: 'repealed' | 'amended';
}

/** Normalised text spans of one page that declare documents repealed or amended (prepared once per page). */
interface DeclaringPage {
  url: string;
  ownDocNo?: string;
  spans: { text: string; kind: Declaration['kind'] }[];
}

function declaringPage(page: PageRecord): DeclaringPage | undefined {
  const spans: DeclaringPage['spans'] = [];
  if (DECLARE_TITLE.test(page.title)) {
    // A repeal/amendment decision: every 文号 in its body is declared (tables of repealed documents included).
    spans.push({ text: normalizeDocNo(page.bodyText), kind: AMEND.test(page.title) && !/废止|失效/.test(page.title) ? 'amended' : 'repealed' });
  } else if (DECLARE_SENTENCE.test(page.bodyText)) {
    for (const sentence of page.bodyText.split(/[。；;！!\n]/)) {
      const m = DECLARE_SENTENCE.exec(sentence);
      if (m) spans.push({ text: normalizeDocNo(sentence), kind: AMEND.test(m[0]) ? 'amended' : 'repealed' });
    }
  }
  if (spans.length === 0) return undefined;
  const own = page.disclosure?.docNo ? normalizeDocNo(page.disclosure.docNo) : undefined;
  return { url: page.url, spans, ...(own ? { ownDocNo: own } : {}) };
}

export const documentRepealUnmarked = defineRule({
  meta: {
    id: 'document/repeal-unmarked',
    scope: 'site',
    severity: 'moderate',
    tags: ['document', 'national'],
    docs: {
      title: '已废止或修改的文件未在原文标注',
      description: '网站自身发布的废止、失效或修改决定（按文号）所涉及的文件，其原文页面的有效性或正文未标注“已废止/已失效/已修改”。',
      source: '《政府网站发展指引》（国办发〔2017〕47号）：文件修改、废止、失效的，应在原文件页面作出标注',
      fix: '在原文件页面将“有效性”改为失效/废止/已修改，并在标题或正文醒目位置加注，链接到废止或修改决定。',
    },
    messages: {
      repealed: '文件（{docNo}）已被本网站发布的决定宣布废止或失效，但原文页面未标注，请在原文页面标注“已废止/已失效”',
      amended: '文件（{docNo}）已被本网站发布的决定修改，但原文页面未标注，请在原文页面标注“已修改”并链接修改决定',
    },
    options: z.object({}).strict().default({}),
    owner: ['法规处'],
  },
  check(ctx) {
    const pages = ctx.site.pages.filter((p) => p.status < 400);
    const declaring = pages.map(declaringPage).filter((d) => d !== undefined);
    if (declaring.length === 0) return;
    for (const doc of pages) {
      const docNo = doc.disclosure?.docNo;
      if (!docNo) continue;
      const own = normalizeDocNo(docNo);
      if (!own) continue;
      if (MARKED_VALIDITY.test(doc.disclosure?.validity ?? '') || MARKED_TEXT.test(`${doc.title} ${doc.bodyText}`)) continue;
      let found: Declaration | undefined;
      for (const d of declaring) {
        if (d.url === doc.url || d.ownDocNo === own) continue;
        const span = d.spans.find((s) => s.text.includes(own));
        if (span) {
          found = { by: d.url, kind: span.kind };
          break;
        }
      }
      if (!found) continue;
      ctx.report({
        messageId: found.kind,
        data: { docNo },
        url: doc.url,
        key: docNo,
        evidence: { docNo, declaredBy: found.by, kind: found.kind },
      });
    }
  },
});

// The current-valid library of 行政规范性文件 must be kept current: nothing shown as valid may be past its
// 有效期至, older than the default validity (5 years, 2 for 暂行/试行) when no end date is stated, or marked
// 失效/废止 on its own page while the library still lists it.
import { z } from 'zod';
import { defineRule } from '../define-rule.js';
import type { Column } from '../site-model.js';
import { urlKey } from '../columns/column-urls.js';
import { sourceOf } from './seed.js';
import { documentsIn, ownerFor, pageTitle, type DocumentView } from './documents.js';
import { addYears, isDate } from './dates.js';
import { displayName } from './seed.js';

const VALID = /^(现行)?有效$|^继续有效$/;
const INVALID = /失效|废止|作废|停止执行|不再执行/;
const INVALID_MARK = /[【\[［(（]\s*(已)?(失效|废止|作废)\s*[】\]］)）]/;
const INVALID_IN_TEXT = /(本|该|此)(文件|规定|办法|通知|意见|细则)已(经)?(被)?(宣布)?(失效|废止)/;
const CJK_NUMBERS: Record<string, number> = { 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10 };

function markedInvalid(doc: DocumentView): boolean {
  const validity = doc.page.disclosure?.validity?.trim();
  if (validity) return INVALID.test(validity);
  return INVALID_MARK.test(pageTitle(doc.page)) || INVALID_IN_TEXT.test(doc.page.bodyText);
}

/** "有效期5年" / "有效期为两年" in the text: an end date counted from the document's date. */
function statedTerm(text: string): number | undefined {
  const m = text.match(/有效期(为|限为)?\s*([0-9]+|[一二两三四五六七八九十])\s*年/);
  if (!m) return undefined;
  return /^\d+$/.test(m[2]) ? Number(m[2]) : CJK_NUMBERS[m[2]];
}

export const regulationStale = defineRule({
  meta: {
    id: 'regulation/stale',
    scope: 'site',
    severity: 'serious',
    tags: ['regulation', 'validity', 'jl-jtt-2022'],
    docs: {
      title: '现行有效规范性文件库未动态更新',
      description:
        '标注“有效”或列在现行有效规范性文件库中的行政规范性文件：有效期至早于检查日期；未写有效期且成文（发布）已超过 5 年（标题含“暂行”“试行”的为 2 年，选项 maxYears、provisionalYears）；或文件页本身已标注失效、废止却仍列在现行有效库中。',
      source: `${sourceOf('七')}（完善现行有效行政规范性文件库，建立健全动态更新工作机制）`,
      fix: '清理到期文件：已失效的在文件页标注“失效/废止”并移出现行有效库，确需继续执行的重新发文或明确有效期。',
    },
    messages: {
      expired: '规范性文件《{title}》有效期至 {validUntil} 已届满，但仍标注为有效或列在现行有效库中，请标注失效并移出现行有效库，或重新发文明确有效期',
      tooOld: '规范性文件《{title}》（{date}）未写明有效期，已超过 {years} 年默认有效期仍作为现行有效公开，请评估清理：标注失效或重新发文明确有效期',
      repealedListed: '规范性文件《{title}》在文件页已标注“{validity}”，却仍列在现行有效规范性文件库“{column}”中，请将其移出现行有效库',
    },
    options: z
      .object({
        maxYears: z.number().int().positive().default(5),
        provisionalYears: z.number().int().positive().default(2),
        /** Label pattern (regex source) of the current-valid library column(s). */
        currentLibrary: z
          .string()
          .refine((v) => {
            try {
              new RegExp(v);
              return true;
            } catch {
              return false;
            }
          }, '不是有效的正则表达式')
          .default('现行有效|有效文件'),
        columns: z.array(z.string().min(1)).default(['规范性文件']),
      })
      .strict(),
    owner: ['法规处'],
  },
  check(ctx) {
    const { maxYears, provisionalYears } = ctx.options;
    const libraryLabel = new RegExp(ctx.options.currentLibrary);
    const isLibrary = (c: Column) => c.canonical === '规范性文件' && libraryLabel.test(c.name);
    for (const doc of documentsIn(ctx.site, ctx.options.columns)) {
      const page = doc.page;
      const key = urlKey(page.url);
      // Listed as current: an entry of a current-valid library column whose list title is not marked 【已失效】.
      const library = doc.columns.find(
        (c) => isLibrary(c) && c.entries.some((e) => urlKey(e.url) === key && !INVALID_MARK.test(e.title)),
      );
      const validity = page.disclosure?.validity?.trim();
      const invalid = markedInvalid(doc);
      const owner = ownerFor(ctx.site, '规范性文件', '法规处');
      const column = (library ?? doc.columns[0]).canonical ?? doc.columns[0].name;
      const base = { url: page.url, column, owner };
      if (invalid) {
        if (!library) continue; // correctly marked and not presented as current
        ctx.report({
          ...base,
          messageId: 'repealedListed',
          data: { title: doc.title, validity: validity || '失效', column: displayName(library.name) },
          evidence: { title: doc.title, validity: validity || '失效', library: library.url },
        });
        continue;
      }
      const presentedValid = (!!validity && VALID.test(validity)) || !!library;
      if (!presentedValid) continue;
      const docDate = page.disclosure?.writtenDate ?? page.disclosure?.publishDate ?? doc.entryDate;
      let validUntil = page.disclosure?.validUntil;
      const term = statedTerm(page.bodyText);
      if (!isDate(validUntil) && term && isDate(docDate)) validUntil = addYears(docDate, term);
      if (isDate(validUntil)) {
        if (validUntil < ctx.asOf) {
          ctx.report({
            ...base,
            messageId: 'expired',
            data: { title: doc.title, validUntil },
            evidence: { title: doc.title, validUntil, ...(validity ? { validity } : {}), ...(library ? { library: library.url } : {}) },
          });
        }
        continue;
      }
      if (!isDate(docDate)) continue;
      const provisional = /暂行|试行/.test(doc.title) || /暂行|试行/.test(pageTitle(page));
      const years = provisional ? provisionalYears : maxYears;
      if (addYears(docDate, years) < ctx.asOf) {
        ctx.report({
          ...base,
          messageId: 'tooOld',
          data: { title: doc.title, date: docDate, years },
          evidence: { title: doc.title, date: docDate, years, provisional, ...(validity ? { validity } : {}), ...(library ? { library: library.url } : {}) },
        });
      }
    }
  },
});

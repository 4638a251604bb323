import { z } from 'zod';
import { defineRule } from '../define-rule.js';
import { BUILTIN_SERIOUS_ERRORS, findSeriousErrors, seriousErrorPrecheck, type SeriousErrorEntry } from '../text/serious-errors.js';
import { maskedContext } from '../text/mask.js';
import { joinedPageText, pageTextSegments } from './page-text.js';

interface EntryList {
  entries: SeriousErrorEntry[];
  mayContain: (text: string) => boolean;
}

// The list and its compiled pre-check, per configured list (the runner passes the same settings to every page).
const LISTS = new WeakMap<readonly SeriousErrorEntry[], { builtin?: EntryList; own?: EntryList; items: readonly object[] }>();

function entryList(builtin: boolean, configured: readonly { wrong: string; right: string }[]): EntryList {
  let known = LISTS.get(configured);
  // Rebuilt if the configured array was changed since (entries added, removed or replaced).
  if (!known || known.items.length !== configured.length || known.items.some((e, i) => e !== configured[i])) {
    LISTS.set(configured, (known = { items: [...configured] }));
  }
  const slot = builtin ? 'builtin' : 'own';
  let list = known[slot];
  if (!list) {
    const entries: SeriousErrorEntry[] = [
      ...(builtin ? BUILTIN_SERIOUS_ERRORS : []),
      ...configured.map((e) => ({ ...e, category: '配置词条' })),
    ];
    list = known[slot] = { entries, mayContain: seriousErrorPrecheck(entries) };
  }
  return list;
}

export const contentSeriousError = defineRule({
  meta: {
    id: 'content/serious-error',
    scope: 'page',
    severity: 'critical',
    tags: ['content', 'national', 'veto'],
    docs: {
      title: '严重表述错误',
      description:
        '页面标题、正文或附件中出现内置词典（国家名称、党的名称、领导人姓名、重要政治表述的错写与错序）或配置项 seriousErrors 中列出的错误表述。属单项否决指标。',
      source: '《政府网站与政务新媒体检查指标》（国办秘函〔2019〕19号）单项否决“严重表述错误”',
      fix: '立即按正确表述更正页面或附件，并复核同一作者、同一栏目的其他稿件。',
    },
    messages: {
      error: '出现严重表述错误“{wrong}”，应为“{right}”，请立即更正',
    },
    options: z
      .object({
        /** Turn the built-in dictionary off and use only config `seriousErrors`. */
        builtin: z.boolean().default(true),
      })
      .strict()
      .default({ builtin: true }),
    owner: ['办公室'],
  },
  check(ctx) {
    const { entries, mayContain } = entryList(ctx.options.builtin, ctx.settings.seriousErrors);
    if (entries.length === 0) return;
    // Nearly every record holds none of the wrong forms: one scan of its whole text rules them all out.
    if (!mayContain(joinedPageText(ctx.page))) return;
    const segments = [{ text: ctx.page.title }, ...pageTextSegments(ctx.page)];
    // One finding per wrong form per record, at the first block that shows it; counts across the page.
    const found = new Map<string, { entry: SeriousErrorEntry; selector?: string; context: string; count: number }>();
    for (const segment of segments) {
      for (const hit of findSeriousErrors(segment.text, entries)) {
        const existing = found.get(hit.entry.wrong);
        if (existing) {
          if (existing.selector === undefined && segment.selector !== undefined) existing.selector = segment.selector;
          continue;
        }
        // Masked like the privacy rules' context: a snippet must not republish an ID or mobile number in full.
        const context = maskedContext(segment.text, hit.index, hit.entry.wrong.length, 15);
        found.set(hit.entry.wrong, { entry: hit.entry, selector: segment.selector, context, count: 0 });
      }
    }
    for (const [wrong, item] of found) {
      item.count = Math.max(1, findSeriousErrors(ctx.page.bodyText, [item.entry]).length);
      ctx.report({
        messageId: 'error',
        data: { wrong, right: item.entry.right },
        key: wrong,
        ...(item.selector !== undefined ? { selector: item.selector } : {}),
        evidence: {
          wrong,
          right: item.entry.right,
          category: item.entry.category ?? '',
          context: item.context,
          count: item.count,
        },
      });
    }
  },
});

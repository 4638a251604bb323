// Renders docs/rules.md from rule meta: one table row per rule of every pack, so the docs cannot drift from the
// code (a test compares the file with this output).
import { z } from 'zod';
import { SEVERITY_LABEL_ZH } from '../../reports/audit-schema.js';
import type { Rule, RulePack } from '../define-rule.js';

/** Markdown table cell: no pipes or line breaks. */
function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ').trim();
}

function formatValue(value: unknown): string {
  if (Array.isArray(value)) return value.join('、');
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}

/** "newsDays = 14；noticeDays = 183" from the options schema defaults (pack defaults applied). */
export function optionDefaults(rule: Rule, pack: RulePack): string {
  const schema = rule.meta.options;
  if (!schema) return '—';
  const packOptions = pack.defaults?.rules?.[rule.meta.id]?.options ?? {};
  const parsed = (schema as z.ZodType).safeParse(packOptions);
  if (!parsed.success || typeof parsed.data !== 'object' || parsed.data === null) return '—';
  const entries = Object.entries(parsed.data as Record<string, unknown>);
  if (entries.length === 0) return '—';
  return entries.map(([k, v]) => `\`${k}\` = ${formatValue(v)}`).join('；');
}

const SCOPE_ZH = { page: '页面', site: '全站' } as const;

export function renderRulesDoc(packs: readonly RulePack[]): string {
  const lines: string[] = [
    '# 规则说明',
    '',
    '<!-- 本文件由 `npm run docs:rules` 根据规则元数据自动生成，请勿手工编辑。 -->',
    '',
    '规则编号是公开约定（报告、浏览器扩展和外部工具都以此为键），不会改名。严重程度、选项和开关均可在配置文件 `rules` 部分覆盖，',
    '例如 `rules: { rules: { "column/stale": { options: { newsDays: 14 } } } }`；整个规则包可用 `rules.packs.<包名>: false` 关闭。',
    '',
  ];
  for (const pack of packs) {
    const rules = Object.values(pack.rules);
    lines.push(`## ${pack.title}（\`${pack.name}\`，${rules.length} 条）`, '');
    lines.push('| 编号 | 名称 | 范围 | 默认严重程度 | 检查内容 | 阈值/选项（默认值） | 依据 | 整改方法 | 默认责任处室 |');
    lines.push('|---|---|---|---|---|---|---|---|---|');
    for (const rule of [...rules].sort((a, b) => a.meta.id.localeCompare(b.meta.id))) {
      const m = rule.meta;
      const severity = pack.defaults?.rules?.[m.id]?.severity ?? m.severity;
      lines.push(
        '| ' +
          [
            `\`${m.id}\``,
            m.docs.title,
            SCOPE_ZH[m.scope],
            SEVERITY_LABEL_ZH[severity],
            m.docs.description,
            optionDefaults(rule, pack),
            m.docs.source,
            m.docs.fix,
            m.owner?.join('、') ?? '按栏目',
          ]
            .map(cell)
            .join(' | ') +
          ' |',
      );
    }
    lines.push('');
  }
  lines.push(
    '## 单项否决与扣分',
    '',
    '站点结论（`verdict`）按《政府网站与政务新媒体检查指标》（国办秘函〔2019〕19号）计算：任一单项否决项触发即不合格；',
    '否则以 100 分减去扣分，低于 60 分不合格。单项否决：站点无法访问、首页不更新、栏目不更新（动态要闻类与通知公告及政策文件类',
    '未按期更新或空白合计 5 个及以上）、空白栏目 5 个及以上、严重表述错误、政务新媒体不更新。扣分：首页不可用链接每条 1 分、',
    '其他页面每条 0.1 分（各封顶 10 分），以及隐私泄露、必设栏目缺失、年报缺失等（见 `rules/verdict.ts`）。',
    '',
  );
  return lines.join('\n');
}

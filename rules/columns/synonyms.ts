// The synonym table: every label variant sites use for a column, mapped onto one canonical name that rules,
// owner maps and reports key on. Add variants here, never rename a canonical name (rules reference them).
import { memoizeString } from './memoize.js';
import { normalizeLabel } from './normalize-label.js';

/** Canonical column names (public: findings' evidence.column and owner maps use them). */
export const CANONICAL = {
  hub: '政府信息公开',
  policy: '政策文件',
  interpretation: '政策解读',
  regulation: '规范性文件',
  notice: '通知公告',
  news: '工作动态',
  personnel: '人事信息',
  plan: '规划计划',
  budget: '财政预决算',
  statistics: '统计信息',
  procurement: '政府采购',
  procurementIntention: '采购意向',
  procurementDocs: '采购文件',
  procurementResults: '采购结果',
  procurementContracts: '采购合同',
  majorProjects: '重大建设项目',
  randomInspection: '双随机一公开',
  powerList: '权责清单',
  goodBad: '政务服务"好差评"',
  onRequest: '依申请公开',
  newMedia: '政务新媒体',
  guide: '政府信息公开指南',
  system: '政府信息公开制度',
  statutory: '法定主动公开内容',
  annualReport: '政府信息公开年报',
  catalogue: '政府信息公开目录',
  leaders: '领导信息',
  organization: '机构职能',
} as const;

export type CanonicalName = (typeof CANONICAL)[keyof typeof CANONICAL];

const SYNONYMS: Record<CanonicalName, string[]> = {
  政府信息公开: ['政府信息公开', '信息公开', '政务公开', '政府信息公开专栏', '政府信息公开平台'],
  政策文件: ['政策文件', '文件发布', '政策法规', '文件通知', '政府文件', '厅发文件', '文件资料', '政策文件库'],
  政策解读: ['政策解读', '解读回应', '解读', '政策解读回应', '图解政策', '政策图解', '文件解读'],
  规范性文件: [
    '规范性文件',
    '行政规范性文件',
    '现行有效规范性文件',
    '现行有效行政规范性文件',
    '规范性文件库',
    '行政规范性文件库',
    '现行有效行政规范性文件库',
    '现行有效规范性文件库',
  ],
  通知公告: ['通知公告', '公示公告', '公告公示', '通知', '公告', '通告公告'],
  工作动态: ['工作动态', '交通动态', '要闻', '新闻动态', '图片新闻', '交通要闻', '政务动态', '工作信息', '新闻中心', '厅内动态'],
  人事信息: ['人事信息', '人事任免', '人事', '人事招考'],
  规划计划: ['规划计划', '规划信息', '发展规划', '规划'],
  财政预决算: ['财政预决算', '财政资金', '预决算', '部门预决算', '预算决算', '财政信息', '预决算公开', '财政预决算公开'],
  统计信息: ['统计信息', '统计数据', '数据发布', '统计'],
  政府采购: ['政府采购', '采购信息', '政府采购信息'],
  采购意向: ['采购意向', '采购意向公开', '政府采购意向'],
  采购文件: ['采购文件', '采购公告', '招标公告'],
  采购结果: ['采购结果', '中标公告', '成交公告', '中标成交公告', '采购结果公告'],
  采购合同: ['采购合同', '合同公告', '采购合同公告', '政府采购合同'],
  重大建设项目: ['重大建设项目', '重大项目', '重点项目', '重大建设项目信息', '重点建设项目'],
  双随机一公开: ['双随机一公开', '随机抽查', '双随机', '双随机抽查', '随机抽查信息'],
  权责清单: ['权责清单', '权力清单', '责任清单', '权力和责任清单', '权力清单和责任清单'],
  '政务服务"好差评"': ['政务服务好差评', '好差评', '政务服务好差评信息', '好差评信息'],
  依申请公开: ['依申请公开', '依申请'],
  政务新媒体: ['政务新媒体', '新媒体矩阵', '政务新媒体矩阵', '新媒体'],
  政府信息公开指南: ['政府信息公开指南', '信息公开指南', '公开指南'],
  政府信息公开制度: ['政府信息公开制度', '信息公开制度', '公开制度', '政府信息公开规定'],
  法定主动公开内容: ['法定主动公开内容', '主动公开内容', '法定主动公开', '主动公开'],
  政府信息公开年报: [
    '政府信息公开年报',
    '政府信息公开年度报告',
    '政府信息公开工作年度报告',
    '信息公开年报',
    '信息公开年度报告',
    '年度报告',
    '年报',
  ],
  政府信息公开目录: ['政府信息公开目录', '信息公开目录', '公开目录'],
  领导信息: ['领导信息', '领导简介', '厅领导', '领导之窗', '负责人信息'],
  机构职能: ['机构职能', '机构设置', '机构概况', '主要职责', '内设机构'],
};

const LOOKUP = new Map<string, CanonicalName>();
for (const [canonical, variants] of Object.entries(SYNONYMS) as [CanonicalName, string[]][]) {
  for (const v of [canonical, ...variants]) LOOKUP.set(normalizeLabel(v), canonical);
}

/** Canonical column of a site label, or undefined when the label is not in the synonym table. */
export const canonicalColumn: (label: string) => string | undefined = memoizeString(computeCanonicalColumn);

function computeCanonicalColumn(label: string): string | undefined {
  const key = normalizeLabel(label);
  if (!key) return undefined;
  const hit = LOOKUP.get(key);
  if (hit) return hit;
  // "2022年政府信息公开年报", "省厅政策解读": a known label behind a short year/unit prefix.
  const stripped = key.replace(/^(\d{4}年(度)?|本厅|省厅|厅|本单位|本部门)/, '');
  return stripped !== key ? LOOKUP.get(stripped) : undefined;
}

/** Every label variant of a canonical column (for docs and tests). */
export function synonymsOf(canonical: string): string[] {
  return SYNONYMS[canonical as CanonicalName] ?? [];
}

export const CANONICAL_NAMES = Object.keys(SYNONYMS) as CanonicalName[];

// Built-in owner map (column → responsible office), from the responsibility lines of the department's 2022
// 政务公开工作要点 (shared/seed): 规范性文件 → 法规处 (七), 财政/政府采购 → 财务处 (六), 好差评 → 审批办 (十),
// 随机抽查 → 法规处 (四), 重大建设项目 → 综规处 (一), 权责清单 → 办公室 (八), 政务新媒体/信息公开/依申请 → 办公室
// (十二–十四).
// Config `owners` is merged over it. Keys are canonical column names; KEYWORD_OWNERS catches unmapped labels.

export const DEFAULT_OWNERS: Readonly<Record<string, string>> = {
  规范性文件: '法规处',
  行政规范性文件: '法规处',
  双随机一公开: '法规处',
  随机抽查: '法规处',
  财政预决算: '财务处',
  政府采购: '财务处',
  专项资金: '财务处',
  '政务服务"好差评"': '审批办',
  好差评: '审批办',
  重大建设项目: '综规处',
  规划计划: '综规处',
  政策文件: '办公室',
  // 谁起草谁解读: the drafting office owns each interpretation; 办公室 coordinates when it is unknown.
  政策解读: '办公室',
  政府信息公开: '办公室',
  政府信息公开指南: '办公室',
  政府信息公开制度: '办公室',
  法定主动公开内容: '办公室',
  政府信息公开年报: '办公室',
  依申请公开: '办公室',
  政务新媒体: '办公室',
  // (八) 聚焦厅权责清单…（办公室牵头）
  权责清单: '办公室',
  通知公告: '办公室',
  工作动态: '办公室',
  人事信息: '人事处',
  统计信息: '综规处',
};

/** Label keywords → office, for columns whose label did not map to a canonical name. First match wins. */
export const KEYWORD_OWNERS: readonly (readonly [RegExp, string])[] = [
  [/规范性文件/, '法规处'],
  [/随机|抽查/, '法规处'],
  [/预决算|预算|决算|财政|采购|专项资金/, '财务处'],
  [/好差评/, '审批办'],
  [/建设项目|规划/, '综规处'],
  [/人事|招聘|任免/, '人事处'],
  [/信息公开|依申请|新媒体|政策解读|政策文件|权责清单/, '办公室'],
];

/** Owner map with the built-in defaults under the configured entries. */
export function mergeOwners(configured: Record<string, string> = {}): Record<string, string> {
  return { ...DEFAULT_OWNERS, ...configured };
}

/**
 * The office responsible for a column: configured or default entry for the label, then for the canonical name,
 * then a keyword match on the label. Undefined when nothing applies.
 */
export function ownerForColumn(
  owners: Record<string, string>,
  label: string | undefined,
  canonical?: string,
  useKeywords = true,
): string | undefined {
  if (label && owners[label]) return owners[label];
  if (canonical && owners[canonical]) return owners[canonical];
  if (!useKeywords) return undefined;
  for (const text of [label, canonical]) {
    if (!text) continue;
    for (const [re, office] of KEYWORD_OWNERS) if (re.test(text)) return office;
  }
  return undefined;
}

// Rule families: the part of a rule id before the slash ('link/broken' → 'link'). Editors switch whole families on
// and off on the options page; both audited and live findings are filtered by them.

export const FAMILY_LABELS: Record<string, string> = {
  link: '链接可用性',
  column: '栏目更新',
  homepage: '首页更新',
  privacy: '隐私泄露',
  content: '内容表述',
  meta: '页面元数据',
  policy: '政策解读',
  regulation: '规范性文件',
  document: '文件废止标注',
  disclosure: '信息公开',
  goodbad: '好差评',
  procurement: '政府采购',
  newmedia: '政务新媒体',
};

export function ruleFamily(ruleId: string): string {
  const slash = ruleId.indexOf('/');
  return slash > 0 ? ruleId.slice(0, slash) : ruleId;
}

export function familyLabel(family: string): string {
  return FAMILY_LABELS[family] ?? family;
}

/** Families to offer: the known ones plus any that the rule ids in use add. */
export function listFamilies(ruleIds: Iterable<string> = []): string[] {
  const out = new Set(Object.keys(FAMILY_LABELS));
  for (const id of ruleIds) out.add(ruleFamily(id));
  return [...out];
}

export function isFamilyEnabled(ruleId: string, disabledFamilies: readonly string[]): boolean {
  return !disabledFamilies.includes(ruleFamily(ruleId));
}

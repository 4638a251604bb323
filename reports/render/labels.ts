// zh-CN labels for rule families and well-known rules. Fallbacks only: the audit's own ruleDocs win.
import type { AuditResult } from '../audit-schema.js';

export const FAMILY_LABEL_ZH: Record<string, string> = {
  link: '链接可用性',
  column: '栏目建设',
  privacy: '隐私保护',
  content: '内容表述',
  policy: '政策解读',
  regulation: '规范性文件',
  document: '公文规范',
  newmedia: '政务新媒体',
  meta: '元数据',
  disclosure: '政府信息公开',
  interaction: '互动回应',
  home: '首页',
  site: '网站标识',
  attachment: '附件',
  accessibility: '无障碍',
  security: '网站安全',
};

const RULE_TITLE_ZH: Record<string, string> = {
  'link/broken': '链接不可访问',
  'column/stale': '栏目不更新',
  'column/empty': '空白栏目',
  'column/missing': '缺少必设栏目',
  'privacy/id-number': '泄露身份证号码',
  'privacy/phone': '泄露手机号码',
  'privacy/bank-card': '泄露银行卡号',
  'content/serious-error': '严重表述错误',
  'content/typo': '疑似错别字',
  'policy/interpretation-missing': '政策文件缺少解读',
  'regulation/stale': '规范性文件有效期届满',
  'document/number-format': '文号格式不规范',
  'newmedia/stale': '政务新媒体不更新',
  'meta/missing': '缺少元数据',
  'disclosure/annual-report-late': '年度报告未按期发布',
};

const FAMILY_FIX_ZH: Record<string, string> = {
  link: '修复失效链接，或删除、替换为有效地址',
  column: '及时更新栏目内容；无内容的栏目应整合或撤销；补齐必设栏目',
  privacy: '立即删除或对个人信息脱敏处理，并排查同类页面及附件',
  content: '核实并更正错误表述，重新审校后发布',
  policy: '按照“谁起草谁解读”原则补发政策解读，并与文件相互关联',
  regulation: '清理规范性文件，更新有效性标注并公布清理结果',
  document: '按 GB/T 9704-2012 规范文号等要素',
  newmedia: '按期更新政务新媒体内容，确需停更的应公告并注销',
  meta: '按《政府网站发展指引》补齐页面元数据',
  disclosure: '按《政府信息公开条例》要求按期发布法定公开内容',
};

export function ruleFamily(ruleId: string): string {
  const slash = ruleId.indexOf('/');
  return slash > 0 ? ruleId.slice(0, slash) : ruleId;
}

export function familyLabel(family: string): string {
  return FAMILY_LABEL_ZH[family] ?? family;
}

export function ruleTitle(audit: AuditResult, ruleId: string): string {
  return audit.ruleDocs?.find((d) => d.id === ruleId)?.title ?? RULE_TITLE_ZH[ruleId] ?? ruleId;
}

export function ruleFix(audit: AuditResult, ruleId: string): string {
  return audit.ruleDocs?.find((d) => d.id === ruleId)?.fix ?? FAMILY_FIX_ZH[ruleFamily(ruleId)] ?? '按问题描述整改';
}

export const PLATFORM_LABEL_ZH: Record<string, string> = {
  wechat: '微信公众号',
  weibo: '微博',
  douyin: '抖音',
  toutiao: '今日头条',
  bilibili: '哔哩哔哩',
  website: '网站',
  other: '其他',
};

export const ACCOUNT_STATUS_ZH: Record<string, string> = {
  ok: '正常',
  stale: '不更新',
  unreachable: '无法访问',
  unlisted: '未在网站公布',
  unconfigured: '网站公布但未列入配置',
  nofeed: '未配置订阅源',
};

export const NO_OWNER = '未指定处室';
export const NO_COLUMN = '未归属栏目';

// Evidence as editors read it: zh-CN labels for the keys rules write (others are shown as written) and values
// turned into short text (yes/no, lists joined, long values cut).

export const EVIDENCE_LABELS: Record<string, string> = {
  masked: '号码（已遮盖）',
  context: '上下文',
  count: '出现次数',
  status: 'HTTP 状态',
  error: '错误',
  text: '文字',
  tag: '元素',
  internal: '站内链接',
  parentUrl: '所在页面',
  finalUrl: '最终地址',
  redirects: '跳转',
  missing: '缺少',
  wrong: '错误写法',
  right: '正确写法',
  category: '类别',
  date: '日期',
  publishDate: '发布日期',
  newest: '最新日期',
  days: '天数',
  limitDays: '时限（天）',
  thresholdDays: '时限（天）',
  since: '起始日期',
  year: '年份',
  years: '年数',
  column: '栏目',
  canonical: '规范栏目名',
  class: '栏目类别',
  saysEmpty: '页面标注“暂无信息”',
  hubUrl: '信息公开目录',
  title: '标题',
  docNo: '文号',
  indexNo: '索引号',
  docDate: '成文日期',
  validity: '有效性',
  validUntil: '有效期至',
  provisional: '暂行/试行',
  library: '文件库',
  declaredBy: '废止/修改声明所在页面',
  kind: '类型',
  interpretation: '解读',
  interpretationDate: '解读发布日期',
  footer: '页脚标识',
  meta: '元数据',
  recentEntries: '近期条目',
  intentions: '采购意向',
  workingDays: '工作日',
  maxWorkingDays: '最长工作日',
  brokenLinks: '失效链接',
  account: '账号',
  accounts: '账号',
  platform: '平台',
  unit: '主办单位',
  feed: '订阅源',
  feeds: '订阅源',
  post: '文章',
  postDate: '文章日期',
  postUrl: '文章地址',
  lastPostDate: '最近更新日期',
  lastPostTitle: '最近更新标题',
  lastPostUrl: '最近更新地址',
  page: '页面',
  configured: '已在配置中登记',
  listedOnSite: '已在网站上公布',
};

/** zh-CN for the enum values rules write into evidence, by key. */
const VALUE_LABELS: Record<string, Record<string, string>> = {
  class: { news: '动态要闻类', notice: '通知公告类', yearly: '年度更新类' },
  kind: { repealed: '已废止', amended: '已修改' },
  platform: { wechat: '微信', weibo: '微博', douyin: '抖音', toutiao: '今日头条', bilibili: '哔哩哔哩', website: '网站', other: '其他' },
  tag: { a: '链接', img: '图片', iframe: '内嵌框架', script: '脚本', link: '样式表', area: '热区链接', embed: '嵌入对象', source: '媒体资源' },
};

const MAX = 200;

export function evidenceLabel(key: string): string {
  return EVIDENCE_LABELS[key] ?? key;
}

export function evidenceText(value: unknown, key = ''): string {
  let text: string;
  if (typeof value === 'string') text = VALUE_LABELS[key]?.[value] ?? value;
  else if (typeof value === 'boolean') text = value ? '是' : '否';
  else if (Array.isArray(value) && value.every((v) => typeof v === 'string' || typeof v === 'number')) text = value.join('、');
  else {
    try {
      text = JSON.stringify(value) ?? String(value);
    } catch {
      text = String(value);
    }
  }
  return text.length > MAX ? `${text.slice(0, MAX)}…` : text;
}

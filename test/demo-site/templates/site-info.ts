// Constants of the mock department site (吉林省交通运输厅).
export const SITE = {
  name: '吉林省交通运输厅',
  domain: 'jtt.jl.gov.cn',
  idCode: '2200000012',
  icp: '吉ICP备05002368号',
  police: '吉公网安备 22010202000123号',
  address: '吉林省长春市人民大街3525号',
  phone: '0431-88901234',
  /** 18-digit unified credit code used as 索引号 prefix. It passes the GB 11643 checksum with a plausible "birth
   *  date" on purpose (a decoy for privacy/id-number); the check digit is computed in identity.ts. */
  creditCodeBase17: '11220119850312001',
  /** 9-character organisation code used by older pages' 索引号. */
  orgCode: '013544357',
} as const;

/** Top navigation shown on every page (top-level columns only; all paths exist). */
export const NAV: { text: string; href: string }[] = [
  { text: '首页', href: '/' },
  { text: '政府信息公开', href: '/zwgk/index.html' },
  { text: '交通动态', href: '/xwzx/jtdt/index.html' },
  { text: '通知公告', href: '/zwgk/tzgg/index.html' },
  { text: '政策文件', href: '/zwgk/zcwj/index.html' },
  { text: '政策解读', href: '/zwgk/zcjd/index.html' },
  { text: '政务服务', href: '/col/col123/index.html' },
  { text: '政务新媒体', href: '/zwgk/zwxmt/index.html' },
];

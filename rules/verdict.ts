// Site verdict after 政府网站与政务新媒体检查指标 (国办秘函〔2019〕19号): Part 1 one-strike items (any fired fails the
// site) and Part 2 deductions from 100 (below 60 fails), computed from findings as data for the reports.
import type { Finding, Verdict } from '../reports/audit-schema.js';
import type { SiteModel } from './site-model.js';
import { DISCLOSURE_REQUIRED_COLUMNS } from './national/column-missing.js';

export interface DeductionRule {
  id: string;
  /** zh-CN. */
  title: string;
  /** Points per finding. */
  points: number;
  /** Maximum points this item can take. */
  cap: number;
  match(finding: Finding, homeUrls: Set<string>): boolean;
}

export interface VerdictOptions {
  /** The site could not be reached at all (or failed the availability probes). */
  unreachable?: boolean;
  /** Stale-or-empty columns of the counted classes (动态要闻, 通知公告/政策文件) that fire the item. Default 5. */
  staleColumnsVeto?: number;
  /** Empty columns that fire the item. Default 5. */
  emptyColumnsVeto?: number;
  /** Pass mark. Default 60. */
  passScore?: number;
  /** Replace the deduction table. */
  deductions?: DeductionRule[];
}

const isBrokenLink = (f: Finding) => f.rule === 'link/broken';

function homeMatch(f: Finding, homeUrls: Set<string>): boolean {
  return homeUrls.has(normalize(f.url));
}

function normalize(url: string): string {
  return url.replace(/#.*$/, '').replace(/\/(index\.s?html?)?$/i, '');
}

/** Part 2 deductions. Broken links after the inspection's practice; the others are [A] defaults. */
export const DEFAULT_DEDUCTIONS: readonly DeductionRule[] = [
  { id: 'links-home', title: '首页链接不可用', points: 1, cap: 10, match: (f, h) => isBrokenLink(f) && homeMatch(f, h) },
  { id: 'links-other', title: '其他页面链接不可用', points: 0.1, cap: 10, match: (f, h) => isBrokenLink(f) && !homeMatch(f, h) },
  { id: 'privacy', title: '泄露个人隐私信息', points: 2, cap: 10, match: (f) => f.rule.startsWith('privacy/') },
  // The statutory disclosure sub-columns only: columns a department's own 要点 requires (same rule id, other
  // pack) are not an item of the national indicators.
  {
    id: 'column-missing',
    title: '必设栏目缺失',
    points: 2,
    cap: 10,
    match: (f) => f.rule === 'column/missing' && DISCLOSURE_REQUIRED_COLUMNS.includes(String((f.evidence as { column?: unknown }).column)),
  },
  {
    id: 'columns-other-stale',
    title: '其他栏目更新不及时',
    points: 0.5,
    cap: 5,
    match: (f) => f.rule === 'column/stale' && (f.evidence as { class?: string }).class === 'yearly',
  },
  { id: 'annual-report', title: '未按期发布政府信息公开年报', points: 3, cap: 3, match: (f) => f.rule === 'disclosure/annual-report-missing' },
  { id: 'repeal-unmarked', title: '废止或修改文件未标注', points: 0.5, cap: 5, match: (f) => f.rule === 'document/repeal-unmarked' },
  { id: 'meta', title: '页面元数据不规范', points: 0.05, cap: 3, match: (f) => f.rule === 'meta/missing' },
];

const COUNTED_CLASSES = new Set(['news', 'notice']);
// newmedia/stale: no post in the 2 weeks before the check (one-strike item for new media).
const NEWMEDIA_VETO = /^newmedia\/(stale|not-updated|no-interaction|interaction)/;

function round(n: number): number {
  return Math.round(n * 100) / 100;
}

export function computeVerdict(findings: Finding[], site?: SiteModel, opts: VerdictOptions = {}): Verdict {
  const staleVeto = opts.staleColumnsVeto ?? 5;
  const emptyVeto = opts.emptyColumnsVeto ?? 5;
  const passScore = opts.passScore ?? 60;
  const ids = (list: Finding[]) => list.map((f) => f.id);
  const vetoes: Verdict['vetoes'] = [];

  const homeStatus = site?.home?.status;
  const unreachable =
    opts.unreachable === true ||
    findings.some((f) => f.rule === 'site/unreachable') ||
    (site !== undefined && (site.home === undefined || (homeStatus !== undefined && homeStatus >= 400)));
  vetoes.push({
    id: 'site-unreachable',
    title: '站点无法访问',
    fired: unreachable,
    ...(unreachable ? { detail: homeStatus && homeStatus >= 400 ? `首页返回 HTTP ${homeStatus}` : '首页无法访问' } : {}),
    findingIds: ids(findings.filter((f) => f.rule === 'site/unreachable')),
  });

  const homeStale = findings.filter((f) => f.rule === 'homepage/not-updated');
  vetoes.push({ id: 'homepage-not-updated', title: '首页不更新', fired: homeStale.length > 0, findingIds: ids(homeStale) });

  // One column counts once even when it is both stale and empty or listed twice.
  const counted = new Map<string, Finding>();
  for (const f of findings) {
    if (f.rule !== 'column/stale' && f.rule !== 'column/empty') continue;
    const cls = (f.evidence as { class?: string }).class;
    if (cls && COUNTED_CLASSES.has(cls) && !counted.has(f.url)) counted.set(f.url, f);
  }
  vetoes.push({
    id: 'columns-not-updated',
    title: '栏目不更新',
    fired: counted.size >= staleVeto,
    detail: `动态要闻类、通知公告及政策文件类栏目未按期更新或空白共 ${counted.size} 个（${staleVeto} 个及以上即否决）`,
    findingIds: ids([...counted.values()]),
  });

  const empty = new Map<string, Finding>();
  for (const f of findings) if (f.rule === 'column/empty' && !empty.has(f.url)) empty.set(f.url, f);
  vetoes.push({
    id: 'empty-columns',
    title: '空白栏目',
    fired: empty.size >= emptyVeto,
    detail: `空白栏目 ${empty.size} 个（${emptyVeto} 个及以上即否决）`,
    findingIds: ids([...empty.values()]),
  });

  const serious = findings.filter((f) => f.rule === 'content/serious-error' || f.rule === 'newmedia/serious-error');
  vetoes.push({ id: 'serious-error', title: '严重表述错误', fired: serious.length > 0, findingIds: ids(serious) });

  const newMedia = findings.filter((f) => NEWMEDIA_VETO.test(f.rule) && f.rule !== 'newmedia/serious-error');
  if (newMedia.length > 0 || (site?.newMedia?.accounts.length ?? 0) > 0) {
    vetoes.push({ id: 'newmedia', title: '政务新媒体不更新或互动回应差', fired: newMedia.length > 0, findingIds: ids(newMedia) });
  }

  const homeUrls = new Set<string>();
  if (site?.startUrl) homeUrls.add(normalize(site.startUrl));
  if (site?.home?.url) homeUrls.add(normalize(site.home.url));
  const deductions: Verdict['deductions'] = [];
  let total = 0;
  for (const rule of opts.deductions ?? DEFAULT_DEDUCTIONS) {
    const count = findings.filter((f) => rule.match(f, homeUrls)).length;
    if (count === 0) continue;
    const points = round(Math.min(rule.cap, count * rule.points));
    total += points;
    deductions.push({ id: rule.id, title: rule.title, count, points });
  }
  const score = Math.max(0, round(100 - total));
  return { pass: !vetoes.some((v) => v.fired) && score >= passScore, score, vetoes, deductions };
}

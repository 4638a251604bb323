import { describe, expect, it } from 'vitest';
import type { Finding } from '../../reports/audit-schema.js';
import { verdictSchema } from '../../reports/audit-schema.js';
import { computeVerdict } from '../../rules/verdict.js';
import { page, siteModel } from './helpers.js';

const SITE = 'https://jtt.example.gov.cn/';
let n = 0;
function f(rule: string, url = `${SITE}p${n}.html`, evidence: Record<string, unknown> = {}): Finding {
  n++;
  return { id: `id${n}`, rule, severity: 'serious', url, message: '测试', evidence };
}
const site = () => siteModel({ startUrl: SITE, pages: [page({ url: SITE, kind: 'home', dates: ['2024-06-29'] })] });

describe('computeVerdict', () => {
  it('passes a clean reachable site with score 100 and lists every veto as not fired', () => {
    const v = computeVerdict([], site());
    expect(verdictSchema.parse(v)).toEqual(v);
    expect(v).toMatchObject({ pass: true, score: 100, deductions: [] });
    expect(v.vetoes.map((x) => x.id)).toEqual(['site-unreachable', 'homepage-not-updated', 'columns-not-updated', 'empty-columns', 'serious-error']);
    expect(v.vetoes.every((x) => !x.fired)).toBe(true);
  });

  it('fails an unreachable site (no home page record, a 5xx home page, or the option)', () => {
    expect(computeVerdict([], siteModel({ pages: [] })).vetoes[0].fired).toBe(true);
    const down = siteModel({ pages: [page({ url: SITE, kind: 'home', status: 503 })] });
    const v = computeVerdict([], down);
    expect(v.pass).toBe(false);
    expect(v.vetoes[0].detail).toContain('503');
    expect(computeVerdict([], undefined, { unreachable: true }).pass).toBe(false);
  });

  it('fires the column item at 5 stale-or-empty columns of the counted classes, not 4, not yearly ones', () => {
    const four = [1, 2, 3, 4].map((i) => f('column/stale', `${SITE}c${i}/`, { class: i % 2 ? 'news' : 'notice' }));
    const yearly = f('column/stale', `${SITE}y/`, { class: 'yearly' });
    const dupOfFirst = f('column/empty', `${SITE}c1/`, { class: 'news' });
    const v4 = computeVerdict([...four, yearly, dupOfFirst], site());
    expect(v4.vetoes.find((x) => x.id === 'columns-not-updated')!.fired).toBe(false);
    const fifth = f('column/empty', `${SITE}c5/`, { class: 'notice' });
    const v5 = computeVerdict([...four, yearly, dupOfFirst, fifth], site());
    const veto = v5.vetoes.find((x) => x.id === 'columns-not-updated')!;
    expect(veto.fired).toBe(true);
    expect(veto.findingIds).toHaveLength(5);
    expect(v5.pass).toBe(false);
  });

  it('fires on 5 empty columns, homepage not updated, serious errors and new-media staleness', () => {
    const empties = [1, 2, 3, 4, 5].map((i) => f('column/empty', `${SITE}e${i}/`));
    expect(computeVerdict(empties, site()).vetoes.find((x) => x.id === 'empty-columns')!.fired).toBe(true);
    expect(computeVerdict([f('homepage/not-updated', SITE)], site()).pass).toBe(false);
    const serious = computeVerdict([f('content/serious-error')], site());
    expect(serious.vetoes.find((x) => x.id === 'serious-error')!.fired).toBe(true);
    const nm = computeVerdict([f('newmedia/stale')], site());
    expect(nm.vetoes.find((x) => x.id === 'newmedia')!.fired).toBe(true);
  });

  it('deducts 2 per missing statutory disclosure column, not for columns only the 要点 requires', () => {
    const v = computeVerdict(
      [
        f('column/missing', SITE, { column: '政府信息公开制度' }),
        f('column/missing', SITE, { column: '权责清单' }),
        f('column/missing', SITE, { column: '重大建设项目' }),
      ],
      site(),
    );
    expect(v.deductions).toEqual([{ id: 'column-missing', title: '必设栏目缺失', count: 1, points: 2 }]);
    expect(v.score).toBe(98);
  });

  it('deducts 1 per broken link on the home page and 0.1 elsewhere, capped, and fails below 60', () => {
    const home = [1, 2, 3].map(() => f('link/broken', `${SITE}index.html`));
    const other = Array.from({ length: 15 }, (_, i) => f('link/broken', `${SITE}a/${i}.html`));
    const v = computeVerdict([...home, ...other], site());
    expect(v.deductions).toEqual([
      { id: 'links-home', title: '首页链接不可用', count: 3, points: 3 },
      { id: 'links-other', title: '其他页面链接不可用', count: 15, points: 1.5 },
    ]);
    expect(v.score).toBe(95.5);
    expect(v.pass).toBe(true);
    const many = Array.from({ length: 50 }, () => f('link/broken', SITE));
    expect(computeVerdict(many, site()).deductions[0].points).toBe(10);
    const failing = computeVerdict([], site(), { passScore: 100.5 });
    expect(failing.pass).toBe(false);
  });
});

// Exact findings of the jl-jtt-2022 pack on the demo site: page records are built by extractPage from the demo's
// routes (no crawler), link outcomes from the routes, then page and site rules run as in an audit.
import { describe, expect, it } from 'vitest';
import * as cheerio from 'cheerio';
import { buildDemoSite, decoysFor, expectedFor, type BuiltSite } from '../../demo-site/index.js';
import { createCheerioAdapter } from '../../../crawler/extract/cheerio-adapter.js';
import { extractPage } from '../../../crawler/extract/extract-page.js';
import { decodeHtml } from '../../../crawler/http/decode.js';
import type { PageRecord } from '../../../crawler/page-record.js';
import type { Finding } from '../../../reports/audit-schema.js';
import type { LinkEdge, LinkOutcome } from '../../../rules/site-model.js';
import { RuleRunner } from '../../../rules/engine/rule-runner.js';
import { buildSiteModel } from '../../../rules/site-model-builder.js';
import { jlJtt2022Pack } from '../../../rules/jl-jtt-2022/index.js';

const BASE = 'http://demo.test/';
const ASOF = '2025-06-16';

const JL_RULES = [
  'policy/interpretation-missing',
  'policy/interpretation-late',
  'regulation/stale',
  'disclosure/attribute-missing',
  'goodbad/data-missing',
  'procurement/intention-missing',
];

async function audit(built: BuiltSite): Promise<{ findings: Finding[]; errors: unknown[]; site: ReturnType<typeof buildSiteModel> }> {
  const pages: PageRecord[] = [];
  const outcomes = new Map<string, LinkOutcome>();
  const links: LinkEdge[] = [];
  const runner = new RuleRunner({ packs: [jlJtt2022Pack], asOf: ASOF, siteUrl: BASE });
  const findings: Finding[] = [];
  const errors: unknown[] = [];
  for (const [path, res] of built.routes) {
    const type = res.headers['content-type'] ?? '';
    if (res.status >= 300 || !/text\/html/i.test(type)) continue;
    const url = new URL(path, BASE).href;
    const { text } = decodeHtml(res.body, type);
    const adapter = createCheerioAdapter(cheerio.load(text), url);
    const record = extractPage(adapter, { url, status: res.status, contentType: type, siteUrl: BASE, sameSiteHosts: [], dropParams: [] });
    pages.push(record);
    const run = await runner.runPage(record, adapter);
    findings.push(...run.findings);
    errors.push(...run.errors);
    for (const l of record.links) {
      links.push({ from: record.url, to: l.url, selector: l.selector, tag: l.tag, text: l.text, attachment: l.attachment });
      if (!l.internal || outcomes.has(l.url)) continue;
      const target = built.routes.get(new URL(l.url).pathname);
      outcomes.set(l.url, { url: l.url, state: target && target.status < 400 ? 'ok' : 'broken', status: target?.status ?? 404, internal: true });
    }
  }
  const site = buildSiteModel({ startUrl: BASE, pages, links, outcomes });
  const siteRun = await new RuleRunner({ packs: [jlJtt2022Pack], asOf: ASOF, siteUrl: BASE, owners: site.owners }).runSite(site);
  findings.push(...siteRun.findings);
  errors.push(...siteRun.errors);
  return { findings, errors, site };
}

const urlsOf = (findings: Finding[], rule: string) =>
  findings
    .filter((f) => f.rule === rule)
    .map((f) => f.url)
    .sort();

describe.each([
  ['planted GBK/UTF-8 mix', undefined],
  ['every page GBK', true],
] as const)('jl-jtt-2022 on the demo site (%s)', (_label, gbk) => {
  const built = buildDemoSite({ asOf: ASOF, gbk, externalOrigin: 'http://127.0.0.1:9', refusedOrigin: 'http://127.0.0.1:10' });
  const run = audit(built);

  it('runs without rule errors', async () => {
    expect((await run).errors).toEqual([]);
  });

  it.each(JL_RULES)('%s: exactly the planted findings, no decoy', async (rule) => {
    const { findings } = await run;
    const expected = expectedFor(built.groundTruth, rule, BASE, 'jl-jtt-2022').map((e) => e.url);
    expect(urlsOf(findings, rule)).toEqual(expected);
    for (const decoy of decoysFor(built.groundTruth, rule, BASE)) expect(urlsOf(findings, rule)).not.toContain(decoy.url);
  });

  it('column/missing: exactly the 要点 columns the site lacks', async () => {
    const { findings } = await run;
    const expected = built.groundTruth.expected
      .filter((e) => e.rule === 'column/missing' && e.pack === 'jl-jtt-2022')
      .map((e) => e.evidence?.column)
      .sort();
    const got = findings.filter((f) => f.rule === 'column/missing');
    expect(got.map((f) => f.evidence.column).sort()).toEqual(expected);
    for (const f of got) expect(f.url).toBe(BASE);
    // Owners follow the 要点's responsibility lines: (一) 重大建设项目 → 综规处, (八) 权责清单 → 办公室.
    const owners = Object.fromEntries(got.map((f) => [f.evidence.column as string, f.owner]));
    expect(owners).toMatchObject({ 重大建设项目: '综规处', 权责清单: '办公室' });
    for (const f of got) expect(f.column).toBe(f.evidence.column);
  });

  it('findings name the column, the office and what to fix, in zh-CN', async () => {
    const { findings } = await run;
    expect(findings.length).toBeGreaterThan(10);
    for (const f of findings) {
      expect(f.message).toMatch(/[\u4e00-\u9fff]/);
      expect(f.message).toMatch(/请/);
      expect(f.message).not.toMatch(/\{\w+\}/);
      expect(f.owner).toBeTruthy();
    }
    const byUrl = (rule: string) => findings.filter((f) => f.rule === rule);
    for (const f of byUrl('regulation/stale')) expect(f.owner).toBe('法规处');
    for (const f of byUrl('procurement/intention-missing')) expect(f.owner).toBe('财务处');
    for (const f of byUrl('goodbad/data-missing')) expect(f.owner).toBe('审批办');
    // Every site finding names its column (page findings get theirs in the audit, after the inventory exists).
    for (const f of findings.filter((x) => x.rule !== 'disclosure/attribute-missing')) expect(f.column, `${f.rule} ${f.url}`).toBeTruthy();
  });
});

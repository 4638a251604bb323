// Exact findings of the national pack's own rules on the demo site: records are built by extractPage from the
// demo's routes (no crawler), txt/csv attachments become attachment records, link outcomes come from the routes,
// then page and site rules run as in an audit and each rule's urls must equal the ground truth (decoys excluded).
import { describe, expect, it } from 'vitest';
import * as cheerio from 'cheerio';
import { buildDemoSite, decoysFor, expectedFindings, type BuiltSite } from '../demo-site/index.js';
import { createCheerioAdapter } from '../../crawler/extract/cheerio-adapter.js';
import { extractPage } from '../../crawler/extract/extract-page.js';
import { decodeHtml } from '../../crawler/http/decode.js';
import { extractAttachmentText } from '../../crawler/attachments/index.js';
import { pageRecordSchema, type PageRecord } from '../../crawler/page-record.js';
import type { Finding } from '../../reports/audit-schema.js';
import type { LinkEdge, LinkOutcome } from '../../rules/site-model.js';
import { RuleRunner } from '../../rules/engine/rule-runner.js';
import { buildSiteModel } from '../../rules/site-model-builder.js';
import { nationalPack } from '../../rules/national/index.js';
import { computeVerdict } from '../../rules/verdict.js';
import { hasCjk } from '../../rules/text/cjk.js';
import { IDS, MOBILES } from '../demo-site/attachments/people.js';

const BASE = 'http://demo.test/';
const ASOF = '2025-06-16';

const RULES = [
  'column/missing',
  'column/empty',
  'column/stale',
  'homepage/not-updated',
  'meta/missing',
  'privacy/id-number',
  'privacy/mobile',
  'content/serious-error',
  'disclosure/annual-report-missing',
  'document/repeal-unmarked',
];

// Attachments the crawler reads text from (crawler/attachments): every one becomes an attachment record.
const ATTACHMENT_EXT = /\.(xlsx|xls|et|docx|pdf|csv|txt)$/i;

async function audit(built: BuiltSite) {
  const pages: PageRecord[] = [];
  const attachments: PageRecord[] = [];
  const outcomes = new Map<string, LinkOutcome>();
  const links: LinkEdge[] = [];
  // Only the national pack's own rules here (link and new-media rules have their own tests).
  const config = { rules: Object.fromEntries(Object.keys(nationalPack.rules).filter((id) => !RULES.includes(id)).map((id) => [id, false as const])) };
  const runner = new RuleRunner({ packs: [nationalPack], asOf: ASOF, siteUrl: BASE, config });
  const findings: Finding[] = [];
  const errors: unknown[] = [];
  for (const [path, res] of built.routes) {
    const type = res.headers['content-type'] ?? '';
    const url = new URL(path, BASE).href;
    if (res.status >= 300) continue;
    const ext = ATTACHMENT_EXT.exec(path)?.[1];
    if (ext) {
      const { text, error } = await extractAttachmentText(res.body, ext);
      if (error) throw new Error(`${path}: ${error}`);
      attachments.push(pageRecordSchema.parse({ url, status: res.status, kind: 'attachment', bodyText: text, contentType: type }));
      continue;
    }
    if (!/text\/html/i.test(type)) continue;
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
  for (const record of attachments) {
    const run = await runner.runPage(record);
    findings.push(...run.findings);
    errors.push(...run.errors);
  }
  const site = buildSiteModel({ startUrl: BASE, pages, links, outcomes });
  const siteRun = await new RuleRunner({ packs: [nationalPack], asOf: ASOF, siteUrl: BASE, config, owners: site.owners, columnOf: (u) => {
    const c = site.columns.columnOf(u);
    return c ? { column: c.name, canonical: c.canonical, owner: c.owner } : undefined;
  } }).runSite(site);
  findings.push(...siteRun.findings);
  errors.push(...siteRun.errors);
  const scanned = new Set([...pages, ...attachments].map((p) => p.url));
  return { findings, errors, site, scanned };
}

const urlsOf = (findings: Finding[], rule: string) =>
  findings
    .filter((f) => f.rule === rule)
    .map((f) => f.url)
    .sort();

describe.each([
  ['planted GBK/UTF-8 mix', undefined, false],
  ['every page GBK, stale home', true, true],
] as const)('national pack on the demo site (%s)', (_label, gbk, staleHome) => {
  const built = buildDemoSite({ asOf: ASOF, gbk, staleHome, externalOrigin: 'http://127.0.0.1:9', refusedOrigin: 'http://127.0.0.1:10' });
  const run = audit(built);

  it('runs without rule errors', async () => {
    expect((await run).errors).toEqual([]);
  });

  it.each(RULES)('%s: exactly the planted findings, no decoy', async (rule) => {
    const { findings, scanned } = await run;
    // Feed posts on the external host are read by the new-media pipeline (test/newmedia); every planted case on
    // a site page or attachment (xlsx/docx/pdf/csv/txt, through the crawler's text extractor) must match here.
    const expected = expectedFindings(built.groundTruth, rule, BASE).filter((e) => !e.pack || e.pack === 'national');
    const local = expected.filter((e) => scanned.has(e.url));
    expect(expected.filter((e) => !scanned.has(e.url) && e.origin !== 'external').map((e) => e.url)).toEqual([]);
    expect(urlsOf(findings, rule)).toEqual(local.map((e) => e.url).sort());
    for (const e of local) {
      if (!e.evidence) continue;
      const candidates = findings.filter((f) => f.rule === rule && f.url === e.url);
      expect(candidates.some((f) => Object.entries(e.evidence!).every(([k, v]) => JSON.stringify(f.evidence[k]) === JSON.stringify(v))), `${rule} ${e.url} evidence ${JSON.stringify(e.evidence)}`).toBe(true);
    }
    const got = new Set(urlsOf(findings, rule));
    for (const d of decoysFor(built.groundTruth, rule, BASE)) {
      if (!expected.some((e) => e.url === d.url)) expect(got.has(d.url), `decoy ${d.url}: ${d.note}`).toBe(false);
    }
  });

  it('every finding is zh-CN, says what to fix, is masked, and carries an owner', async () => {
    const { findings } = await run;
    expect(findings.length).toBeGreaterThan(5);
    for (const f of findings) {
      expect(hasCjk(f.message), f.message).toBe(true);
      // Names what to fix, with every placeholder filled.
      expect(f.message, f.message).toMatch(/请/);
      expect(f.message, f.message).not.toMatch(/\{\w+\}/);
      expect(f.owner, `${f.rule} ${f.url}`).toBeTruthy();
      const text = JSON.stringify(f);
      for (const n of [...Object.values(IDS), ...Object.values(MOBILES)].filter((v) => /^\d+X?$/.test(v) && v.length >= 11)) {
        if (n !== MOBILES.longRun) expect(text, `${f.rule} ${f.url}`).not.toContain(n);
      }
    }
  });

  it('computes a verdict from the findings', async () => {
    const { findings, site } = await run;
    const verdict = computeVerdict(findings, site);
    expect(verdict.vetoes.find((v) => v.id === 'serious-error')!.fired).toBe(true);
    expect(verdict.vetoes.find((v) => v.id === 'homepage-not-updated')!.fired).toBe(staleHome);
    expect(verdict.pass).toBe(false);
  });
});

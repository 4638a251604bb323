// One real audit of the demo site (crawl, attachments, link check, column inventory, both packs, verdict), as
// `npm run demo` runs it: every rule of the rule-engine issue finds exactly the planted cases on the site and none
// of the decoys, and every finding carries its office (and its column where the page belongs to one).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAuditDetailed, type AuditRun } from '../../crawler/audit.js';
import { PLANTED_RULES, startDemoSite, type DemoSite } from '../demo-site/index.js';

const AS_OF = '2025-06-16';
// The rule-engine issue's rules: every planted rule but the link audit's and the new-media ones (own tests).
const RULES = PLANTED_RULES.filter((rule) => !rule.startsWith('link/') && !rule.startsWith('newmedia/'));

let site: DemoSite;
let out: string;
let run: AuditRun;

beforeAll(async () => {
  site = await startDemoSite({ asOf: AS_OF });
  out = await mkdtemp(join(tmpdir(), 'gongkai-demo-rules-'));
  // No new-media accounts configured: the external host's posts are not part of this audit.
  run = await runAuditDetailed({ url: site.url, outDir: out, asOf: AS_OF, polite: false, reports: false, recheckDelayMs: 10 });
}, 120_000);

afterAll(async () => {
  await site?.close();
  if (out) await rm(out, { recursive: true, force: true });
});

describe('a real audit of the demo site: rule engine, national and jl-jtt-2022 packs', () => {
  it('runs every rule without an error entry', () => {
    expect(run.audit.errors).toEqual([]);
    expect(run.audit.audit.rulePacks).toEqual(['national', 'jl-jtt-2022']);
  });

  it.each(RULES)('%s: exactly the planted findings on the site, no decoy', (rule) => {
    const got = run.audit.findings.filter((f) => f.rule === rule).map((f) => f.url);
    const expected = site.expectedFor(rule).map((e) => e.url).filter((u) => u.startsWith(site.url));
    expect(got.sort()).toEqual(expected.sort());
    for (const d of site.decoysFor(rule)) if (!expected.includes(d.url)) expect(got, `decoy ${d.url}: ${d.note}`).not.toContain(d.url);
  });

  it('gives every finding an office, and a column wherever its page belongs to one', () => {
    const columnPages = new Set(run.audit.columns?.map((c) => c.url) ?? []);
    expect(columnPages.size).toBeGreaterThan(10);
    for (const f of run.audit.findings) {
      expect(f.owner, `${f.rule} ${f.url}`).toBeTruthy();
      if (columnPages.has(f.url) || /\/zwgk\/\w+\/\d{6}\//.test(new URL(f.url).pathname)) expect(f.column, `${f.rule} ${f.url}`).toBeTruthy();
    }
    const owner = (rule: string) => [...new Set(run.audit.findings.filter((f) => f.rule === rule).map((f) => f.owner))];
    expect(owner('regulation/stale')).toEqual(['法规处']);
    expect(owner('goodbad/data-missing')).toEqual(['审批办']);
    expect(owner('procurement/intention-missing')).toEqual(['财务处']);
    const missing = Object.fromEntries(run.audit.findings.filter((f) => f.rule === 'column/missing').map((f) => [f.evidence.column, f.owner]));
    expect(missing).toEqual({ 政府信息公开制度: '办公室', 重大建设项目: '综规处', 权责清单: '办公室' });
  });

  it('puts the verdict in the audit JSON: the serious-error veto fires, one statutory column is missing', () => {
    const v = run.audit.verdict!;
    expect(v.pass).toBe(false);
    expect(v.vetoes.find((x) => x.id === 'serious-error')?.fired).toBe(true);
    expect(v.vetoes.find((x) => x.id === 'homepage-not-updated')?.fired).toBe(false);
    expect(v.deductions.find((d) => d.id === 'column-missing')).toEqual({ id: 'column-missing', title: '必设栏目缺失', count: 1, points: 2 });
    expect(v.deductions.find((d) => d.id === 'links-home')?.count).toBeGreaterThan(0);
  });
});

// The registered demo site audited as `npm run demo` does (startDemoSite + demoNewMediaConfig, real crawl): the
// new-media findings are exactly the planted ones — feeds and posts on the external host, the listing checks on the
// site's one 政务新媒体 page — and feeds and posts are never crawled as site pages.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAuditDetailed, type AuditRun } from '../../crawler/audit.js';
import { startDemoSite, type DemoSite } from '../demo-site/index.js';
import { NEWMEDIA_PAGE } from '../demo-site/sections/newmedia.js';
import { demoNewMediaConfig } from '../demo-site/sections/newmedia-config.js';
import { SiteBuilder } from '../demo-site/site-builder.js';
import { newMediaSection } from '../demo-site/sections/newmedia.js';

const AS_OF = '2022-06-15';
let site: DemoSite;
let out: string;
let run: AuditRun;

beforeAll(async () => {
  site = await startDemoSite({ asOf: AS_OF });
  out = await mkdtemp(join(tmpdir(), 'gongkai-demo-newmedia-'));
  run = await runAuditDetailed({
    url: site.url,
    outDir: out,
    asOf: AS_OF,
    polite: false,
    reports: false,
    config: { newMedia: demoNewMediaConfig(site) },
    recheckDelayMs: 10,
  });
}, 120_000);

afterAll(async () => {
  await site?.close();
  if (out) await rm(out, { recursive: true, force: true });
});

const key = (f: { rule: string; url: string }) => `${f.rule} ${f.url}`;

describe('npm run demo: new media on the registered demo site', () => {
  it.each(['newmedia/stale', 'newmedia/unreachable', 'newmedia/unlisted', 'newmedia/duplicate'])('%s: exactly the planted findings', (rule) => {
    const got = run.audit.findings.filter((f) => f.rule === rule);
    expect(got.map(key).sort()).toEqual(site.expectedFor(rule).map((e) => key({ rule, url: e.url })));
    for (const d of site.decoysFor(rule)) expect(got.some((f) => f.url === d.url), `decoy ${d.url}`).toBe(false);
  });

  it('finds the post-text defects on the external post pages, named by account and post', () => {
    for (const rule of ['content/serious-error', 'privacy/id-number']) {
      const planted = site.expectedFor(rule).filter((e) => e.url.startsWith(site.externalOrigin + '/'));
      expect(planted, rule).toHaveLength(1);
      const got = run.audit.findings.filter((f) => f.rule === rule && f.url.startsWith(site.externalOrigin + '/'));
      expect(got.map((f) => f.url)).toEqual(planted.map((e) => e.url));
      expect(got[0]!.evidence.account, rule).toBeTruthy();
    }
  });

  it('reads every configured feed from the external host and never crawls it as a site page', () => {
    const rows = run.audit.newMedia?.accounts ?? [];
    expect(rows.filter((r) => r.status === 'unreachable').map((r) => r.name).sort()).toEqual(['吉林交通服务', '吉林航道']);
    expect(rows.filter((r) => r.status === 'ok').map((r) => r.name).sort()).toEqual(['吉林交通', '吉林公路', '吉林海事', '吉林道路运输']);
    const external = run.audit.findings.filter((f) => f.url.startsWith(site.externalOrigin + '/'));
    expect(external.every((f) => f.rule.startsWith('newmedia/') || f.evidence.account !== undefined), JSON.stringify(external.map(key))).toBe(true);
    expect(run.audit.findings.filter((f) => f.rule === 'meta/missing' && f.url.startsWith(site.externalOrigin))).toEqual([]);
    expect(run.audit.findings.find((f) => f.rule === 'newmedia/duplicate')!.url).toBe(new URL(NEWMEDIA_PAGE, site.url).href);
  });
});

it('refuses to build the new-media section without the 政务新媒体 listing page', () => {
  expect(() => newMediaSection.build(new SiteBuilder({ asOf: AS_OF }))).toThrow(/misc-columns/);
});

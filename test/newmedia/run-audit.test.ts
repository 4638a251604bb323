// runAudit with new media: the hook adds the newmedia/* findings, post findings named by account and post, and the
// newMedia.accounts summaries to findings.json; broken, malformed and 404 feeds never stop the audit.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAuditDetailed, type AuditRun } from '../../crawler/audit.js';
import { parseAudit } from '../../reports/audit-schema.js';
import { expectedFindings } from '../demo-site/index.js';
import { SiteBuilder } from '../demo-site/site-builder.js';
import { miscColumnsSection } from '../demo-site/sections/misc-columns.js';
import { newMediaSection, NEWMEDIA_PAGE } from '../demo-site/sections/newmedia.js';
import { demoNewMediaConfig } from '../demo-site/sections/newmedia-config.js';
import type { BuiltSite, DemoResponse } from '../demo-site/types.js';
import { serveRoutes, type RouteServer } from './serve-routes.js';

const AS_OF = '2022-06-15';
let main: RouteServer;
let external: RouteServer;
let site: BuiltSite;
let out: string;
let run: AuditRun;

beforeAll(async () => {
  const externalRoutes = new Map<string, DemoResponse>();
  external = await serveRoutes(externalRoutes);
  // misc-columns renders the 政务新媒体 listing; newmedia puts feeds and posts on the external host.
  const b = new SiteBuilder({ asOf: AS_OF, externalOrigin: external.url });
  miscColumnsSection.build(b);
  newMediaSection.build(b);
  site = b.build();
  for (const [p, r] of site.externalRoutes) externalRoutes.set(p, r);
  const routes = new Map(site.routes);
  routes.set('/', {
    status: 200,
    headers: { 'content-type': 'text/html; charset=utf-8' },
    body: new TextEncoder().encode(`<!DOCTYPE html><html><head><meta charset="utf-8"><title>吉林省交通运输厅</title></head><body><a href="${NEWMEDIA_PAGE}">政务新媒体</a></body></html>`),
  });
  main = await serveRoutes(routes);
  out = await mkdtemp(join(tmpdir(), 'gongkai-newmedia-'));
  run = await runAuditDetailed({
    url: `${main.url}/`,
    outDir: out,
    asOf: AS_OF,
    polite: false,
    reports: false,
    config: { newMedia: demoNewMediaConfig({ externalOrigin: external.url }) },
    fetcher: { timeoutMs: 3000, retries: 0 },
    recheckDelayMs: 10,
  });
}, 60_000);

afterAll(async () => {
  await main?.close();
  await external?.close();
  if (out) await rm(out, { recursive: true, force: true });
});

describe('runAudit with new-media accounts', () => {
  it('writes the planted newmedia and post findings into a valid findings.json', () => {
    const audit = parseAudit(run.audit);
    const got = audit.findings
      .filter((f) => f.rule.startsWith('newmedia/') || f.evidence.account !== undefined)
      .map((f) => `${f.rule} ${f.url} ${f.source ?? ''}`)
      .sort();
    // Every new-media expectation: newmedia/* and the post-text findings (on post pages of the external host).
    const rules = [...new Set(site.groundTruth.expected.map((e) => e.rule))];
    const want = rules
      .flatMap((rule) => expectedFindings(site.groundTruth, rule, `${main.url}/`))
      .filter((e) => e.rule.startsWith('newmedia/') || e.origin === 'external')
      .map((e) => `${e.rule} ${e.url} ${e.rule === 'newmedia/duplicate' ? '吉林交通、吉林交通服务' : String(e.evidence?.account ?? '')}`)
      .sort();
    expect(want).toHaveLength(8);
    expect(got).toEqual(want);
    // Feeds and posts are external: never crawled as site pages, so no meta/missing or other page findings on them.
    expect(audit.findings.filter((f) => f.url.startsWith(`${external.url}/`) && !f.rule.startsWith('newmedia/') && f.evidence.account === undefined)).toEqual([]);
    const post = audit.findings.find((f) => f.rule === 'content/serious-error')!;
    expect(post.evidence).toMatchObject({ account: '吉林交通', post: '厅党组召开理论学习中心组学习会议', platform: 'wechat' });
    expect(post.message).toMatch(/^政务新媒体“吉林交通”发布的“厅党组召开理论学习中心组学习会议”：出现严重表述错误“中国共产当”/);
  });

  it('summarises the accounts and keeps rule errors empty', () => {
    const audit = run.audit;
    expect(audit.errors.filter((e) => e.rule.startsWith('newmedia/'))).toEqual([]);
    const rows = audit.newMedia?.accounts ?? [];
    expect(rows).toHaveLength(9);
    expect(rows.filter((r) => r.status === 'unreachable').map((r) => r.name).sort()).toEqual(['吉林交通服务', '吉林航道']);
    expect(rows.find((r) => r.name === '吉林交通发布')).toMatchObject({ status: 'stale', lastPost: { date: '2022-05-26' } });
  });
});

// runAudit with new media: the hook adds the newmedia/* findings, post findings named by account and post, and the
// newMedia.accounts summaries to findings.json; broken, malformed and 404 feeds never stop the audit.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAuditDetailed, type AuditRun } from '../../crawler/audit.js';
import { parseAudit } from '../../reports/audit-schema.js';
import { SiteBuilder } from '../demo-site/site-builder.js';
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
  const b = new SiteBuilder({ asOf: AS_OF, externalOrigin: external.url });
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
    config: { newMedia: demoNewMediaConfig(main.url) },
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
    const rel = (url: string) => new URL(url).pathname;
    const got = audit.findings
      .filter((f) => f.rule.startsWith('newmedia/') || f.evidence.account !== undefined)
      .map((f) => `${f.rule} ${rel(f.url)} ${f.source ?? ''}`)
      .sort();
    const want = site.groundTruth.expected
      .map((e) => `${e.rule} ${e.path} ${e.rule === 'newmedia/duplicate' ? '吉林交通、吉林交通服务' : String(e.evidence?.account ?? '')}`)
      .sort();
    expect(got).toEqual(want);
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

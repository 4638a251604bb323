// The demo site's new-media section end to end, as registered in the built demo site: the account listing is the
// site's 政务新媒体 page, feeds and posts are on the stand-in external host. Collect (real polite fetcher against
// 127.0.0.1), the newmedia/* site rules, page-scope content rules on post records, and the summaries — asserted
// against the ground truth (absolute urls, external ones on the external origin).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDemoSite, decoysFor, expectedFindings } from '../demo-site/index.js';
import { NEWMEDIA_PAGE, FEEDS, POST_ID_NUMBER } from '../demo-site/sections/newmedia.js';
import { demoNewMediaConfig } from '../demo-site/sections/newmedia-config.js';
import type { BuiltSite, DemoResponse } from '../demo-site/types.js';
import { PoliteFetcher } from '../../crawler/http/polite-fetcher.js';
import { pageRecordSchema } from '../../crawler/page-record.js';
import { annotatePostFindings, collectNewMedia, newMediaSummaries, type CollectedNewMedia } from '../../crawler/newmedia/index.js';
import { nationalPack } from '../../rules/national/index.js';
import { RuleRunner } from '../../rules/engine/rule-runner.js';
import { buildSiteModel } from '../../rules/site-model-builder.js';
import type { Finding } from '../../reports/audit-schema.js';
import { serveRoutes, type RouteServer } from './serve-routes.js';

const AS_OF = '2022-06-15';
let site: BuiltSite;
let main: RouteServer;
let external: RouteServer;
let fetcher: PoliteFetcher;
let collected: CollectedNewMedia;
let siteFindings: Finding[];
let postFindings: Finding[];

const NEWMEDIA_RULES = ['newmedia/stale', 'newmedia/unreachable', 'newmedia/unlisted', 'newmedia/duplicate'];
/** Ground truth of post text: the findings planted on post pages (external host). */
const POST_RULES = ['content/serious-error', 'privacy/id-number'];

beforeAll(async () => {
  const externalRoutes = new Map<string, DemoResponse>();
  external = await serveRoutes(externalRoutes);
  site = buildDemoSite({ asOf: AS_OF, externalOrigin: external.url });
  for (const [path, res] of site.externalRoutes) externalRoutes.set(path, res);
  main = await serveRoutes(site.routes);
  fetcher = new PoliteFetcher({ rate: 0, retries: 0, robots: false, timeoutMs: 5000 });
  const listPage = pageRecordSchema.parse({
    url: main.url + NEWMEDIA_PAGE,
    status: 200,
    kind: 'list',
    title: '政务新媒体_吉林省交通运输厅',
    meta: { ColumnName: '政务新媒体' },
    breadcrumb: ['政府信息公开', '政务新媒体'],
  });
  const home = pageRecordSchema.parse({ url: main.url + '/', status: 200, kind: 'home', title: '吉林省交通运输厅' });
  collected = await collectNewMedia({
    accounts: demoNewMediaConfig({ externalOrigin: external.url }),
    pages: [home, listPage],
    fetcher,
    asOf: AS_OF,
    siteUrl: main.url + '/',
  });
  const runner = new RuleRunner({ packs: [nationalPack], asOf: AS_OF, siteUrl: main.url + '/' });
  const model = buildSiteModel({ startUrl: main.url + '/', pages: [home, listPage], links: [], outcomes: new Map(), newMedia: collected.model });
  const siteRun = await runner.runSite(model);
  expect(siteRun.errors).toEqual([]);
  siteFindings = siteRun.findings.filter((f) => f.rule.startsWith('newmedia/'));
  const raw: Finding[] = [];
  for (const record of collected.postRecords) {
    const run = await runner.runPage(record);
    expect(run.errors).toEqual([]);
    raw.push(...run.findings);
  }
  postFindings = annotatePostFindings(raw, collected.model.accounts);
}, 30_000);

afterAll(async () => {
  await fetcher?.close();
  await main?.close();
  await external?.close();
});

describe('demo new-media section', () => {
  it('produces exactly the planted newmedia/* findings: feeds on the external host, listing checks on the site page', () => {
    const expected = NEWMEDIA_RULES.flatMap((rule) => expectedFindings(site.groundTruth, rule, main.url + '/'));
    const actual = siteFindings.map((f) => ({ rule: f.rule, url: f.url, account: f.evidence.account ?? f.evidence.accounts }));
    expect(actual).toHaveLength(expected.length);
    expect(expected.map((e) => `${e.rule} ${e.url}`).sort()).toEqual(siteFindings.map((f) => `${f.rule} ${f.url}`).sort());
    for (const e of expected) {
      const hit = siteFindings.find((f) => f.rule === e.rule && f.url === e.url && Object.entries(e.evidence ?? {}).every(([k, v]) => JSON.stringify(f.evidence[k]) === JSON.stringify(v)));
      expect(hit, `${e.rule} ${e.url} ${JSON.stringify(e.evidence)} in ${JSON.stringify(actual)}`).toBeDefined();
    }
    for (const f of siteFindings.filter((x) => x.rule === 'newmedia/stale' || x.rule === 'newmedia/unreachable')) expect(f.url.startsWith(external.url + '/'), f.url).toBe(true);
    for (const f of siteFindings.filter((x) => x.rule === 'newmedia/unlisted' || x.rule === 'newmedia/duplicate')) expect(f.url).toBe(main.url + NEWMEDIA_PAGE);
    // One configured account unlisted, one listed account unconfigured.
    expect(siteFindings.filter((f) => f.rule === 'newmedia/unlisted').map((f) => `${f.evidence.account}/${f.evidence.configured}`).sort()).toEqual(['吉林交通/false', '吉林交通执法/true']);
    const decoys = NEWMEDIA_RULES.flatMap((rule) => decoysFor(site.groundTruth, rule, main.url + '/'));
    expect(decoys.length).toBeGreaterThan(0);
    for (const d of decoys) expect(siteFindings.some((f) => f.rule === d.rule && f.url === d.url), `decoy ${d.rule} ${d.url}`).toBe(false);
  });

  it('names what to fix in zh-CN with the account, date and owner', () => {
    const stale = siteFindings.find((f) => f.rule === 'newmedia/stale')!;
    expect(stale.message).toBe('微博账号“吉林交通发布”最新发布为 2022-05-26（“【交通提示】端午假期高速公路出行指南”），距检查基准日已 20 天未更新（超过 14 天），请督促主办单位及时更新或按程序关停');
    expect(stale.owner).toBe('办公室');
    expect(stale.source).toBe('吉林交通发布');
    expect(stale.severity).toBe('critical');
    const notFound = siteFindings.find((f) => f.rule === 'newmedia/unreachable' && f.evidence.status === 404)!;
    expect(notFound.message).toContain('HTTP 404');
    expect(notFound.owner).toBe('航道局');
    const malformed = siteFindings.find((f) => f.rule === 'newmedia/unreachable' && f.evidence.status === 200)!;
    expect(String(malformed.evidence.error)).toMatch(/^XML 格式错误（第 \d+ 行第 \d+ 列）/);
    const unlisted = siteFindings.find((f) => f.rule === 'newmedia/unlisted' && f.evidence.configured === true)!;
    expect(unlisted.message).toContain('今日头条账号“吉林交通执法”已备案（配置）但网站政务新媒体栏目未公布');
    const dup = siteFindings.find((f) => f.rule === 'newmedia/duplicate')!;
    expect(dup.message).toBe('“吉林省交通运输厅”在微信上开设了 2 个账号（“吉林交通”、“吉林交通服务”），同一单位在同一平台原则上只开设一个账号，请整合');
  });

  it('reads every format: GBK RSS, Atom, JSON Feed and the HTML list with relative dates', () => {
    const byName = (name: string, platform: string) => collected.model.accounts.find((a) => a.name === name && a.platform === platform)!;
    const gbk = byName('吉林公路', 'weibo');
    expect(gbk.fetch).toEqual({ ok: true, status: 200 });
    expect(gbk.posts[0]).toMatchObject({ title: '关于公路养护作业人员公示的情况说明', date: '2022-06-13' });
    expect(byName('吉林道路运输', 'douyin').posts.map((p) => p.date)).toEqual(['2022-06-12', '2022-06-03']);
    expect(byName('吉林海事', 'bilibili').posts.map((p) => p.date)).toEqual(['2022-06-10', '2022-06-02']);
    const list = byName('吉林交通执法', 'toutiao');
    expect(list.posts.map((p) => [p.title, p.date])).toEqual([
      ['交通执法人员冒雨疏导车辆保畅通', '2022-06-14'],
      ['综合执法支队开展货车超限超载集中整治', '2022-06-12'],
      ['全省交通运输综合执法培训班开班', '2022-06-05'],
    ]);
    expect(list.posts[0]!.url).toBe(external.url + '/xmt/posts/jljtzf-toutiao-2.html');
    const video = byName('吉林交通', 'douyin');
    expect(video).toMatchObject({ configured: false, listedOnSite: true, unit: '吉林省交通运输厅宣传中心', url: external.url + '/douyin/jljt.html' });
    // The listing's link names the account in the finding, so it can be found and closed or registered.
    expect(siteFindings.find((f) => f.rule === 'newmedia/unlisted' && f.evidence.configured === false)!.evidence.link).toBe(external.url + '/douyin/jljt.html');
    expect(collected.model.pageUrl).toBe(main.url + NEWMEDIA_PAGE);
    // The 404 feed was asked for once (no retries for a 404), and the audit went on; nothing new-media is on the site.
    expect(external.hits.filter((h) => h === FEEDS.jlhdWechat)).toHaveLength(1);
    expect(main.hits.filter((h) => h.startsWith('/xmt/'))).toEqual([]);
  });

  it('runs post text through the content rules and names the account and post', () => {
    const expected = POST_RULES.flatMap((rule) => expectedFindings(site.groundTruth, rule, main.url + '/')).filter((e) => e.origin === 'external');
    expect(expected).toHaveLength(2);
    expect(postFindings.map((f) => `${f.rule} ${f.url}`).sort()).toEqual(expected.map((e) => `${e.rule} ${e.url}`).sort());
    for (const e of expected) {
      const f = postFindings.find((x) => x.rule === e.rule)!;
      expect(f.url).toBe(e.url);
      for (const [k, v] of Object.entries(e.evidence ?? {})) expect(f.evidence[k]).toEqual(v);
      expect(f.source).toBe(e.evidence?.account);
    }
    const id = postFindings.find((f) => f.rule === 'privacy/id-number')!;
    expect(id.message).toMatch(/^政务新媒体“吉林公路”发布的“关于公路养护作业人员公示的情况说明”：/);
    expect(id.owner).toBe('公路局');
    expect(JSON.stringify(id)).not.toContain(POST_ID_NUMBER);
  });

  it('summarises every account for findings.json', () => {
    const rows = newMediaSummaries(collected.model, AS_OF);
    const status = Object.fromEntries(rows.map((r) => [`${r.name}/${r.platform}`, r.status]));
    expect(status).toEqual({
      '吉林交通/wechat': 'ok',
      '吉林交通发布/weibo': 'stale',
      '吉林交通服务/wechat': 'unreachable',
      '吉林公路/weibo': 'ok',
      '吉林道路运输/douyin': 'ok',
      '吉林海事/bilibili': 'ok',
      '吉林交通执法/toutiao': 'unlisted',
      '吉林航道/wechat': 'unreachable',
      '吉林交通/douyin': 'unconfigured',
    });
    const weibo = rows.find((r) => r.name === '吉林交通发布' && r.platform === 'weibo')!;
    expect(weibo).toMatchObject({ posts: 2, listedOnSite: true, lastPost: { date: '2022-05-26', title: '【交通提示】端午假期高速公路出行指南' } });
  });
});

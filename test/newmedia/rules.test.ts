// The newmedia/* site rules and the account summaries on hand-built models: the 14-day boundary, an empty feed,
// undated posts, the days option, both directions of unlisted, the missing 政务新媒体 page, duplicates by unit.
import { describe, expect, it } from 'vitest';
import { newMediaSummaries } from '../../crawler/newmedia/summaries.js';
import { RuleRunner, type RulesConfig } from '../../rules/engine/rule-runner.js';
import { nationalPack } from '../../rules/national/index.js';
import type { NewMediaAccount, NewMediaModel } from '../../rules/site-model.js';
import { siteModel } from '../rules/helpers.js';

const SITE = 'https://jtt.example.gov.cn/';
const PAGE = `${SITE}zwgk/zwxmt/index.html`;
const AS_OF = '2022-06-15';

const acct = (over: Partial<NewMediaAccount> & { name: string }): NewMediaAccount => ({
  platform: 'wechat',
  configured: true,
  listedOnSite: true,
  feed: `https://rsshub.example/${encodeURIComponent(over.name)}`,
  fetch: { ok: true, status: 200 },
  posts: [],
  ...over,
});

async function run(newMedia: NewMediaModel, rule: string, config: Partial<RulesConfig> = {}) {
  const runner = new RuleRunner({ packs: [nationalPack], asOf: AS_OF, siteUrl: SITE, config });
  const result = await runner.runSite(siteModel({ startUrl: SITE, newMedia }));
  expect(result.errors).toEqual([]);
  return result.findings.filter((f) => f.rule === rule);
}

describe('newmedia/stale', () => {
  const model: NewMediaModel = {
    pageUrl: PAGE,
    accounts: [
      acct({ name: '十四天', posts: [{ title: '旧', date: '2022-05-01' }, { title: '正好两周', date: '2022-06-01' }] }),
      acct({ name: '十五天', owner: '公路局', posts: [{ title: '最后一条', date: '2022-05-31', url: 'https://weibo.com/1/A' }, { title: '更早', date: '2022-05-02' }] }),
      acct({ name: '空订阅源', posts: [] }),
      acct({ name: '无日期', posts: [{ title: '没有日期' }] }),
      acct({ name: '打不开', fetch: { ok: false, status: 404, error: '订阅源返回 HTTP 404' } }),
      acct({ name: '无订阅源', feed: undefined, fetch: undefined }),
    ],
  };

  it('fires past 14 days (not at 14) and on an empty feed, with the feed url and the last post', async () => {
    const found = await run(model, 'newmedia/stale');
    expect(found.map((f) => f.source).sort()).toEqual(['十五天', '空订阅源'].sort());
    const old = found.find((f) => f.source === '十五天')!;
    expect(old.url).toBe(model.accounts[1]!.feed);
    expect(old.owner).toBe('公路局');
    expect(old.severity).toBe('critical');
    expect(old.evidence).toMatchObject({ lastPostDate: '2022-05-31', lastPostTitle: '最后一条', lastPostUrl: 'https://weibo.com/1/A', days: 15, limitDays: 14 });
    expect(old.message).toBe('微信账号“十五天”最新发布为 2022-05-31（“最后一条”），距检查基准日已 15 天未更新（超过 14 天），请督促主办单位及时更新或按程序关停');
    expect(found.find((f) => f.source === '空订阅源')!.message).toBe('微信账号“空订阅源”的订阅源中没有任何发布，请核实账号是否仍在运维，及时更新或按程序关停');
  });

  it('takes the limit from the rule options', async () => {
    const found = await run(model, 'newmedia/stale', { rules: { 'newmedia/stale': { options: { days: 20 } } } });
    expect(found.map((f) => f.source)).toEqual(['空订阅源']);
  });
});

describe('newmedia/unreachable', () => {
  it('puts the HTTP status or the parse error in evidence', async () => {
    const found = await run(
      {
        pageUrl: PAGE,
        accounts: [
          acct({ name: '四零四', fetch: { ok: false, status: 404, error: '订阅源返回 HTTP 404' } }),
          acct({ name: '坏XML', fetch: { ok: false, status: 200, error: 'XML 格式错误（第 3 行第 5 列）：x' } }),
          acct({ name: '连不上', fetch: { ok: false, error: '无法访问订阅源：连接被拒绝（ECONNREFUSED）' } }),
          acct({ name: '正常' }),
        ],
      },
      'newmedia/unreachable',
    );
    const by = Object.fromEntries(found.map((f) => [f.source, f]));
    expect(Object.keys(by).sort()).toEqual(['四零四', '坏XML', '连不上'].sort());
    expect(by['四零四']!.evidence).toMatchObject({ status: 404, error: '订阅源返回 HTTP 404' });
    expect(by['坏XML']!.message).toContain('的订阅源无法解析（XML 格式错误');
    expect(by['连不上']!.evidence.status).toBeUndefined();
    expect(by['连不上']!.message).toContain('无法访问（无法访问订阅源：连接被拒绝（ECONNREFUSED））');
  });
});

describe('newmedia/unlisted', () => {
  it('reports configured-but-unlisted and listed-but-unconfigured accounts on the 政务新媒体 page', async () => {
    const found = await run(
      {
        pageUrl: PAGE,
        accounts: [
          acct({ name: '都有' }),
          acct({ name: '只配置', platform: 'toutiao', listedOnSite: false }),
          acct({ name: '只公布', platform: 'douyin', configured: false, feed: undefined, fetch: undefined }),
        ],
      },
      'newmedia/unlisted',
    );
    expect(found.map((f) => [f.source, f.url, f.evidence.configured])).toEqual([
      ['只配置', PAGE, true],
      ['只公布', PAGE, false],
    ]);
    expect(found[1]!.message).toBe('网站政务新媒体栏目公布的抖音账号“只公布”不在备案台账（配置）中，请核实并补充备案，或从栏目中撤下已关停的账号');
  });

  it('reports a missing 政务新媒体 page once, and nothing without a configured register', async () => {
    const none = await run({ accounts: [acct({ name: '甲', listedOnSite: undefined }), acct({ name: '乙', listedOnSite: undefined })] }, 'newmedia/unlisted');
    expect(none.map((f) => [f.url, f.evidence.accounts])).toEqual([[SITE, ['甲', '乙']]]);
    expect(none[0]!.message).toContain('未找到网站的“政务新媒体”栏目');
    // Without any configured account (no register to compare with), listed accounts are not reported.
    expect(await run({ pageUrl: PAGE, accounts: [acct({ name: '只公布', configured: false })] }, 'newmedia/unlisted')).toEqual([]);
    expect(await run({ accounts: [] }, 'newmedia/unlisted')).toEqual([]);
  });

  it('does not claim the page is missing when the crawl stopped at a cap before reaching it', async () => {
    const runner = new RuleRunner({ packs: [nationalPack], asOf: AS_OF, siteUrl: SITE });
    const model: NewMediaModel = { accounts: [acct({ name: '甲', listedOnSite: undefined })] };
    const cut = await runner.runSite(siteModel({ startUrl: SITE, newMedia: model, truncated: true }));
    expect(cut.findings.filter((f) => f.rule === 'newmedia/unlisted')).toEqual([]);
    const whole = await runner.runSite(siteModel({ startUrl: SITE, newMedia: model }));
    expect(whole.findings.filter((f) => f.rule === 'newmedia/unlisted')).toHaveLength(1);
  });
});

describe('newmedia/duplicate', () => {
  it('groups by unit and platform, counting a configured and listed account once', async () => {
    const unit = '吉林省交通运输厅';
    const found = await run(
      {
        pageUrl: PAGE,
        accounts: [
          acct({ name: '吉林交通', unit }),
          acct({ name: '吉林交通服务', unit, owner: '宣传中心' }),
          acct({ name: '“吉林交通”（微信公众号）', unit, configured: false }),
          acct({ name: '吉林交通发布', unit, platform: 'weibo' }),
          acct({ name: '吉林公路', unit: '吉林省公路管理局' }),
          acct({ name: '未填单位' }),
        ],
      },
      'newmedia/duplicate',
    );
    expect(found).toHaveLength(1);
    expect(found[0]!.evidence).toMatchObject({ unit, platform: 'wechat', accounts: ['吉林交通', '吉林交通服务'] });
    expect(found[0]!.url).toBe(PAGE);
    expect(found[0]!.owner).toBe('宣传中心');
  });
});

describe('newMediaSummaries', () => {
  it('gives each account one status, never 正常 for an account whose posts were not read', () => {
    const rows = newMediaSummaries(
      {
        pageUrl: PAGE,
        accounts: [
          acct({ name: '正常', posts: [{ title: '新', date: '2022-06-14' }, { title: '旧', date: '2022-06-01' }] }),
          acct({ name: '过期', posts: [{ title: '旧', date: '2022-05-01' }] }),
          acct({ name: '过期未公布', listedOnSite: false, posts: [{ title: '旧', date: '2022-05-01' }] }),
          acct({ name: '打不开', fetch: { ok: false, status: 500 } }),
          acct({ name: '未公布', listedOnSite: false, posts: [{ title: '新', date: '2022-06-14' }] }),
          acct({ name: '无订阅源', feed: undefined, fetch: undefined }),
          acct({ name: '无订阅源未公布', feed: undefined, fetch: undefined, listedOnSite: false }),
          acct({ name: '只公布', configured: false, feed: undefined, fetch: undefined }),
        ],
      },
      AS_OF,
    );
    expect(Object.fromEntries(rows.map((r) => [r.name, r.status]))).toEqual({
      正常: 'ok',
      过期: 'stale',
      过期未公布: 'stale',
      打不开: 'unreachable',
      未公布: 'unlisted',
      无订阅源: 'nofeed',
      无订阅源未公布: 'unlisted',
      只公布: 'unconfigured',
    });
    expect(rows[0]).toMatchObject({ posts: 2, lastPost: { date: '2022-06-14', title: '新' } });
    expect(newMediaSummaries({ pageUrl: PAGE, accounts: [acct({ name: '过期', posts: [{ title: '旧', date: '2022-05-01' }] })] }, AS_OF, { staleDays: 60 })[0]!.status).toBe('ok');
  });
});

import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { definePack, defineRule } from '../../rules/define-rule.js';
import { DEFAULT_OWNERS, ownerForColumn } from '../../rules/engine/default-owners.js';
import { RuleConfigError, RuleRunner, dedupeFindings, resolveRules, rulesConfigSchema } from '../../rules/engine/rule-runner.js';
import { nationalPack } from '../../rules/national/index.js';
import { inventory, page, siteModel } from './helpers.js';

const SITE = 'https://jtt.example.gov.cn/';

const echo = defineRule({
  meta: {
    id: 'test/echo',
    scope: 'page',
    severity: 'minor',
    tags: [],
    docs: { title: '测试', description: '测试', source: '测试', fix: '测试' },
    messages: { hit: '页面“{title}”命中，阈值 {limit}' },
    options: z.object({ limit: z.number().int().default(3) }).strict().default({ limit: 3 }),
  },
  check(ctx) {
    ctx.report({ messageId: 'hit', data: { title: ctx.page.title, limit: ctx.options.limit } });
  },
});
const thrower = defineRule({
  meta: { ...echo.meta, id: 'test/throws', options: undefined },
  check() {
    throw new Error('boom');
  },
});
const badMessage = defineRule({
  meta: { ...echo.meta, id: 'test/bad-message', options: undefined },
  check(ctx) {
    ctx.report({ messageId: 'nope' });
  },
});
const siteThrower = defineRule({
  meta: { ...echo.meta, id: 'test/site-throws', scope: 'site', options: undefined },
  check() {
    throw new TypeError('site boom');
  },
});
const testPack = definePack({
  name: 'test',
  title: '测试包',
  rules: { 'test/echo': echo, 'test/throws': thrower, 'test/bad-message': badMessage, 'test/site-throws': siteThrower },
  defaults: { rules: { 'test/echo': { options: { limit: 5 } } } },
});

const record = page({ url: `${SITE}a.html`, title: '标题' });

describe('RuleRunner configuration', () => {
  it('runs pack defaults, then user severity and options over them', async () => {
    const plain = await new RuleRunner({ packs: [testPack], asOf: '2024-06-30', siteUrl: SITE }).runPage(record);
    expect(plain.findings.find((f) => f.rule === 'test/echo')).toMatchObject({ severity: 'minor', message: '页面“标题”命中，阈值 5' });
    const runner = new RuleRunner({
      packs: [testPack],
      asOf: '2024-06-30',
      siteUrl: SITE,
      config: { rules: { 'test/echo': { severity: 'critical', options: { limit: 9 } } } },
    });
    const out = await runner.runPage(record);
    expect(out.findings.find((f) => f.rule === 'test/echo')).toMatchObject({ severity: 'critical', message: '页面“标题”命中，阈值 9' });
  });

  it('turns packs and rules off', () => {
    expect(resolveRules([testPack, nationalPack], { packs: { test: false } }).some((r) => r.pack === 'test')).toBe(false);
    const ids = resolveRules([testPack], { rules: { 'test/echo': false, 'test/throws': { enabled: false } } }).map((r) => r.rule.meta.id);
    expect(ids).toEqual(['test/bad-message', 'test/site-throws']);
  });

  it('rejects unknown packs, unknown rules and bad options with a zh-CN message naming the field', () => {
    expect(() => resolveRules([testPack], { packs: { nope: true } })).toThrow(/rules\.packs\.nope/);
    expect(() => resolveRules([testPack], { rules: { 'x/y': false } })).toThrow(RuleConfigError);
    try {
      resolveRules([testPack], { rules: { 'test/echo': { options: { limit: 'many' } } } });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(RuleConfigError);
      expect((error as RuleConfigError).field).toBe('rules.rules.test/echo.options.limit');
      expect((error as Error).message).toMatch(/^配置项/);
      // The zod detail is zh-CN too, never "Invalid input: expected number".
      expect((error as Error).message).toContain('期望 数字');
      expect((error as Error).message).not.toMatch(/Invalid|expected/);
    }
  });

  it('says which override field is wrong in the rules section of the config (zh-CN)', () => {
    const issue = (rules: unknown) => {
      const r = rulesConfigSchema.safeParse({ rules: { 'privacy/mobile': rules } }, { error: z.locales.zhCN().localeError });
      expect(r.success).toBe(false);
      return r.error!.issues[0].message;
    };
    expect(issue({ severity: 'high' })).toMatch(/^severity：.*critical/);
    expect(issue({ enabled: 'yes' })).toMatch(/^enabled：.*boolean/);
    expect(issue('off')).toMatch(/应为 false（停用该规则）或含 enabled、severity/);
    expect(rulesConfigSchema.parse({ rules: { 'privacy/mobile': false, 'meta/missing': { severity: 'minor' } } }).rules).toEqual({ 'privacy/mobile': false, 'meta/missing': { severity: 'minor' } });
  });

  it('turns a throwing rule (page or site) and an unknown messageId into error entries, never a crash', async () => {
    const runner = new RuleRunner({ packs: [testPack], asOf: '2024-06-30', siteUrl: SITE });
    const out = await runner.runPage(record);
    expect(out.findings.map((f) => f.rule)).toEqual(['test/echo']);
    expect(out.errors.map((e) => [e.rule, e.url, e.message])).toEqual([
      ['test/throws', record.url, 'boom'],
      ['test/bad-message', record.url, 'rule test/bad-message reported unknown messageId nope'],
    ]);
    const site = await runner.runSite(siteModel());
    expect(site.errors).toMatchObject([{ rule: 'test/site-throws', message: 'site boom' }]);
  });
});

describe('owners', () => {
  it('has seed defaults for the responsibility lines of the 2022 要点', () => {
    expect(DEFAULT_OWNERS['规范性文件']).toBe('法规处');
    expect(DEFAULT_OWNERS['财政预决算']).toBe('财务处');
    expect(DEFAULT_OWNERS['政府采购']).toBe('财务处');
    expect(DEFAULT_OWNERS['政务服务"好差评"']).toBe('审批办');
    expect(DEFAULT_OWNERS['双随机一公开']).toBe('法规处');
    expect(ownerForColumn(DEFAULT_OWNERS, '2022年部门预算公开')).toBe('财务处');
    expect(ownerForColumn(DEFAULT_OWNERS, '关于我们')).toBeUndefined();
  });

  it('fills owner from config, then the column inventory, then defaults, then the rule meta', async () => {
    const runner = (owners?: Record<string, string>, columnOf?: (u: string) => { column?: string; owner?: string; canonical?: string } | undefined) =>
      new RuleRunner({ packs: [testPack], asOf: '2024-06-30', siteUrl: SITE, owners, columnOf, config: { rules: { 'test/throws': false, 'test/bad-message': false } } });
    const first = async (r: RuleRunner) => (await r.runPage(record)).findings[0];
    expect(await first(runner(undefined, () => ({ column: '部门预决算', canonical: '财政预决算' })))).toMatchObject({ column: '部门预决算', owner: '财务处' });
    expect(await first(runner({ 财政预决算: '计财处' }, () => ({ column: '部门预决算', canonical: '财政预决算' })))).toMatchObject({ owner: '计财处' });
    expect(await first(runner(undefined, () => ({ column: '部门预决算', owner: '预算科' })))).toMatchObject({ owner: '预算科' });
    const none = await first(runner(undefined, () => undefined));
    expect(none.column).toBeUndefined();
    expect(none.owner).toBeUndefined();
    // Rules with a meta owner fall back to it.
    const national = new RuleRunner({ packs: [nationalPack], asOf: '2024-06-30', siteUrl: SITE });
    const { findings } = await national.runPage(page({ url: `${SITE}b.html`, bodyText: '电话13812345678' }));
    expect(findings.find((f) => f.rule === 'privacy/mobile')?.owner).toBe('办公室');
  });

  it('fills column and owner of site findings from the site model’s column inventory when no columnOf is given', async () => {
    const siteEcho = defineRule({
      meta: { ...echo.meta, id: 'test/site-echo', scope: 'site', options: undefined, owner: ['办公室'] },
      check(ctx) {
        ctx.report({ messageId: 'hit', url: `${SITE}czyjs/t1.html`, data: { title: 'x', limit: 1 } });
        ctx.report({ messageId: 'hit', url: `${SITE}about.html`, data: { title: 'y', limit: 1 } });
        ctx.report({ messageId: 'hit', url: `${SITE}czyjs/t1.html`, column: '通知公告', key: 'own', data: { title: 'z', limit: 1 } });
      },
    });
    const pack = definePack({ name: 'site-test', title: '测试包', rules: { 'test/site-echo': siteEcho } });
    const budget = { name: '部门预决算', canonical: '财政预决算', url: `${SITE}czyjs/`, listPages: [`${SITE}czyjs/`], entries: [{ url: `${SITE}czyjs/t1.html`, title: '预算' }], inDisclosureHub: true, foundBy: ['hub' as const] };
    const site = siteModel({ startUrl: SITE, columns: inventory([budget]) });
    const [inColumn, outside, named] = (await new RuleRunner({ packs: [pack], asOf: '2024-06-30', siteUrl: SITE }).runSite(site)).findings;
    expect(inColumn).toMatchObject({ column: '部门预决算', owner: '财务处' });
    expect(outside.column).toBeUndefined();
    expect(outside.owner).toBe('办公室');
    expect(named).toMatchObject({ column: '通知公告', owner: '办公室' });
    // Configured owners still win over the defaults.
    const configured = (await new RuleRunner({ packs: [pack], asOf: '2024-06-30', siteUrl: SITE, owners: { 部门预决算: '计财处' } }).runSite(site)).findings[0];
    expect(configured.owner).toBe('计财处');
  });

  it('gives stable ids and de-duplicates findings of one rule id from two packs', async () => {
    const copy = definePack({ ...testPack, name: 'copy', rules: { 'test/echo': echo } });
    const runner = new RuleRunner({ packs: [testPack, copy], asOf: '2024-06-30', siteUrl: SITE, config: { rules: { 'test/throws': false, 'test/bad-message': false } } });
    const out = await runner.runPage(record);
    expect(out.findings).toHaveLength(2);
    expect(out.findings[0].id).toBe(out.findings[1].id);
    expect(dedupeFindings(out.findings)).toHaveLength(1);
  });
});

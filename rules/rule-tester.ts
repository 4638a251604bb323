// RuleTester, shaped like ESLint's: `new RuleTester().run(rule, { valid, invalid })` registers one test per case.
// Every page-rule case is extracted from its HTML twice — through the cheerio adapter (crawler) and through a
// happy-dom DOM adapter (extension) — and run on both; the case fails when the two sides disagree or differ from
// the expectation. Site-rule cases take a partial SiteModel. Test tooling only: never imported by the extension.
import { Window } from 'happy-dom';
import { createCheerioAdapter } from '../crawler/extract/cheerio-adapter.js';
import { createDomAdapter } from '../crawler/extract/dom-adapter.js';
import { extractPage } from '../crawler/extract/extract-page.js';
import { pageRecordSchema, type PageRecord, type PageRecordInput } from '../crawler/page-record.js';
import type { Finding, RuleError } from '../reports/audit-schema.js';
import { definePack, type PageRule, type Rule, type RuleSettings, type SiteRule } from './define-rule.js';
import { RuleRunner } from './engine/rule-runner.js';
import type { PageAdapter } from './page-adapter.js';
import type { Column, ColumnInventory, SiteModel } from './site-model.js';

export const DEFAULT_TEST_SITE = 'https://jtt.example.gov.cn/';
export const DEFAULT_TEST_URL = 'https://jtt.example.gov.cn/zwgk/tzgg/202406/t20240601_1.html';
export const DEFAULT_TEST_AS_OF = '2024-06-30';

interface CaseBase {
  /** Test title; defaults to the first characters of the input. */
  name?: string;
  options?: Record<string, unknown>;
  asOf?: string;
  settings?: Partial<RuleSettings>;
  siteUrl?: string;
}

export interface PageCase extends CaseBase {
  /** Page HTML, run through both adapters. */
  html?: string;
  /** Text of a record without HTML (attachment, post): run once, without an adapter. */
  text?: string;
  url?: string;
  status?: number;
  /** Fields laid over the extracted record (e.g. kind: 'attachment', parentUrl). */
  record?: Partial<PageRecordInput>;
}

export interface SiteCase extends CaseBase {
  site: SiteCaseModel;
}

/** A partial site model: `columns` may be a plain array; pages are parsed as records. */
export type SiteCaseModel = Partial<Omit<SiteModel, 'columns' | 'pages' | 'home'>> & {
  pages?: PageRecordInput[];
  home?: PageRecordInput;
  columns?: Column[] | ColumnInventory;
};

export interface ExpectedFinding {
  messageId?: string;
  /** Rule id (defaults to the rule under test). */
  rule?: string;
  selector?: string;
  target?: string;
  url?: string;
  column?: string;
  owner?: string;
  /** Subset: each key must deep-equal the finding's evidence value. */
  evidence?: Record<string, unknown>;
  /** Exact message, or a pattern it must match. */
  message?: string | RegExp;
}

export type InvalidCase<C> = C & { findings: ExpectedFinding[] };

export interface RuleTests<C> {
  valid: (C | string)[];
  invalid: InvalidCase<C>[];
}

type Describe = (name: string, fn: () => void) => void;
type It = (name: string, fn: () => Promise<void> | void) => void;

export interface RuleTesterOptions {
  describe?: Describe;
  it?: It;
  asOf?: string;
  siteUrl?: string;
}

/** The findings of one case, with the messageId each one was reported under. */
export interface CaseResult {
  findings: Finding[];
  messageIds: string[];
  errors: RuleError[];
}

export class RuleTesterError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RuleTesterError';
  }
}

function fail(message: string): never {
  throw new RuleTesterError(message);
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a as object);
  const kb = Object.keys(b as object);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

const show = (v: unknown) => JSON.stringify(v, null, 1).replace(/\n\s*/g, ' ');

/** Parse HTML into a happy-dom document the way a browser would load the page at `url`. */
export function parseDom(html: string, url: string): { document: Document; close: () => Promise<void> } {
  const window = new Window({ url, settings: { disableJavaScriptEvaluation: true, disableCSSFileLoading: true, disableJavaScriptFileLoading: true, disableIframePageLoading: true } });
  const document = new window.DOMParser().parseFromString(html, 'text/html') as unknown as Document;
  return { document, close: () => window.happyDOM.close() };
}

/** Extract a page record from HTML through one adapter. */
export function extractWith(adapter: PageAdapter, c: PageCase, siteUrl: string): PageRecord {
  const url = c.url ?? DEFAULT_TEST_URL;
  const record = extractPage(adapter, { url, status: c.status ?? 200, siteUrl });
  return c.record ? pageRecordSchema.parse({ ...record, ...c.record }) : record;
}

function wrapRule(rule: Rule, messageIds: string[]): Rule {
  // Records the messageId of each report (findings only carry the formatted message).
  return {
    meta: rule.meta,
    check(ctx: Parameters<Rule['check']>[0]) {
      const report = ctx.report;
      return (rule.check as (c: typeof ctx) => void | Promise<void>)({
        ...ctx,
        report: (d) => {
          messageIds.push(d.messageId);
          report(d);
        },
      });
    },
  } as Rule;
}

function runnerFor(rule: Rule, c: CaseBase, messageIds: string[], defaults: Required<Pick<RuleTesterOptions, 'asOf' | 'siteUrl'>>): RuleRunner {
  const pack = definePack({ name: 'rule-tester', title: '规则测试', rules: { [rule.meta.id]: wrapRule(rule, messageIds) } });
  return new RuleRunner({
    packs: [pack],
    asOf: c.asOf ?? defaults.asOf,
    siteUrl: c.siteUrl ?? defaults.siteUrl,
    settings: c.settings,
    config: c.options ? { rules: { [rule.meta.id]: { options: c.options } } } : {},
  });
}

/** Build a full SiteModel from a partial one. */
export function siteModelFrom(partial: SiteCaseModel, siteUrl = DEFAULT_TEST_SITE): SiteModel {
  const pages = (partial.pages ?? []).map((p) => pageRecordSchema.parse(p));
  const startUrl = partial.startUrl ?? siteUrl;
  const home = partial.home ? pageRecordSchema.parse(partial.home) : pages.find((p) => p.kind === 'home');
  if (home && !pages.includes(home)) pages.unshift(home);
  const cols = partial.columns ?? [];
  const columns: ColumnInventory = Array.isArray(cols)
    ? {
        columns: cols,
        columnOf: (url) => cols.find((c) => c.url === url || c.listPages.includes(url) || c.entries.some((e) => e.url === url)),
        byCanonical: (name) => cols.filter((c) => c.canonical === name),
      }
    : cols;
  const { home: _home, pages: _pages, columns: _columns, ...rest } = partial;
  const model: SiteModel = {
    links: [],
    outcomes: new Map(),
    owners: {},
    ...rest,
    startUrl,
    pages,
    pageByUrl: partial.pageByUrl ?? ((url) => pages.find((p) => p.url === url || p.requestedUrl === url)),
    columns,
  };
  if (home) model.home = home;
  return model;
}

export class RuleTester {
  private readonly defaults: Required<Pick<RuleTesterOptions, 'asOf' | 'siteUrl'>>;

  constructor(private readonly opts: RuleTesterOptions = {}) {
    this.defaults = { asOf: opts.asOf ?? DEFAULT_TEST_AS_OF, siteUrl: opts.siteUrl ?? DEFAULT_TEST_SITE };
  }

  /** Run one page case through the cheerio and the DOM adapter; throws when the two sides disagree. */
  async runPageCase(rule: PageRule, c: PageCase): Promise<CaseResult> {
    const siteUrl = c.siteUrl ?? this.defaults.siteUrl;
    if (c.html === undefined) {
      if (c.text === undefined) fail('页面用例须提供 html 或 text');
      const record = pageRecordSchema.parse({ url: c.url ?? DEFAULT_TEST_URL, status: c.status ?? 200, kind: 'attachment', bodyText: c.text, ...c.record });
      const messageIds: string[] = [];
      const out = await runnerFor(rule, c, messageIds, this.defaults).runPage(record);
      return { ...out, messageIds };
    }
    const cheerioIds: string[] = [];
    const cheerioAdapter = createCheerioAdapter(c.html, c.url ?? DEFAULT_TEST_URL);
    const cheerioRecord = extractWith(cheerioAdapter, c, siteUrl);
    const viaCheerio = await runnerFor(rule, c, cheerioIds, this.defaults).runPage(cheerioRecord, cheerioAdapter);
    const dom = parseDom(c.html, c.url ?? DEFAULT_TEST_URL);
    try {
      const domIds: string[] = [];
      const domAdapter = createDomAdapter(dom.document, c.url ?? DEFAULT_TEST_URL);
      const domRecord = extractWith(domAdapter as PageAdapter, c, siteUrl);
      const viaDom = await runnerFor(rule, c, domIds, this.defaults).runPage(domRecord, domAdapter as PageAdapter);
      if (!deepEqual(viaCheerio.findings, viaDom.findings) || !deepEqual(cheerioIds, domIds)) {
        fail(`cheerio 与 DOM 适配器结果不一致：\n  cheerio: ${show(viaCheerio.findings)}\n  dom:     ${show(viaDom.findings)}`);
      }
      if (!deepEqual(viaCheerio.errors.map((e) => e.message), viaDom.errors.map((e) => e.message))) {
        fail(`cheerio 与 DOM 适配器的规则错误不一致：${show(viaCheerio.errors)} / ${show(viaDom.errors)}`);
      }
    } finally {
      await dom.close();
    }
    return { ...viaCheerio, messageIds: cheerioIds };
  }

  async runSiteCase(rule: SiteRule, c: SiteCase): Promise<CaseResult> {
    const messageIds: string[] = [];
    const site = siteModelFrom(c.site, c.siteUrl ?? this.defaults.siteUrl);
    const out = await runnerFor(rule, c, messageIds, this.defaults).runSite(site);
    return { ...out, messageIds };
  }

  /** Run a case and check it against the expectation (no findings for valid cases); throws on mismatch. */
  async check(rule: Rule, c: PageCase | SiteCase, expected: ExpectedFinding[]): Promise<CaseResult> {
    const result =
      rule.meta.scope === 'page' ? await this.runPageCase(rule as PageRule, c as PageCase) : await this.runSiteCase(rule as SiteRule, c as SiteCase);
    if (result.errors.length > 0) fail(`规则 ${rule.meta.id} 抛出错误：${show(result.errors)}`);
    if (result.findings.length !== expected.length) {
      fail(`规则 ${rule.meta.id} 应报告 ${expected.length} 条，实际 ${result.findings.length} 条：${show(result.findings)}`);
    }
    expected.forEach((want, i) => {
      const got = result.findings[i];
      const where = `第 ${i + 1} 条（${rule.meta.id}）`;
      if (want.messageId !== undefined && result.messageIds[i] !== want.messageId) fail(`${where} messageId 应为 ${want.messageId}，实际 ${result.messageIds[i]}`);
      if (got.rule !== (want.rule ?? rule.meta.id)) fail(`${where} rule 应为 ${want.rule ?? rule.meta.id}，实际 ${got.rule}`);
      for (const key of ['selector', 'target', 'url', 'column', 'owner'] as const) {
        if (want[key] !== undefined && got[key] !== want[key]) fail(`${where} ${key} 应为 ${show(want[key])}，实际 ${show(got[key])}`);
      }
      if (want.message !== undefined) {
        const ok = typeof want.message === 'string' ? got.message === want.message : want.message.test(got.message);
        if (!ok) fail(`${where} message 不符：${got.message}`);
      }
      for (const [key, value] of Object.entries(want.evidence ?? {})) {
        if (!deepEqual(got.evidence[key], value)) fail(`${where} evidence.${key} 应为 ${show(value)}，实际 ${show(got.evidence[key])}`);
      }
    });
    return result;
  }

  /** Register one test per valid and invalid case (vitest/jest/mocha `describe`/`it`, or the globals). */
  run(rule: PageRule, tests: RuleTests<PageCase>): void;
  run(rule: SiteRule, tests: RuleTests<SiteCase>): void;
  run(rule: Rule, tests: RuleTests<PageCase> | RuleTests<SiteCase>): void {
    const g = globalThis as { describe?: Describe; it?: It };
    const describe = this.opts.describe ?? g.describe;
    const it = this.opts.it ?? g.it;
    if (!describe || !it) fail('RuleTester 需要 describe/it：请在构造参数中传入（如 vitest 的 describe、it）');
    const title = (c: PageCase | SiteCase | string, i: number) =>
      typeof c === 'string' ? c.slice(0, 60) : (c.name ?? ('html' in c && c.html ? c.html : 'text' in c && c.text ? c.text : `#${i + 1}`).slice(0, 60));
    describe(rule.meta.id, () => {
      describe('valid', () => {
        (tests.valid as (PageCase | SiteCase | string)[]).forEach((c, i) => {
          const kase = typeof c === 'string' ? ({ html: c } as PageCase) : c;
          it(title(c, i), async () => {
            await this.check(rule, kase, []);
          });
        });
      });
      describe('invalid', () => {
        (tests.invalid as InvalidCase<PageCase | SiteCase>[]).forEach((c, i) => {
          it(title(c, i), async () => {
            await this.check(rule, c, c.findings);
          });
        });
      });
    });
  }
}

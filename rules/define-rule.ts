// The rule API, shaped like an ESLint rule: a plain typed object with meta and check(ctx), reporting through
// ctx.report(). Page rules see one page record (and its adapter where one exists); site rules see the site model.
import type { z } from 'zod';
import type { Severity } from '../reports/audit-schema.js';
import type { PageRecord } from '../crawler/page-record.js';
import type { PageAdapter } from './page-adapter.js';
import type { SiteModel } from './site-model.js';

export type RuleScope = 'page' | 'site';

export interface RuleDocs {
  /** zh-CN short title, e.g. 链接不可访问. */
  title: string;
  /** zh-CN: what is checked and the threshold. */
  description: string;
  /** zh-CN: the source document (国办秘函〔2019〕19号 …). */
  source: string;
  /** zh-CN: how to fix. */
  fix: string;
}

export interface RuleMeta<O extends z.ZodType = z.ZodType> {
  /** Public contract: e.g. 'link/broken'. Never renamed. */
  id: string;
  scope: RuleScope;
  severity: Severity;
  tags: string[];
  docs: RuleDocs;
  /** zh-CN message templates with {placeholders}, keyed by messageId. */
  messages: Record<string, string>;
  /** zod schema of the options, every field with a default, so `options.parse({})` gives the defaults. */
  options?: O;
  /** Office(s) responsible by default when the column gives none (e.g. ['办公室']). */
  owner?: string[];
}

export interface ReportDescriptor {
  messageId: string;
  data?: Record<string, string | number>;
  /** Defaults to the page's url (page rules) or the audit's start url (site rules). */
  url?: string;
  target?: string;
  selector?: string;
  /** Discriminates several findings of one rule on one url with no target (e.g. two ID numbers on a page). */
  key?: string;
  column?: string;
  owner?: string;
  evidence?: Record<string, unknown>;
  /** Overrides the rule's configured severity for this one finding. */
  severity?: Severity;
  source?: string;
}

export interface BaseContext<O> {
  options: O;
  /** Reference date of time-based rules, YYYY-MM-DD (Asia/Shanghai). */
  asOf: string;
  /** The audit's start URL. */
  siteUrl: string;
  report(descriptor: ReportDescriptor): void;
}

export interface PageRuleContext<O> extends BaseContext<O> {
  page: PageRecord;
  /** The parsed page, when the rule runs where one exists (crawler, extension); absent for attachment/post records. */
  dom?: PageAdapter;
  /** Extra user configuration that content rules read (e.g. seriousErrors). */
  settings: RuleSettings;
}

export interface SiteRuleContext<O> extends BaseContext<O> {
  site: SiteModel;
  settings: RuleSettings;
}

/** Settings from the config that are not per-rule options. */
export interface RuleSettings {
  seriousErrors: { wrong: string; right: string }[];
}

interface RuleBase<O extends z.ZodType> {
  meta: RuleMeta<O> & { scope: RuleScope };
}

export interface PageRule<O extends z.ZodType = z.ZodType> extends RuleBase<O> {
  meta: RuleMeta<O> & { scope: 'page' };
  check(ctx: PageRuleContext<z.output<O>>): void | Promise<void>;
}

export interface SiteRule<O extends z.ZodType = z.ZodType> extends RuleBase<O> {
  meta: RuleMeta<O> & { scope: 'site' };
  check(ctx: SiteRuleContext<z.output<O>>): void | Promise<void>;
}

export type Rule = PageRule<any> | SiteRule<any>;

/** Identity helper that gives a rule its types. */
export function defineRule<O extends z.ZodType>(rule: PageRule<O>): PageRule<O>;
export function defineRule<O extends z.ZodType>(rule: SiteRule<O>): SiteRule<O>;
export function defineRule(rule: Rule): Rule {
  return rule;
}

export interface RulePackDefaults {
  /** Per-rule overrides applied when the pack is enabled. */
  rules?: Record<string, { enabled?: boolean; severity?: Severity; options?: Record<string, unknown> }>;
}

/** A rule pack: an object of rules plus its default configuration (the shape of an ESLint plugin). */
export interface RulePack {
  name: string;
  /** zh-CN title, e.g. 全国政府网站检查指标. */
  title: string;
  rules: Record<string, Rule>;
  defaults?: RulePackDefaults;
}

export function definePack(pack: RulePack): RulePack {
  return pack;
}

/** Fill {placeholders} of a message template. */
export function formatMessage(template: string, data: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in data ? String(data[key]) : whole));
}

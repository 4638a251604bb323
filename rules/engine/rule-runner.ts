// Runs rule packs: resolves configuration (packs on/off, per-rule severity and options), calls page rules per
// page record and site rules once over the site model, turns reports into findings with stable ids, column and
// owner, and turns a throwing rule into an error entry instead of a crashed audit.
import { z } from 'zod';
import type { Finding, RuleError, Severity } from '../../reports/audit-schema.js';
import type { PageRecord } from '../../crawler/page-record.js';
import type { PageAdapter } from '../page-adapter.js';
import type { SiteModel } from '../site-model.js';
import {
  formatMessage,
  type PageRule,
  type ReportDescriptor,
  type Rule,
  type RulePack,
  type RuleSettings,
  type SiteRule,
} from '../define-rule.js';
import { findingId } from './finding-id.js';
import { mergeOwners, ownerForColumn } from './default-owners.js';

export const ruleOverrideSchema = z
  .object({
    enabled: z.boolean().optional(),
    severity: z.enum(['critical', 'serious', 'moderate', 'minor']).optional(),
    options: z.record(z.string(), z.unknown()).optional(),
  })
  .strict();

const zhCN = z.locales.zhCN().localeError;

// A failed `false | {…}` union would only say 无效输入: name the override field that is wrong instead.
function overrideError(issue: { code?: string; input?: unknown; errors?: { path: PropertyKey[]; message: string }[][] }): string | undefined {
  if (issue.code !== 'invalid_union') return undefined;
  const first = issue.errors?.[1]?.[0];
  if (typeof issue.input !== 'object' || issue.input === null || !first) {
    return '应为 false（停用该规则）或含 enabled、severity（critical/serious/moderate/minor）、options 的对象';
  }
  return first.path.length > 0 ? `${first.path.map(String).join('.')}：${first.message}` : first.message;
}

/** The `rules` section of the config file. */
export const rulesConfigSchema = z
  .object({
    /** Packs by name → enabled. Packs not named are enabled. */
    packs: z.record(z.string(), z.boolean()).default({}),
    /** Per-rule overrides by rule id; `false` disables the rule. */
    rules: z.record(z.string(), z.union([z.literal(false), ruleOverrideSchema], { error: overrideError })).default({}),
  })
  .strict();
export type RulesConfig = z.infer<typeof rulesConfigSchema>;

export interface ColumnInfo {
  column?: string;
  owner?: string;
  /** Canonical column name, when the label maps to one (used for the owner look-up). */
  canonical?: string;
}

export interface RuleRunnerOptions {
  packs: RulePack[];
  config?: Partial<RulesConfig>;
  asOf: string;
  siteUrl: string;
  settings?: Partial<RuleSettings>;
  /** Owner map: column label or canonical name → office; merged over the built-in DEFAULT_OWNERS. */
  owners?: Record<string, string>;
  /** Column of a url, when known (filled in for findings that do not name one). */
  columnOf?: (url: string) => ColumnInfo | undefined;
}

export interface ResolvedRule {
  rule: Rule;
  pack: string;
  severity: Severity;
  options: unknown;
}

export interface RuleRunResult {
  findings: Finding[];
  errors: RuleError[];
}

export class RuleConfigError extends Error {
  constructor(
    message: string,
    readonly field: string,
  ) {
    super(message);
    this.name = 'RuleConfigError';
  }
}

/** Resolve which rules run with which severity and options; throws RuleConfigError (zh-CN) on bad config. */
export function resolveRules(packs: RulePack[], config: Partial<RulesConfig> = {}): ResolvedRule[] {
  const known = new Set(packs.map((p) => p.name));
  for (const name of Object.keys(config.packs ?? {})) {
    if (!known.has(name)) {
      throw new RuleConfigError(`配置项 rules.packs.${name} 无效：不存在名为“${name}”的规则包（可用：${[...known].join('、')}）`, `rules.packs.${name}`);
    }
  }
  const allIds = new Set(packs.flatMap((p) => Object.values(p.rules).map((r) => r.meta.id)));
  for (const id of Object.keys(config.rules ?? {})) {
    if (!allIds.has(id)) {
      throw new RuleConfigError(`配置项 rules.rules.${id} 无效：不存在编号为“${id}”的规则`, `rules.rules.${id}`);
    }
  }
  const resolved: ResolvedRule[] = [];
  for (const pack of packs) {
    if (config.packs?.[pack.name] === false) continue;
    for (const rule of Object.values(pack.rules)) {
      const id = rule.meta.id;
      const packDefault = pack.defaults?.rules?.[id];
      const user = config.rules?.[id];
      if (user === false) continue;
      const enabled = user?.enabled ?? packDefault?.enabled ?? true;
      if (!enabled) continue;
      const rawOptions = { ...(packDefault?.options ?? {}), ...(user?.options ?? {}) };
      let options: unknown = rawOptions;
      if (rule.meta.options) {
        const parsed = rule.meta.options.safeParse(rawOptions, { error: zhCN });
        if (!parsed.success) {
          const issue = parsed.error.issues[0];
          const path = ['rules', 'rules', id, 'options', ...(issue?.path ?? [])].join('.');
          throw new RuleConfigError(`配置项 ${path} 无效：${issue?.message ?? '格式错误'}`, path);
        }
        options = parsed.data;
      }
      resolved.push({ rule, pack: pack.name, severity: user?.severity ?? packDefault?.severity ?? rule.meta.severity, options });
    }
  }
  // One rule id may sit in two packs (e.g. column/missing): each pack's instance runs with its own options;
  // findings with the same id are merged later.
  return resolved;
}

export class RuleRunner {
  readonly resolved: ResolvedRule[];
  private readonly settings: RuleSettings;
  private readonly owners: Record<string, string>;

  constructor(private readonly opts: RuleRunnerOptions) {
    this.resolved = resolveRules(opts.packs, opts.config);
    this.settings = { seriousErrors: opts.settings?.seriousErrors ?? [] };
    this.owners = mergeOwners(opts.owners);
  }

  get pageRules(): ResolvedRule[] {
    return this.resolved.filter((r) => r.rule.meta.scope === 'page');
  }

  get siteRules(): ResolvedRule[] {
    return this.resolved.filter((r) => r.rule.meta.scope === 'site');
  }

  /** Run every enabled page rule on one record. Synchronous rules stay synchronous (hot path). */
  async runPage(page: PageRecord, dom?: PageAdapter): Promise<RuleRunResult> {
    const out: RuleRunResult = { findings: [], errors: [] };
    for (const r of this.pageRules) {
      const rule = r.rule as PageRule;
      try {
        // Awaited only when a rule is asynchronous: an await per rule per page let other pages' work run in
        // between (and counted it as rule time).
        const pending = rule.check({
          page,
          dom,
          options: r.options,
          asOf: this.opts.asOf,
          siteUrl: this.opts.siteUrl,
          settings: this.settings,
          report: this.reporter(r, out.findings, page.url),
        });
        if (pending) await pending;
      } catch (error) {
        out.errors.push(toRuleError(rule.meta.id, error, page.url));
      }
    }
    return out;
  }

  /** Run every enabled site rule over the site model. */
  async runSite(site: SiteModel): Promise<RuleRunResult> {
    const out: RuleRunResult = { findings: [], errors: [] };
    // Site findings that name no column get the column (and its office) of their url from the inventory.
    const columnOf = this.opts.columnOf ?? ((url: string) => columnInfo(site, url));
    for (const r of this.siteRules) {
      const rule = r.rule as SiteRule;
      try {
        await rule.check({
          site,
          options: r.options,
          asOf: this.opts.asOf,
          siteUrl: this.opts.siteUrl,
          settings: this.settings,
          report: (d) => out.findings.push(this.toFinding(r, d, this.opts.siteUrl, columnOf)),
        });
      } catch (error) {
        out.errors.push(toRuleError(rule.meta.id, error));
      }
    }
    return out;
  }

  // An unnamed function: a named arrow per rule per page cost a keep-names wrapper call each under tsx.
  private reporter(r: ResolvedRule, findings: Finding[], url: string): (d: ReportDescriptor) => void {
    return (d) => {
      findings.push(this.toFinding(r, d, url));
    };
  }

  private toFinding(r: ResolvedRule, d: ReportDescriptor, defaultUrl: string, columnOf = this.opts.columnOf): Finding {
    const meta = r.rule.meta;
    const template = meta.messages[d.messageId];
    if (template === undefined) throw new Error(`rule ${meta.id} reported unknown messageId ${d.messageId}`);
    const url = d.url ?? defaultUrl;
    const info = d.column ? undefined : columnOf?.(url);
    const column = d.column ?? info?.column;
    // Configured owners first, then the column inventory's own owner, then the built-in defaults.
    const owner =
      d.owner ??
      ownerForColumn(this.opts.owners ?? {}, column, info?.canonical, false) ??
      info?.owner ??
      ownerForColumn(this.owners, column, info?.canonical) ??
      meta.owner?.join('、');
    const finding: Finding = {
      id: findingId(meta.id, url, d.target ?? '', d.key ?? ''),
      rule: meta.id,
      severity: d.severity ?? r.severity,
      url,
      message: formatMessage(template, d.data),
      evidence: d.evidence ?? {},
    };
    if (d.target !== undefined) finding.target = d.target;
    if (d.selector !== undefined) finding.selector = d.selector;
    if (column !== undefined) finding.column = column;
    if (owner !== undefined) finding.owner = owner;
    if (d.source !== undefined) finding.source = d.source;
    return finding;
  }
}

function columnInfo(site: SiteModel, url: string): ColumnInfo | undefined {
  const c = site.columns.columnOf(url);
  if (!c) return undefined;
  const info: ColumnInfo = { column: c.name };
  if (c.canonical !== undefined) info.canonical = c.canonical;
  if (c.owner !== undefined) info.owner = c.owner;
  return info;
}

function toRuleError(rule: string, error: unknown, url?: string): RuleError {
  const err = error instanceof Error ? error : new Error(String(error));
  const entry: RuleError = { rule, message: err.message };
  if (url !== undefined) entry.url = url;
  if (err.stack) entry.stack = err.stack.split('\n').slice(0, 6).join('\n');
  return entry;
}

/** De-duplicate findings by id (first wins), keeping order. */
export function dedupeFindings(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((f) => (seen.has(f.id) ? false : (seen.add(f.id), true)));
}

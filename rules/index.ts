// Public entry of the rules: packs, engine, verdict, text helpers.
import type { RulePack } from './define-rule.js';
import { jlJtt2022Pack } from './jl-jtt-2022/index.js';
import { nationalPack } from './national/index.js';

export { nationalPack, jlJtt2022Pack };
export * from './define-rule.js';
export { RuleRunner, RuleConfigError, resolveRules, dedupeFindings, rulesConfigSchema } from './engine/rule-runner.js';
export type { RulesConfig, RuleRunnerOptions, RuleRunResult, ResolvedRule, ColumnInfo } from './engine/rule-runner.js';
export { DEFAULT_OWNERS, mergeOwners, ownerForColumn } from './engine/default-owners.js';
export { findingId } from './engine/finding-id.js';
export { renderRulesDoc } from './engine/rules-doc.js';
export { computeVerdict, DEFAULT_DEDUCTIONS, type VerdictOptions, type DeductionRule } from './verdict.js';

/** Every built-in pack, in the order reports list them. */
export const ALL_PACKS: readonly RulePack[] = [nationalPack, jlJtt2022Pack];

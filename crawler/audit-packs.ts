// The built-in rule packs, loaded only when an audit does not name its own.
import type { RulePack } from '../rules/define-rule.js';
import { nationalPack } from '../rules/national/index.js';
import { jlJtt2022Pack } from '../rules/jl-jtt-2022/index.js';

export function builtInPacks(): RulePack[] {
  return [nationalPack, jlJtt2022Pack];
}

// The shared code that live checks run: the DOM page adapter, page extraction and the page rules of the national
// and jl-jtt-2022 packs — the same modules the crawler uses.
// TEMPORARY: import.meta.glob (Vite) so that the extension builds while those modules are still landing; an absent
// module yields no live checks instead of a failed build. Replace with static imports once they are in.
import type { RulePack } from '../../rules/define-rule.js';
import type { LiveDeps } from './live-check.js';

type Mod = Record<string, unknown>;
const mods = import.meta.glob<Mod>(
  ['../../crawler/extract/dom-adapter.ts', '../../crawler/extract/extract-page.ts', '../../rules/national/index.ts', '../../rules/jl-jtt-2022/index.ts'],
  { eager: true },
);

function pick<T>(file: string, name: string): T | undefined {
  const mod = Object.entries(mods).find(([k]) => k.endsWith(file))?.[1];
  return mod?.[name] as T | undefined;
}

export function loadLiveDeps(): LiveDeps | undefined {
  const createAdapter = pick<LiveDeps['createAdapter']>('extract/dom-adapter.ts', 'createDomAdapter');
  const extract = pick<LiveDeps['extract']>('extract/extract-page.ts', 'extractPage');
  const packs = [pick<RulePack>('national/index.ts', 'nationalPack'), pick<RulePack>('jl-jtt-2022/index.ts', 'jlJtt2022Pack')].filter(
    (p): p is RulePack => !!p,
  );
  if (!createAdapter || !extract) return undefined;
  return { createAdapter, extract, packs };
}

// The built-in demo site: a mock provincial transport department site generated from code, with planted defects
// and exact ground truth. buildDemoSite is pure; startDemoSite serves it (and a stand-in external host) locally.
import { SiteBuilder } from './site-builder.js';
import { sections } from './sections/index.js';
import { closedPort, serveRoutes } from './server.js';
import type { BuildOptions, BuiltSite, Decoy, DemoResponse, ExpectedFinding, GroundTruth, RulePackName } from './types.js';

export type { BuildOptions, BuiltSite, Decoy, DemoResponse, ExpectedFinding, GroundTruth, RulePackName } from './types.js';
export { SiteBuilder, CHARSET_SLOT } from './site-builder.js';
export type { DemoSection } from './sections/index.js';
export { sections } from './sections/index.js';

/** Every rule id the demo site plants at least one case for (issues 2, 3 and 6). */
export const PLANTED_RULES = [
  'link/broken',
  'link/unverified',
  'column/missing',
  'column/empty',
  'column/stale',
  'homepage/not-updated',
  'meta/missing',
  'privacy/id-number',
  'privacy/mobile',
  'content/serious-error',
  'disclosure/annual-report-missing',
  'document/repeal-unmarked',
  'policy/interpretation-missing',
  'policy/interpretation-late',
  'regulation/stale',
  'disclosure/attribute-missing',
  'goodbad/data-missing',
  'procurement/intention-missing',
  'newmedia/stale',
  'newmedia/unreachable',
  'newmedia/unlisted',
  'newmedia/duplicate',
] as const;

/** Builds the whole site in memory (deterministic for the same options within a process). */
export function buildDemoSite(opts: BuildOptions): BuiltSite {
  const b = new SiteBuilder(opts);
  for (const s of sections) s.build(b);
  return b.build();
}

export interface ExpectedPair {
  url: string;
  target?: string;
}

function absolute(pathOrUrl: string, baseUrl: string): string {
  return /^[a-z][a-z0-9+.-]*:/i.test(pathOrUrl) ? pathOrUrl : new URL(pathOrUrl, baseUrl).href;
}

/** The base a ground-truth path resolves against: the site, or the external host for `origin: 'external'`. */
function baseOf(entry: { origin?: string; path: string }, groundTruth: GroundTruth, baseUrl: string): string {
  if (entry.origin !== 'external') return baseUrl;
  if (!groundTruth.externalOrigin) throw new Error(`真值条目位于外部站点，但真值缺少 externalOrigin：${entry.path}`);
  return groundTruth.externalOrigin;
}

function byUrlThenTarget(a: ExpectedPair, b: ExpectedPair): number {
  return a.url.localeCompare(b.url) || (a.target ?? '').localeCompare(b.target ?? '');
}

/** Expected findings of one rule as absolute {url, target} pairs, sorted (a multiset: repeats are kept). */
export function expectedFor(groundTruth: GroundTruth, rule: string, baseUrl: string, pack?: RulePackName): ExpectedPair[] {
  return groundTruth.expected
    .filter((f) => f.rule === rule && (!pack || !f.pack || f.pack === pack))
    .map((f) => {
      const url = absolute(f.path, baseOf(f, groundTruth, baseUrl));
      return f.target === undefined ? { url } : { url, target: absolute(f.target, baseUrl) };
    })
    .sort(byUrlThenTarget);
}

/** Expected findings of one rule with their absolute url/target, evidence and notes. */
export function expectedFindings(groundTruth: GroundTruth, rule: string, baseUrl: string): (ExpectedFinding & ExpectedPair)[] {
  return groundTruth.expected
    .filter((f) => f.rule === rule)
    .map((f) => ({ ...f, url: absolute(f.path, baseOf(f, groundTruth, baseUrl)), ...(f.target === undefined ? {} : { target: absolute(f.target, baseUrl) }) }));
}

export function decoysFor(groundTruth: GroundTruth, rule: string, baseUrl: string): (Decoy & ExpectedPair)[] {
  return groundTruth.decoys
    .filter((d) => d.rule === rule)
    .map((d) => ({ ...d, url: absolute(d.path, baseOf(d, groundTruth, baseUrl)), ...(d.target === undefined ? {} : { target: absolute(d.target, baseUrl) }) }));
}

export interface StartOptions {
  asOf: string;
  port?: number;
  /** undefined: planted GBK/UTF-8 mix; true: all pages GBK; false: all UTF-8. */
  gbk?: boolean;
  staleHome?: boolean;
}

export interface DemoSite {
  /** Start URL with trailing slash, e.g. http://127.0.0.1:41234/ */
  url: string;
  /** Origin of the stand-in external host. */
  externalOrigin: string;
  groundTruth: GroundTruth;
  routes: Map<string, DemoResponse>;
  expectedFor(rule: string, pack?: RulePackName): ExpectedPair[];
  decoysFor(rule: string): (Decoy & ExpectedPair)[];
  close(): Promise<void>;
}

export async function startDemoSite(opts: StartOptions): Promise<DemoSite> {
  let built: BuiltSite | undefined;
  // The external host and the closed port must exist before the build, which writes their URLs into pages.
  const external = await serveRoutes(() => built?.externalRoutes ?? new Map());
  const refused = await closedPort();
  let main;
  try {
    built = buildDemoSite({ asOf: opts.asOf, gbk: opts.gbk, staleHome: opts.staleHome, externalOrigin: external.origin, refusedOrigin: `http://127.0.0.1:${refused}` });
    const routes = built.routes;
    main = await serveRoutes(() => routes, opts.port ?? 0);
  } catch (err) {
    await external.close();
    throw err;
  }
  const url = `${main.origin}/`;
  const groundTruth = built.groundTruth;
  let closed = false;
  return {
    url,
    externalOrigin: external.origin,
    groundTruth,
    routes: built.routes,
    expectedFor: (rule, pack) => expectedFor(groundTruth, rule, url, pack),
    decoysFor: (rule) => decoysFor(groundTruth, rule, url),
    async close() {
      if (closed) return;
      closed = true;
      await Promise.all([main.close(), external.close()]);
    },
  };
}

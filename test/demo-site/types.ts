// Public types of the demo site: what the server serves and the ground truth that integration tests assert.

/** One response of the in-memory site (HEAD gets the same headers without the body). */
export interface DemoResponse {
  status: number;
  headers: Record<string, string>;
  body: Uint8Array;
}

export type RulePackName = 'national' | 'jl-jtt-2022';

/** Where a ground-truth `path` lives: the demo site (default) or the stand-in external host. */
export type GroundTruthOrigin = 'site' | 'external';

/**
 * A finding the audit must produce. `path` is the finding's url relative to the site root (or to the external
 * host's origin with `origin: 'external'`); `target` is a path for in-site targets or an absolute URL for external
 * ones. `target` is set for link/* rules only (page-level rules put related pages into evidence). `evidence` is a
 * subset: every key given here must match the finding's evidence.
 */
export interface ExpectedFinding {
  rule: string;
  path: string;
  /** 'external': `path` is on the stand-in external host (new-media feeds and posts live off the site). */
  origin?: GroundTruthOrigin;
  target?: string;
  evidence?: Record<string, unknown>;
  /** Only for rule ids that exist in both packs (column/missing): which pack's list the column comes from. */
  pack?: RulePackName;
  /** How the defect is planted, so rule authors can reconcile. */
  note: string;
}

/** A case that looks like a defect but must NOT be flagged by `rule` on `path`. */
export interface Decoy {
  rule: string;
  path: string;
  /** As in ExpectedFinding. */
  origin?: GroundTruthOrigin;
  /** For link rules: the target that must not be reported. */
  target?: string;
  note: string;
}

export interface GroundTruth {
  expected: ExpectedFinding[];
  decoys: Decoy[];
  /** Origin that `origin: 'external'` paths resolve against (the build's externalOrigin). */
  externalOrigin?: string;
}

export interface BuildOptions {
  /** Reference date YYYY-MM-DD; every planted date is computed from it. */
  asOf: string;
  /** Variant whose home page has no item within 14 days (homepage/not-updated). Default false. */
  staleHome?: boolean;
  /** undefined: the planted mix of GBK and UTF-8 pages; true: every HTML page in GBK; false: every page in UTF-8. */
  gbk?: boolean;
  /** Origin of the second local server that stands in for external hosts (403/999/404/200 answers). */
  externalOrigin?: string;
  /** Origin of a closed port on 127.0.0.1 (connection refused). */
  refusedOrigin?: string;
}

export interface BuiltSite {
  routes: Map<string, DemoResponse>;
  /** Routes of the stand-in external host (served by the second server). */
  externalRoutes: Map<string, DemoResponse>;
  groundTruth: GroundTruth;
}

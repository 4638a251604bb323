// A full garbage collection at the audit's phase boundaries (after the crawl, before the reports). V8 lets
// garbage pile up until its heap limit heuristics kick in; at 10,000 pages that once put ~200 MB of dead crawl
// objects under the reports' own allocations. A collection costs 0.05-0.13 s; the audit asks for one only when the
// heap in use is large enough for it to matter (`ifHeapOver`). Node exposes gc() only behind a flag, so the flag is
// set at run time and the function taken from a fresh context.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

let gc: (() => void) | null | undefined;

export function collectGarbage(opts: { ifHeapOver?: number } = {}): void {
  if (opts.ifHeapOver !== undefined && process.memoryUsage().heapUsed <= opts.ifHeapOver) return;
  if (gc === undefined) {
    try {
      setFlagsFromString('--expose-gc');
      gc = runInNewContext('gc') as () => void;
    } catch {
      gc = null;
    }
  }
  gc?.();
}

// A crawl allocates fast and briefly (each page's parse tree is garbage a moment later), and V8 answers a high
// allocation rate by letting the heap grow to up to four times what survived its last full collection: at 10,000
// pages the audit's heap stood at ≈250 MB over ≈80 MB of live data. A fixed 20 % growth factor keeps the heap near
// its live size for a few more collections. The flag is process-wide (page workers included), so the CLI and the
// benchmark set it, not the audit API.
import { setFlagsFromString } from 'node:v8';

export const HEAP_GROWING_PERCENT = 20;

export function limitHeapGrowth(percent = HEAP_GROWING_PERCENT): void {
  try {
    setFlagsFromString(`--heap-growing-percent=${percent}`);
  } catch {
    // An engine without the flag keeps its own heuristics.
  }
}

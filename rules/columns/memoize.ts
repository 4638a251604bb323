// Answers of pure string functions remembered by input. Site rules ask for the same few thousand URLs and labels
// hundreds of thousands of times (every link of every page), and each answer costs a URL parse or a
// normalisation. Bounded so that a very large site (or a long-lived extension page) cannot grow it without limit.
const LIMIT = 100_000;

// Stands for a remembered `undefined` (most labels have no canonical column): one look-up per call, not two.
const NONE = Symbol('none');

export function memoizeString<T>(compute: (input: string) => T, limit = LIMIT): (input: string) => T {
  const cache = new Map<string, T | typeof NONE>();
  return (input: string) => {
    const hit = cache.get(input);
    if (hit !== undefined) return (hit === NONE ? undefined : hit) as T;
    if (cache.size >= limit) cache.clear();
    const value = compute(input);
    cache.set(input, value === undefined ? NONE : value);
    return value;
  };
}

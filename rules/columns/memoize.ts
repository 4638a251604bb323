// Answers of pure string functions remembered by input. Site rules ask for the same few thousand URLs and labels
// hundreds of thousands of times (every link of every page), and each answer costs a URL parse or a
// normalisation. Bounded so that a very large site (or a long-lived extension page) cannot grow it without limit.
const LIMIT = 100_000;

export function memoizeString<T>(compute: (input: string) => T, limit = LIMIT): (input: string) => T {
  const cache = new Map<string, T>();
  return (input: string) => {
    let value = cache.get(input);
    if (value === undefined && !cache.has(input)) {
      if (cache.size >= limit) cache.clear();
      value = compute(input);
      cache.set(input, value);
    }
    return value as T;
  };
}

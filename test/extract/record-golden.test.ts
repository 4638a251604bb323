// Page records must not change by accident (e.g. in a performance change): every record of a sample of bench-site
// pages, of the UTF-8 demo site and of the fixtures is compared, as a SHA-1 of its canonical JSON, with the
// fingerprints in golden/records.sha1.json. After an intended change of extraction, regenerate them:
//   npx tsx test/extract/bench/golden.ts --write     (and say why in the commit)
// To see what changed: test/extract/bench/run.ts --dump/--compare with the code before and after.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createCheerioAdapter } from '../../crawler/extract/cheerio-adapter.js';
import { extractPage } from '../../crawler/extract/extract-page.js';
import { fingerprints, GOLDEN_FILE, goldenPages } from './bench/golden.js';

describe('page records equal their golden fingerprints', () => {
  it('bench, demo-site and fixture pages, with and without crawl options', async () => {
    const expected = JSON.parse(readFileSync(GOLDEN_FILE, 'utf8')) as Record<string, string>;
    const actual = fingerprints(await goldenPages(), extractPage, createCheerioAdapter);
    expect(Object.keys(actual).length).toBeGreaterThan(250);
    const changed = Object.keys(expected).filter((url) => actual[url] !== expected[url]);
    expect(changed).toEqual([]);
    expect(Object.keys(actual).sort()).toEqual(Object.keys(expected).sort());
  }, 30_000);
});

// cheerio, loaded on first use. The crawl parses with htmlparser2 and parse5 and reads the tree itself; cheerio is
// needed only for `queryAll` (no built-in rule selects), for pages the fast parse declines, and for callers of
// `parseHtml`. Imported up front it cost a page worker ≈0.3 s of its start (cheerio brings undici along), during
// which the audit's thread analyses the pages itself. Required (its CommonJS build), since `queryAll` is synchronous;
// its tree helpers read nodes by their fields, so documents built by the ES module copy of domhandler work as well.
import { createRequire } from 'node:module';
import type * as Cheerio from 'cheerio';

const require = createRequire(import.meta.url);
let loaded: typeof Cheerio | undefined;

export function cheerio(): typeof Cheerio {
  return (loaded ??= require('cheerio') as typeof Cheerio);
}

/** Whether this module has loaded cheerio (tests: the fast path never does). */
export function cheerioLoaded(): boolean {
  return loaded !== undefined;
}

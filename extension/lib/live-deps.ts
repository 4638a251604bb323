// The shared code that live checks run: the DOM page adapter, page extraction and the page rules of the national
// and jl-jtt-2022 packs — the same modules the crawler uses, bundled into the content script.
import { createDomAdapter } from '../../crawler/extract/dom-adapter.js';
import { extractPage } from '../../crawler/extract/extract-page.js';
import { nationalPack } from '../../rules/national/index.js';
import { jlJtt2022Pack } from '../../rules/jl-jtt-2022/index.js';
import type { LiveDeps } from './live-check.js';

export function loadLiveDeps(): LiveDeps {
  return {
    createAdapter: (doc, url) => createDomAdapter(doc, url),
    extract: (adapter, opts) => extractPage(adapter, opts),
    packs: [nationalPack, jlJtt2022Pack],
  };
}

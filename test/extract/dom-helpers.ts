// Parse HTML with happy-dom (the DOM side) and with cheerio, to run the same extraction on both.
import { Window } from 'happy-dom';
import { createCheerioAdapter } from '../../crawler/extract/cheerio-adapter.js';
import { createDomAdapter } from '../../crawler/extract/dom-adapter.js';
import type { PageAdapter } from '../../rules/page-adapter.js';

export function domAdapterFor(html: string, url: string): { adapter: PageAdapter; close: () => Promise<void> } {
  const window = new Window({ url, settings: { disableJavaScriptEvaluation: true, disableCSSFileLoading: true, disableJavaScriptFileLoading: true } });
  const doc = new window.DOMParser().parseFromString(html, 'text/html');
  return { adapter: createDomAdapter(doc as unknown as Document, url), close: () => window.happyDOM.close() };
}

export function cheerioAdapterFor(html: string, url: string): PageAdapter {
  return createCheerioAdapter(html, url);
}

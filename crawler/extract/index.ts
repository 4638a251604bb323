export { extractPage } from './extract-page.js';
export type { ExtractInfo } from './extract-page.js';
export { createCheerioAdapter } from './cheerio-adapter.js';
export { createDomAdapter } from './dom-adapter.js';
export { parseDate, findDates } from './dates.js';
export { DISCLOSURE_LABELS } from './disclosure-table.js';
export { ARTICLE_URL } from './page-kind.js';

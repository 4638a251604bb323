export { normalizeLabel } from './normalize-label.js';
export { CANONICAL, CANONICAL_NAMES, canonicalColumn, synonymsOf, type CanonicalName } from './synonyms.js';
export { urlKey, directoryOf, pagerFamily, samePager } from './column-urls.js';
export { buildColumnInventory, columnsListing, type BuildColumnInventoryOptions, type ConfigColumn } from './build-inventory.js';

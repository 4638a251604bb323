export { normalizeUrl, classifyHref, isSameSite, createSiteMatcher, ATTACHMENT_EXTENSIONS, attachmentExt } from './normalize.js';
export type { HrefKind } from './normalize.js';

export { normalizeUrl, classifyHref, isSameSite, ATTACHMENT_EXTENSIONS, attachmentExt } from './normalize.js';
export type { HrefKind } from './normalize.js';

export { extractAttachmentText, DEFAULT_MAX_CHARS, TEXT_ATTACHMENT_EXTENSIONS } from './attachment-text.js';
export type { AttachmentText, AttachmentTextOptions } from './attachment-text.js';

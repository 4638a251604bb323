import { TOOL_VERSION } from '../version.js';

/** Identifies the auditor so that webmasters can recognise (and allow) it. */
export const DEFAULT_USER_AGENT = `Gongkai/${TOOL_VERSION} (+政府网站内容审计; https://github.com/gongkai)`;

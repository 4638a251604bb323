// Decodes a feed or list-page body with the page model's decoders: feeds by header charset / XML declaration
// (GBK feeds declare it there), HTML by header / <meta> charset; both fall back to detection.
import { decodeHtml, decodeText, type Decoded } from '../http/decode.js';

export type DecodedFeed = Decoded;

export function decodeFeedBody(body: Uint8Array, contentType?: string): DecodedFeed {
  const head = Buffer.from(body.subarray(0, 512)).toString('latin1').replace(/^\uFEFF|^\xEF\xBB\xBF/, '').trimStart();
  const html = /html/i.test(contentType ?? '') || /^<!doctype html|^<html[\s>]/i.test(head);
  return html ? decodeHtml(body, contentType) : decodeText(body, contentType);
}

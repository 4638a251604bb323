// Reads a response body up to a byte cap, decoding gzip/deflate/br on the way so that the cap applies to the
// decoded size (a gzip bomb stops at the cap, not at the memory limit).
import { pipeline, type Readable } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate, constants as zlibConstants } from 'node:zlib';

export interface ReadBodyResult {
  body: Buffer;
  truncated: boolean;
}

function decoderFor(encoding: string | undefined) {
  const enc = (encoding ?? '').trim().toLowerCase();
  // Lenient flushes: many servers end gzip streams early; keep what was decoded.
  const flush = { finishFlush: zlibConstants.Z_SYNC_FLUSH };
  if (enc === 'gzip' || enc === 'x-gzip') return createGunzip(flush);
  if (enc === 'deflate') return createInflate(flush);
  if (enc === 'br') return createBrotliDecompress({ finishFlush: zlibConstants.BROTLI_OPERATION_FLUSH });
  return undefined;
}

/** A body not read whole by its deadline (a server that keeps sending a little at a time). */
export class BodyTimeoutError extends Error {
  override readonly name = 'TimeoutError';
  readonly code = 'ETIMEDOUT';
  constructor() {
    super('响应正文读取超时');
  }
}

/** `deadline` (ms since the epoch): the body must be read whole by then, else BodyTimeoutError. */
export async function readBody(source: Readable, contentEncoding: string | undefined, maxBytes: number, deadline?: number): Promise<ReadBodyResult> {
  const decoder = decoderFor(contentEncoding);
  let timedOut = false;
  const timer =
    deadline === undefined
      ? undefined
      : setTimeout(() => {
          timedOut = true;
          source.destroy(new BodyTimeoutError());
        }, Math.max(0, deadline - Date.now()));
  const stream: Readable = decoder ? (pipeline(source, decoder, () => undefined) as unknown as Readable) : source;
  const chunks: Buffer[] = [];
  let size = 0;
  let truncated = false;
  try {
    for await (const chunk of stream) {
      const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array);
      if (size + buf.length > maxBytes) {
        chunks.push(buf.subarray(0, maxBytes - size));
        size = maxBytes;
        truncated = true;
        break;
      }
      chunks.push(buf);
      size += buf.length;
    }
  } catch (error) {
    if (timedOut) throw new BodyTimeoutError();
    // A corrupt compressed stream after some data: keep the data, mark it cut. Nothing at all: a real error.
    if (decoder && size > 0 && isZlibError(error)) truncated = true;
    else throw error;
  } finally {
    clearTimeout(timer);
    if (truncated || decoder) {
      source.destroy();
      decoder?.destroy();
    }
  }
  // A decoder may end quietly when its source is destroyed.
  if (timedOut) throw new BodyTimeoutError();
  return { body: Buffer.concat(chunks, size), truncated };
}

function isZlibError(error: unknown): boolean {
  const code = (error as { code?: string })?.code ?? '';
  return code.startsWith('Z_') || code.startsWith('ERR_BROTLI') || code === 'ERR__ERROR';
}

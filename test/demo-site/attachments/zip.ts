// Deterministic zip (fixed timestamps) for the OOXML attachments built by hand.
import { strToU8, zipSync } from 'fflate';

export function zipFiles(files: Record<string, string>): Uint8Array {
  const entries: Record<string, Uint8Array> = {};
  for (const [name, text] of Object.entries(files)) entries[name] = strToU8(text);
  return zipSync(entries, { level: 6, mtime: new Date('2022-01-01T00:00:00Z') });
}

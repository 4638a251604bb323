// Writing a large text file (findings.json, report.html, report.csv) from its pieces. A module of its own: the
// audit writes findings.json with it also when it writes no reports, without loading the renderers and the history.
import fs from 'node:fs/promises';

/** Text written in batches of about this many characters: a 25 MB report never exists as one string. */
const WRITE_BATCH_CHARS = 1 << 20;

/** Write a text file (UTF-8) from its pieces, in order, holding about one batch in memory at a time. */
export async function writeChunks(file: string, chunks: Iterable<string>): Promise<void> {
  const fh = await fs.open(file, 'w');
  try {
    let batch: string[] = [];
    let size = 0;
    for (const chunk of chunks) {
      batch.push(chunk);
      size += chunk.length;
      if (size >= WRITE_BATCH_CHARS) {
        await fh.writeFile(batch.join(''), 'utf8');
        batch = [];
        size = 0;
      }
    }
    await fh.writeFile(batch.join(''), 'utf8');
  } finally {
    await fh.close();
  }
}


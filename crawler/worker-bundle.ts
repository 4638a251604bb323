// A worker thread's TypeScript module bundled into one ES module (esbuild, packages left external): a worker loads
// it in about a third of the time tsx takes to compile and load the same modules one by one, and without tsx's
// loader thread. Built in memory (≈0.15 s) and written under its content hash beside the packages it imports
// (node_modules/.cache/gongkai), so it is never stale and a killed audit leaves nothing to clean up.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const BUNDLE_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'node_modules', '.cache', 'gongkai');

/** A bundle being built or built by this process, and its file once known. */
interface Built {
  bundle: Promise<URL | undefined>;
  url?: URL;
}

/** Bundles built by this process, by module: the modules do not change under a running process. */
const built = new Map<string, Built>();

/** The bundle of `modulePath` (a .ts file), or undefined when esbuild or the cache directory is unavailable (then
 *  tried again at the next call, as is a bundle file removed meanwhile, e.g. by a reinstall under `gongkai serve`). */
export function bundleWorkerModule(modulePath: string): Promise<URL | undefined> {
  const known = built.get(modulePath);
  if (known && (!known.url || existsSync(known.url))) return known.bundle;
  const entry: Built = { bundle: buildBundle(modulePath) };
  built.set(modulePath, entry);
  void entry.bundle.then((url) => {
    if (url) entry.url = url;
    else if (built.get(modulePath) === entry) built.delete(modulePath);
  });
  return entry.bundle;
}

async function buildBundle(modulePath: string): Promise<URL | undefined> {
  try {
    const { build } = await import('esbuild');
    const result = await build({
      entryPoints: [modulePath],
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      packages: 'external',
      write: false,
      outdir: BUNDLE_DIR,
      logLevel: 'silent',
    });
    const code = result.outputFiles[0]!.contents;
    const name = basename(modulePath).replace(/\.[mc]?ts$/, '');
    const file = join(BUNDLE_DIR, `${name}-${createHash('sha1').update(code).digest('hex').slice(0, 16)}.mjs`);
    if (!existsSync(file)) {
      await mkdir(BUNDLE_DIR, { recursive: true });
      const temp = `${file}.${process.pid}.tmp`;
      await writeFile(temp, code);
      await rename(temp, file);
    }
    return pathToFileURL(file);
  } catch {
    return undefined;
  }
}

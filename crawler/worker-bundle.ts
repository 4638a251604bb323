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

/** Bundles built by this process, by module: the modules do not change under a running process. */
const built = new Map<string, Promise<URL | undefined>>();

/** The bundle of `modulePath` (a .ts file), or undefined when esbuild or the cache directory is unavailable (then
 *  tried again at the next call). */
export function bundleWorkerModule(modulePath: string): Promise<URL | undefined> {
  let bundle = built.get(modulePath);
  if (!bundle) {
    bundle = buildBundle(modulePath);
    built.set(modulePath, bundle);
    void bundle.then((url) => url ?? built.delete(modulePath));
  }
  return bundle;
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

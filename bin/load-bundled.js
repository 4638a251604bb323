// Loads a TypeScript entry of the project as one esbuild bundle (code-split, packages left external) instead of
// through tsx's loader: tsx compiles each module on load and routes every import, ours and the packages', through
// its loader thread, which cost an audit about 2 s before its first request. The bundle is cached under
// node_modules/.cache/gongkai, keyed by the sources' paths, sizes and modification times, so a changed source is
// rebuilt (≈0.3 s) and an unchanged one is loaded at once. Each module keeps its own `import.meta.url` (assets and
// workers are found next to the sources). Without esbuild, or when the cache is not writable, tsx runs the entry.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const SOURCE_DIRS = ['bin', 'crawler', 'rules', 'reports', 'test/bench', 'test/demo-site'];
const CACHE = join(ROOT, 'node_modules', '.cache', 'gongkai');

function sourceKey(entry) {
  const hash = createHash('sha1').update(entry);
  const walk = (dir) => {
    let names;
    try {
      names = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const d of names.sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const file = join(dir, d.name);
      if (d.isDirectory()) {
        if (d.name !== 'node_modules') walk(file);
      } else if (/\.(ts|mts|js|mjs|json)$/.test(d.name)) {
        const st = statSync(file);
        hash.update(`${relative(ROOT, file)}\0${st.size}\0${st.mtimeMs}\n`);
      }
    }
  };
  for (const dir of SOURCE_DIRS) walk(join(ROOT, dir));
  hash.update(readFileSync(join(ROOT, 'package.json')));
  return hash.digest('hex').slice(0, 16);
}

/** esbuild plugin: `import.meta.url` in each project module becomes that module's own source URL. */
const ownUrl = {
  name: 'own-import-meta-url',
  setup(build) {
    build.onLoad({ filter: /\.(ts|mts)$/ }, (args) => {
      if (args.path.includes('node_modules')) return undefined;
      const text = readFileSync(args.path, 'utf8').replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href));
      return { contents: text, loader: 'ts' };
    });
  },
};

async function bundle(entry) {
  const name = entry.replace(/[^\w]+/g, '-');
  const dir = join(CACHE, `${name}-${sourceKey(entry)}`);
  const main = join(dir, 'entry.mjs');
  if (existsSync(main)) return main;
  const { build } = await import('esbuild');
  const temp = `${dir}.${process.pid}.tmp`;
  rmSync(temp, { recursive: true, force: true });
  mkdirSync(temp, { recursive: true });
  await build({
    entryPoints: { entry: join(ROOT, entry) },
    bundle: true,
    splitting: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    outdir: temp,
    outExtension: { '.js': '.mjs' },
    chunkNames: 'chunk-[hash]',
    plugins: [ownUrl],
    logLevel: 'silent',
  });
  try {
    renameSync(temp, dir);
  } catch {
    rmSync(temp, { recursive: true, force: true }); // another process won the race: use its bundle
  }
  // Bundles of older sources of this entry, a day old (a process started earlier may still load its chunks).
  for (const old of readdirSync(CACHE)) {
    const path = join(CACHE, old);
    if (!old.startsWith(`${name}-`) || path === dir) continue;
    try {
      if (Date.now() - statSync(path).mtimeMs > 86_400_000) rmSync(path, { recursive: true, force: true });
    } catch {
      /* removed meanwhile */
    }
  }
  return main;
}

/** Import a project entry (path relative to the project root), bundled when possible. */
export async function importEntry(entry) {
  let file;
  try {
    file = await bundle(entry);
  } catch {
    file = undefined;
  }
  if (file) return import(pathToFileURL(file).href);
  const { register } = await import('tsx/esm/api');
  register();
  return import(pathToFileURL(join(ROOT, entry)).href);
}

// Used by tests: the cache directory (to clear it) and the bundle path of an entry.
export { CACHE as BUNDLE_CACHE, bundle as bundleEntry };

// pdf.js's legacy build (the one that runs on Node 20) bundles core-js, which replaces built-ins it judges
// non-conforming: Array.prototype.push, JSON.parse and Function.prototype.toString among them. Left in place, every
// array push and JSON.parse of the whole audit runs through JavaScript polyfills (≈7 % of a 10,000-page audit).
// So Node's built-ins are snapshotted before pdf.js is first imported and put back after the import and after each
// document (its worker code installs some polyfills lazily); what pdf.js only added (e.g. Promise.withResolvers,
// missing on Node 20) stays, since pdf.js needs it.
type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');

interface Snapshot {
  holder: object;
  props: Map<PropertyKey, PropertyDescriptor>;
}

let loading: Promise<PdfJs> | undefined;
let natives: Snapshot[] | undefined;

/** The objects whose own properties are snapshotted: global constructors, their prototypes and namespaces. */
function builtInHolders(): object[] {
  const holders: object[] = [globalThis];
  for (const key of Object.getOwnPropertyNames(globalThis)) {
    if (!/^[A-Z]/.test(key)) continue;
    const value = (globalThis as Record<string, unknown>)[key];
    if (typeof value === 'function') {
      holders.push(value);
      // (Function.prototype is itself a function.)
      const proto: unknown = value.prototype;
      if (proto && (typeof proto === 'object' || typeof proto === 'function')) holders.push(proto as object);
    } else if (value && typeof value === 'object') {
      holders.push(value);
    }
  }
  const typedArray = Object.getPrototypeOf(Uint8Array) as { prototype: object };
  holders.push(typedArray, typedArray.prototype);
  return holders;
}

export function snapshotBuiltIns(): Snapshot[] {
  return builtInHolders().map((holder) => {
    const props = new Map<PropertyKey, PropertyDescriptor>();
    for (const key of Reflect.ownKeys(holder)) props.set(key, Object.getOwnPropertyDescriptor(holder, key)!);
    return { holder, props };
  });
}

/** Put back every snapshotted property that was replaced since; returns the names restored. */
export function restoreBuiltIns(snapshot: Snapshot[] | undefined = natives): string[] {
  const restored: string[] = [];
  for (const { holder, props } of snapshot ?? []) {
    for (const [key, before] of props) {
      const now = Object.getOwnPropertyDescriptor(holder, key);
      if (now && Object.is(now.value, before.value) && now.get === before.get && now.set === before.set) continue;
      try {
        Object.defineProperty(holder, key, before);
        restored.push(String(key));
      } catch {
        // A property that cannot be redefined is left as pdf.js set it.
      }
    }
  }
  return restored;
}

/** pdf.js (legacy build), imported once per process with Node's own built-ins kept. Its worker module (which
 *  carries its own copy of core-js) is imported here too and handed over as `globalThis.pdfjsWorker`, so pdf.js's
 *  in-thread "fake worker" does not import it later. Call `restoreBuiltIns()` after each document. */
export function loadPdfJs(): Promise<PdfJs> {
  natives ??= snapshotBuiltIns();
  loading ??= (async () => {
    try {
      const [lib, worker] = await Promise.all([
        import('pdfjs-dist/legacy/build/pdf.mjs'),
        // @ts-expect-error pdfjs-dist ships no types for its worker module.
        import('pdfjs-dist/legacy/build/pdf.worker.mjs') as Promise<unknown>,
      ]);
      (globalThis as { pdfjsWorker?: unknown }).pdfjsWorker = worker;
      return lib;
    } finally {
      restoreBuiltIns();
    }
  })();
  return loading;
}

import { existsSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { bundleWorkerModule } from '../../crawler/worker-bundle.js';

const PROBE = fileURLToPath(new URL('./fixtures/bundle-probe.ts', import.meta.url));

describe('bundleWorkerModule', () => {
  it('builds a module once per process, and again when its bundle file was removed', async () => {
    const first = await bundleWorkerModule(PROBE);
    expect(first?.pathname).toMatch(/bundle-probe-[0-9a-f]{16}\.mjs$/);
    const again = bundleWorkerModule(PROBE);
    expect(await again).toBe(first);
    expect(bundleWorkerModule(PROBE)).toBe(again);
    rmSync(fileURLToPath(first!));
    const rebuilt = await bundleWorkerModule(PROBE);
    expect(rebuilt?.href).toBe(first?.href);
    expect(existsSync(fileURLToPath(rebuilt!))).toBe(true);
    expect((await import(rebuilt!.href)) as { PROBE: string }).toMatchObject({ PROBE: 'bundle-probe' });
  });
});

// The release manifest (wxt.config.ts) asks for the minimal permissions the issue allows: storage, activeTab and
// scripting; host access only as optional permissions, requested at run time for the configured sites and server.
import { describe, expect, it } from 'vitest';

type ManifestFn = (env: { browser: string; manifestVersion: 3; mode: string; command: string }) => Record<string, unknown>;

async function releaseManifest(browser: string): Promise<Record<string, unknown>> {
  const saved = process.env.GONGKAI_E2E_HOSTS;
  delete process.env.GONGKAI_E2E_HOSTS;
  try {
    const config = (await import('../../wxt.config.js')).default as { manifest: ManifestFn; manifestVersion: number };
    expect(config.manifestVersion).toBe(3);
    return config.manifest({ browser, manifestVersion: 3, mode: 'production', command: 'build' });
  } finally {
    if (saved !== undefined) process.env.GONGKAI_E2E_HOSTS = saved;
  }
}

describe('extension manifest', () => {
  it.each(['chrome', 'firefox'])('%s: storage, activeTab, scripting; no static host access; zh-CN name', async (browser) => {
    const m = await releaseManifest(browser);
    expect(m.permissions).toEqual(['storage', 'activeTab', 'scripting']);
    expect(m).not.toHaveProperty('host_permissions');
    expect(m.optional_host_permissions).toEqual(['http://*/*', 'https://*/*']);
    expect(m).not.toHaveProperty('content_scripts'); // registered at run time for granted sites only
    expect(String(m.name)).toMatch(/[\u4e00-\u9fff]/);
    expect(String(m.description)).toMatch(/[\u4e00-\u9fff]/);
    if (browser === 'firefox') expect(m.browser_specific_settings).toMatchObject({ gecko: { id: expect.any(String) } });
    else expect(m).not.toHaveProperty('browser_specific_settings');
  });
});

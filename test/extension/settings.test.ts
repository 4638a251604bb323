import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import {
  checkSettings,
  loadImportedAudit,
  loadSettings,
  parseAuditFile,
  saveImportedAudit,
  saveSettings,
  SETTINGS_KEY,
} from '../../extension/lib/settings.js';
import { originPattern, parseOrigin } from '../../extension/lib/origins.js';
import { pageKey } from '../../extension/lib/url-key.js';
import { shanghaiDateTime } from '../../extension/lib/time.js';
import { audit, finding } from './fixtures.js';

beforeEach(() => fakeBrowser.reset());

describe('settings', () => {
  it('validates the options form with zh-CN errors and normalises sites to origins', () => {
    const ok = checkSettings({ serverUrl: 'http://127.0.0.1:8787/', token: ' t ', sites: ['jtt.jl.gov.cn', 'https://jtt.jl.gov.cn/xxgk/', ''], disabledFamilies: ['link'], liveChecks: true });
    expect(ok).toEqual({ ok: true, settings: { serverUrl: 'http://127.0.0.1:8787', token: 't', sites: ['https://jtt.jl.gov.cn'], disabledFamilies: ['link'], liveChecks: true } });
    const bad = checkSettings({ serverUrl: 'ftp://x', token: '', sites: ['javascript:alert(1)'], disabledFamilies: [], liveChecks: true });
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.errors[0]).toContain('服务器地址');
      expect(bad.errors[1]).toContain('检查网站');
    }
  });

  it('round-trips through storage and survives garbage stored there', async () => {
    const storage = fakeBrowser.storage.local;
    expect((await loadSettings(storage)).sites).toEqual([]);
    await saveSettings(storage, { serverUrl: '', token: '', sites: ['http://127.0.0.1:1'], disabledFamilies: [], liveChecks: false });
    expect(await loadSettings(storage)).toMatchObject({ sites: ['http://127.0.0.1:1'], liveChecks: false });
    await storage.set({ [SETTINGS_KEY]: { sites: 'not a list' } });
    expect((await loadSettings(storage)).sites).toEqual([]);
  });

  it('imports only a valid findings.json, naming the bad field in zh-CN', async () => {
    expect(parseAuditFile('{oops')).toMatchObject({ ok: false, error: expect.stringContaining('不是有效的 JSON') });
    const broken = audit([finding({ id: 'x' })]) as unknown as { findings: { severity: string }[] };
    broken.findings[0]!.severity = 'fatal';
    const r = parseAuditFile(JSON.stringify(broken));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toContain('findings.0.severity');
    const good = parseAuditFile(JSON.stringify(audit([finding({ id: 'y' })])));
    expect(good.ok).toBe(true);
    if (good.ok) await saveImportedAudit(fakeBrowser.storage.local, good.audit);
    expect((await loadImportedAudit(fakeBrowser.storage.local))?.findings[0]?.id).toBe('y');
  });

  it('matches origins, patterns, page keys and shows times in Asia/Shanghai', () => {
    expect(parseOrigin('http://127.0.0.1:8080/a?b')).toEqual({ ok: true, origin: 'http://127.0.0.1:8080' });
    expect(originPattern('http://127.0.0.1:8080')).toBe('http://127.0.0.1/*');
    expect(pageKey('HTTP://Example.GOV.cn:80/a.html?#x')).toBe('http://example.gov.cn/a.html');
    expect(pageKey('mailto:a@b.c')).toBeUndefined();
    expect(shanghaiDateTime('2024-05-06T17:30:00Z')).toBe('2024-05-07 01:30');
    expect(shanghaiDateTime('garbage')).toBe('garbage');
  });
});

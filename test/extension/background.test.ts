import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { BackgroundApp, CONTENT_SCRIPT_ID, type BackgroundBrowser } from '../../extension/lib/background-app.js';
import type { FetchLike } from '../../extension/lib/findings-source.js';
import { saveImportedAudit, saveSettings, DEFAULT_SETTINGS } from '../../extension/lib/settings.js';
import { audit, finding } from './fixtures.js';

const PAGE = 'http://127.0.0.1:9/news/a.html';

function jsonResponse(body: unknown, status = 200) {
  return { ok: status < 400, status, json: async () => body };
}

function setup(fetchImpl: FetchLike) {
  const registered: { id: string; matches: string[] }[] = [];
  const granted = new Set<string>();
  const b = fakeBrowser as unknown as BackgroundBrowser & Record<string, unknown>;
  (fakeBrowser as unknown as { permissions: BackgroundBrowser['permissions'] }).permissions = {
    contains: async ({ origins = [] }) => origins.every((o) => granted.has(o)),
  };
  (fakeBrowser as unknown as { scripting: BackgroundBrowser['scripting'] }).scripting = {
    getRegisteredContentScripts: async () => registered.map((r) => ({ id: r.id })),
    registerContentScripts: async (scripts) => void registered.push(...scripts),
    unregisterContentScripts: async ({ ids = [] } = {}) => {
      for (const id of ids) registered.splice(registered.findIndex((r) => r.id === id), 1);
    },
  };
  const fetch = vi.fn(fetchImpl);
  const app = new BackgroundApp({ browser: b, fetch });
  return { app, fetch, registered, granted };
}

beforeEach(() => {
  fakeBrowser.reset();
});

describe('BackgroundApp', () => {
  it('fetches a page’s findings from the server with the token, validates and caches them', async () => {
    await saveSettings(fakeBrowser.storage.local, { ...DEFAULT_SETTINGS, serverUrl: 'http://127.0.0.1:7', token: 's3cret' });
    const f = finding({ id: 'f1', url: PAGE });
    const { app, fetch } = setup(async () => jsonResponse({ audit: { id: 'a1', site: 'http://127.0.0.1:9/', finishedAt: '2024-05-06T01:30:00Z' }, findings: [f] }));
    const res = (await app.handle({ type: 'gongkai:page-findings', url: PAGE })) as { source: string; findings: unknown[] };
    expect(res.source).toBe('server');
    expect(res.findings).toEqual([f]);
    expect(fetch).toHaveBeenCalledTimes(1);
    const [url, init] = fetch.mock.calls[0]!;
    expect(url).toBe(`http://127.0.0.1:7/api/findings?url=${encodeURIComponent(PAGE)}`);
    expect(init?.headers?.Authorization).toBe('Bearer s3cret');
    await app.handle({ type: 'gongkai:page-findings', url: PAGE });
    expect(fetch).toHaveBeenCalledTimes(1); // cached
  });

  it('falls back to the imported findings.json with a zh-CN error when the server refuses the token', async () => {
    await saveSettings(fakeBrowser.storage.local, { ...DEFAULT_SETTINGS, serverUrl: 'http://127.0.0.1:7', token: 'wrong' });
    const mine = finding({ id: 'mine', url: PAGE });
    const other = finding({ id: 'other', url: 'http://127.0.0.1:9/other.html' });
    const leak = finding({ id: 'leak', rule: 'privacy/id-number', url: 'http://127.0.0.1:9/files/list.xlsx' });
    await saveImportedAudit(fakeBrowser.storage.local, audit([mine, other, leak]));
    const { app } = setup(async () => jsonResponse({ error: 'no' }, 401));
    const res = (await app.handle({ type: 'gongkai:page-findings', url: `${PAGE}#top`, linked: ['http://127.0.0.1:9/files/list.xlsx'] })) as {
      source: string;
      findings: { id: string }[];
      error: string;
      audit: { counts: Record<string, number> };
    };
    expect(res.source).toBe('import');
    expect(res.findings.map((x) => x.id)).toEqual(['mine', 'leak']);
    expect(res.error).toContain('访问令牌');
    expect(res.audit.counts).toEqual({ serious: 3 });
  });

  it('rejects a server answer that is not in the findings.json shape', async () => {
    await saveSettings(fakeBrowser.storage.local, { ...DEFAULT_SETTINGS, serverUrl: 'http://127.0.0.1:7' });
    const { app } = setup(async () => jsonResponse({ findings: [{ id: 'x', message: '<b>no severity</b>' }] }));
    const res = (await app.handle({ type: 'gongkai:page-findings', url: PAGE })) as { source: string; findings: unknown[]; error?: string };
    expect(res.source).toBe('none');
    expect(res.findings).toEqual([]);
    expect(res.error).toContain('格式');
  });

  it('reads the latest audit summary and its counts from the server', async () => {
    await saveSettings(fakeBrowser.storage.local, { ...DEFAULT_SETTINGS, serverUrl: 'http://127.0.0.1:7/' });
    const { app, fetch } = setup(async () =>
      jsonResponse({ audit: { site: 'http://127.0.0.1:9/', finishedAt: '2024-05-06T01:30:00Z', pagesCrawled: 5 }, counts: { bySeverity: { critical: 2, minor: 1 }, total: 3 }, verdict: { pass: false, score: 70 } }),
    );
    const res = (await app.handle({ type: 'gongkai:latest-audit', site: 'http://127.0.0.1:9/' })) as { audit: Record<string, unknown> };
    expect(fetch.mock.calls[0]![0]).toBe(`http://127.0.0.1:7/api/audits/latest?site=${encodeURIComponent('http://127.0.0.1:9/')}`);
    expect(res.audit).toMatchObject({ source: 'server', pagesCrawled: 5, counts: { critical: 2, minor: 1 }, total: 3, verdict: { pass: false, score: 70 } });
  });

  it('reads the shapes `gongkai serve` sends: waived findings dropped, audit rows with pages/score/pass', async () => {
    await saveSettings(fakeBrowser.storage.local, { ...DEFAULT_SETTINGS, serverUrl: 'http://127.0.0.1:7', token: 'tok' });
    const served = (id: string, waived: boolean) => ({ ...finding({ id, url: PAGE }), waived, waiver: null, lifecycle: 'new' });
    const { app } = setup(async (url) =>
      url.includes('/api/findings')
        ? jsonResponse({ site: 'http://127.0.0.1:9/', auditId: 'x', asOf: '2024-05-06', findings: [served('keep', false), served('waived', true)] })
        : url.includes('/api/audits/latest')
          ? jsonResponse({ audit: { id: 'x', site: 'http://127.0.0.1:9/', siteKey: 'k', host: 'h', asOf: '2024-05-06', startedAt: 's', finishedAt: '2024-05-06T02:00:00Z', pages: 120, total: 3, bySeverity: {}, score: 91, pass: true }, counts: { critical: 1, serious: 2, moderate: 0, minor: 0 }, verdict: null })
          : jsonResponse({ error: '未知的接口' }, 404),
    );
    const page = (await app.handle({ type: 'gongkai:page-findings', url: PAGE })) as { findings: Record<string, unknown>[]; audit: Record<string, unknown> };
    expect(page.findings.map((f) => f.id)).toEqual(['keep']);
    expect(page.findings[0]).not.toHaveProperty('waived');
    expect(page.audit).toMatchObject({ source: 'server', site: 'http://127.0.0.1:9/', asOf: '2024-05-06' });
    const latest = (await app.handle({ type: 'gongkai:latest-audit', site: 'http://127.0.0.1:9/' })) as { audit: Record<string, unknown> };
    expect(latest.audit).toMatchObject({ pagesCrawled: 120, total: 3, counts: { critical: 1, serious: 2 }, verdict: { pass: true, score: 91 } });
  });

  it('adds privacy leaks in attachments the page links to from the server’s site findings (cached, waived dropped)', async () => {
    await saveSettings(fakeBrowser.storage.local, { ...DEFAULT_SETTINGS, serverUrl: 'http://127.0.0.1:7', token: 'tok' });
    const XLSX = 'http://127.0.0.1:9/files/list.xlsx';
    const served = (f: ReturnType<typeof finding>, waived = false) => ({ ...f, waived, waiver: null, lifecycle: 'new' });
    const onPage = finding({ id: 'page', url: PAGE });
    const leak = finding({ id: 'leak', rule: 'privacy/id-number', severity: 'critical', url: XLSX, evidence: { parentUrl: PAGE } });
    const waivedLeak = finding({ id: 'waived-leak', rule: 'privacy/mobile', url: XLSX });
    const brokenInXlsx = finding({ id: 'not-privacy', rule: 'link/broken', url: XLSX });
    const unlinked = finding({ id: 'unlinked', rule: 'privacy/id-number', url: 'http://127.0.0.1:9/files/other.pdf' });
    const { app, fetch } = setup(async (url) => {
      const q = new URL(url).searchParams;
      if (q.get('url')) return jsonResponse({ site: 'http://127.0.0.1:9/', findings: [served(onPage)] });
      expect(q.get('site')).toBe('http://127.0.0.1:9/');
      return jsonResponse({ site: 'http://127.0.0.1:9/', findings: [onPage, leak, brokenInXlsx, unlinked].map((f) => served(f)).concat(served(waivedLeak, true)) });
    });
    const res = (await app.handle({ type: 'gongkai:page-findings', url: PAGE, linked: [XLSX] })) as { findings: { id: string }[]; error?: string };
    expect(res.findings.map((f) => f.id)).toEqual(['page', 'leak']);
    expect(res.error).toBeUndefined();
    const other = 'http://127.0.0.1:9/news/b.html';
    await app.handle({ type: 'gongkai:page-findings', url: other, linked: [XLSX] });
    // One site call serves every page of the site; a page without attachments does not make it.
    expect(fetch.mock.calls.filter(([u]) => u.includes('site=')).length).toBe(1);
    await app.handle({ type: 'gongkai:page-findings', url: 'http://127.0.0.1:9/news/c.html' });
    expect(fetch).toHaveBeenCalledTimes(4); // PAGE, site, b.html, c.html
  });

  it('keeps the page’s server findings with a zh-CN note when the attachment lookup fails', async () => {
    await saveSettings(fakeBrowser.storage.local, { ...DEFAULT_SETTINGS, serverUrl: 'http://127.0.0.1:7' });
    const { app } = setup(async (url) =>
      url.includes('url=') ? jsonResponse({ findings: [finding({ id: 'page', url: PAGE })] }) : jsonResponse({ error: '服务器内部错误' }, 500),
    );
    const res = (await app.handle({ type: 'gongkai:page-findings', url: PAGE, linked: ['http://127.0.0.1:9/a.pdf'] })) as { source: string; findings: { id: string }[]; error?: string };
    expect(res.source).toBe('server');
    expect(res.findings.map((f) => f.id)).toEqual(['page']);
    expect(res.error).toContain('无法获取附件的审计结果');
  });

  it('passes the server’s zh-CN error through when it has no audit of the site', async () => {
    await saveSettings(fakeBrowser.storage.local, { ...DEFAULT_SETTINGS, serverUrl: 'http://127.0.0.1:7' });
    const { app } = setup(async () => jsonResponse({ error: '没有该网站的审计记录：http://127.0.0.1:9/' }, 404));
    const latest = (await app.handle({ type: 'gongkai:latest-audit', site: 'http://127.0.0.1:9/' })) as { error: string };
    expect(latest.error).toContain('没有该网站的审计记录');
  });

  it('sets the toolbar badge per tab from the content script’s count', async () => {
    const { app } = setup(async () => jsonResponse({}));
    await app.handle({ type: 'gongkai:count', count: 4, worst: 'critical' }, { tab: { id: 7 } });
    expect(await fakeBrowser.action.getBadgeText({ tabId: 7 })).toBe('4');
    expect(await fakeBrowser.action.getBadgeText({ tabId: 8 })).not.toBe('4');
    await app.handle({ type: 'gongkai:count', count: 0 }, { tab: { id: 7 } });
    expect(await fakeBrowser.action.getBadgeText({ tabId: 7 })).toBe('');
    expect(await app.handle({ type: 'gongkai:count', count: -1 }, { tab: { id: 7 } })).toBeUndefined(); // invalid message ignored
  });

  it('registers the overlay script only for configured sites with granted host access', async () => {
    const { app, registered, granted } = setup(async () => jsonResponse({}));
    await saveSettings(fakeBrowser.storage.local, { ...DEFAULT_SETTINGS, sites: ['https://jtt.jl.gov.cn', 'http://127.0.0.1:8080'] });
    expect(await app.syncRegistration()).toEqual([]);
    expect(registered).toEqual([]);
    granted.add('http://127.0.0.1/*');
    expect(await app.syncRegistration()).toEqual(['http://127.0.0.1/*']);
    expect(registered).toEqual([expect.objectContaining({ id: CONTENT_SCRIPT_ID, matches: ['http://127.0.0.1/*'], js: ['content-scripts/content.js'] })]);
    granted.add('https://jtt.jl.gov.cn/*');
    await app.syncRegistration();
    expect(registered).toHaveLength(1);
    expect(registered[0]!.matches.sort()).toEqual(['http://127.0.0.1/*', 'https://jtt.jl.gov.cn/*']);
  });
});

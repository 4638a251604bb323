// @vitest-environment happy-dom
// The popup and options pages over their real HTML, with the fake browser.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { PopupView, type PopupBrowser } from '../../extension/lib/ui/popup-view.js';
import { OptionsView, type OptionsBrowser } from '../../extension/lib/ui/options-view.js';
import { loadImportedAudit, loadSettings } from '../../extension/lib/settings.js';
import type { PageState } from '../../extension/lib/messages.js';
import { audit, finding } from './fixtures.js';

function loadBody(entry: string): void {
  const html = readFileSync(path.resolve(import.meta.dirname, `../../extension/entrypoints/${entry}/index.html`), 'utf8');
  document.body.innerHTML = html.slice(html.indexOf('<body>') + 6, html.indexOf('</body>')).replace(/<script[\s\S]*?<\/script>/g, '');
}

const evil = '<img src=x onerror="window.__pwned=1">';
const state: PageState = {
  url: 'http://127.0.0.1:9/a.html',
  source: 'server',
  liveChecks: true,
  liveErrors: [],
  items: [
    { finding: finding({ id: 'a', severity: 'minor', message: '轻微问题' }), origin: 'audit', placed: true },
    { finding: finding({ id: 'b', severity: 'critical', rule: 'privacy/id-number', message: evil }), origin: 'live', placed: true },
    { finding: finding({ id: 'c', severity: 'serious', message: '缺少解读' }), origin: 'audit', placed: false },
  ],
};

beforeEach(() => fakeBrowser.reset());

describe('popup', () => {
  function popupBrowser(stateReply: unknown) {
    const sent: unknown[] = [];
    const b: PopupBrowser = {
      tabs: {
        query: async () => [{ id: 5, url: 'http://127.0.0.1:9/a.html' }],
        get: async (id) => ({ id, url: 'http://127.0.0.1:9/a.html' }),
        sendMessage: async (_tab, message) => {
          sent.push(message);
          const type = (message as { type: string }).type;
          if (type === 'gongkai:state') return stateReply;
          return { ok: true };
        },
      },
      runtime: {
        sendMessage: async () => ({ audit: { source: 'import', site: 'http://127.0.0.1:9/', finishedAt: '2024-05-06T16:05:00Z', counts: { critical: 1, serious: 2 }, verdict: { pass: false, score: 61 } } }),
        openOptionsPage: vi.fn(async () => undefined),
      },
      scripting: { executeScript: vi.fn(async () => []) },
    };
    return { b, sent };
  }

  it('lists the page’s findings worst first with their origin, filters by severity and jumps', async () => {
    loadBody('popup');
    const { b, sent } = popupBrowser(state);
    await new PopupView(document, b).start();
    const counts = document.getElementById('page-counts')!;
    expect([counts.dataset.audit, counts.dataset.live]).toEqual(['2', '1']);
    const rows = [...document.querySelectorAll('#list li')] as HTMLElement[];
    expect(rows.map((r) => r.dataset.id)).toEqual(['b', 'c', 'a']);
    expect(rows[0]!.textContent).toContain('实时检查');
    expect(rows[0]!.querySelector('img')).toBeNull(); // hostile message stays text
    expect(rows[0]!.textContent).toContain(evil);
    const summary = document.getElementById('summary')!.textContent!;
    expect(summary).toContain('2024-05-07 00:05'); // Asia/Shanghai
    expect(summary).toContain('不合格，得分 61');
    const select = document.getElementById('severity') as HTMLSelectElement;
    select.value = 'serious';
    select.dispatchEvent(new Event('change'));
    expect([...document.querySelectorAll('#list li')].map((r) => (r as HTMLElement).dataset.id)).toEqual(['b', 'c']);
    (document.querySelector('#list li[data-id="c"] .jump') as HTMLButtonElement).click();
    await vi.waitFor(() => expect(sent).toContainEqual({ type: 'gongkai:jump', id: 'c' }));
  });

  it('offers 检查此页 when no content script answers, and ignores malformed replies', async () => {
    loadBody('popup');
    const { b, sent } = popupBrowser({ items: 'nope' });
    await new PopupView(document, b).start();
    expect((document.getElementById('activate') as HTMLButtonElement).hidden).toBe(false);
    expect(document.getElementById('status')!.textContent).toContain('未启用');
    (document.getElementById('activate') as HTMLButtonElement).click();
    await vi.waitFor(() => expect(b.scripting.executeScript).toHaveBeenCalledTimes(2));
    const calls = (b.scripting.executeScript as unknown as { mock: { calls: [{ func?: () => void; files?: string[] }][] } }).mock.calls;
    // First the force flag (run although the site is not configured), then the content script itself.
    calls[0]![0].func!();
    expect((window as unknown as { __gongkaiForce?: boolean }).__gongkaiForce).toBe(true);
    expect(calls[1]![0].files).toEqual(['content-scripts/content.js']);
    // After injecting, the popup asks the page again (and still finds no valid answer).
    await vi.waitFor(() => expect(sent.filter((m) => (m as { type: string }).type === 'gongkai:state')).toHaveLength(2));
    expect(document.getElementById('status')!.textContent).toContain('未启用');
  });
});

describe('options', () => {
  function optionsBrowser(grant: boolean) {
    const request = vi.fn(async () => grant);
    const sendMessage = vi.fn(async () => ({}));
    const b: OptionsBrowser = { storage: { local: fakeBrowser.storage.local }, permissions: { request }, runtime: { sendMessage } };
    return { b, request, sendMessage };
  }

  it('saves settings, requesting host access only for the sites and the server', async () => {
    loadBody('options');
    const { b, request, sendMessage } = optionsBrowser(true);
    const view = new OptionsView(document, b, ['policy/interpretation-missing', 'goodbad/data-missing']);
    await view.start();
    (document.getElementById('server-url') as HTMLInputElement).value = 'http://127.0.0.1:8787';
    (document.getElementById('token') as HTMLInputElement).value = 'tok';
    (document.getElementById('sites') as HTMLTextAreaElement).value = 'https://jtt.jl.gov.cn\nhttp://192.168.1.5:8080/preview/';
    (document.querySelector('#families input[data-family="goodbad"]') as HTMLInputElement).checked = false;
    expect(await view.save()).toBe(true);
    expect(request).toHaveBeenCalledWith({ origins: ['https://jtt.jl.gov.cn/*', 'http://192.168.1.5/*', 'http://127.0.0.1/*'] });
    expect(sendMessage).toHaveBeenCalledWith({ type: 'gongkai:sync-sites' });
    expect(await loadSettings(fakeBrowser.storage.local)).toEqual({
      serverUrl: 'http://127.0.0.1:8787',
      token: 'tok',
      sites: ['https://jtt.jl.gov.cn', 'http://192.168.1.5:8080'],
      disabledFamilies: ['goodbad'],
      liveChecks: true,
    });
    expect(document.getElementById('save-status')!.textContent).toContain('已保存');
  });

  it('revokes host access of sites removed from the list, keeping the manifest’s required hosts', async () => {
    loadBody('options');
    const granted = new Set(['https://old.jl.gov.cn/*', 'https://jtt.jl.gov.cn/*', 'http://127.0.0.1/*']);
    const remove = vi.fn(async ({ origins }: { origins: string[] }) => {
      for (const o of origins) granted.delete(o);
      return true;
    });
    const b: OptionsBrowser = {
      storage: { local: fakeBrowser.storage.local },
      permissions: {
        request: async ({ origins }) => (origins.forEach((o) => granted.add(o)), true),
        getAll: async () => ({ origins: [...granted] }),
        remove,
      },
      runtime: { sendMessage: async () => ({}), getManifest: () => ({ host_permissions: ['http://127.0.0.1/*'] }) },
    };
    const view = new OptionsView(document, b);
    await view.start();
    (document.getElementById('sites') as HTMLTextAreaElement).value = 'https://jtt.jl.gov.cn';
    expect(await view.save()).toBe(true);
    expect(remove).toHaveBeenCalledWith({ origins: ['https://old.jl.gov.cn/*'] });
    expect([...granted].sort()).toEqual(['http://127.0.0.1/*', 'https://jtt.jl.gov.cn/*']);
    // Emptying the list revokes the rest; a failing remove never blocks saving.
    remove.mockRejectedValueOnce(new Error('boom'));
    (document.getElementById('sites') as HTMLTextAreaElement).value = '';
    expect(await view.save()).toBe(true);
    expect(remove).toHaveBeenLastCalledWith({ origins: ['https://jtt.jl.gov.cn/*'] });
    expect((await loadSettings(fakeBrowser.storage.local)).sites).toEqual([]);
  });

  it('reports bad input and a refused permission in zh-CN', async () => {
    loadBody('options');
    const { b, request } = optionsBrowser(false);
    const view = new OptionsView(document, b);
    await view.start();
    (document.getElementById('server-url') as HTMLInputElement).value = 'not a url';
    expect(await view.save()).toBe(false);
    expect(request).not.toHaveBeenCalled();
    expect(document.getElementById('save-status')!.textContent).toContain('服务器地址');
    (document.getElementById('server-url') as HTMLInputElement).value = '';
    (document.getElementById('sites') as HTMLTextAreaElement).value = 'http://127.0.0.1:9';
    expect(await view.save()).toBe(false);
    expect(document.getElementById('save-status')!.textContent).toContain('未获得网站访问权限');
  });

  it('imports a findings.json and rejects an invalid one', async () => {
    loadBody('options');
    const view = new OptionsView(document, optionsBrowser(true).b);
    await view.start();
    expect(await view.importText('{"schemaVersion": 2}')).toBe(false);
    expect(document.getElementById('import-status')!.textContent).toContain('schemaVersion');
    expect(await view.importText(JSON.stringify(audit([finding({ id: 'x' })])))).toBe(true);
    expect(document.getElementById('import-status')!.textContent).toContain('共 1 条问题');
    expect((await loadImportedAudit(fakeBrowser.storage.local))?.findings).toHaveLength(1);
  });
});

// @vitest-environment happy-dom
// @vitest-environment-options { "url": "http://127.0.0.1:9/zwgk/zcwj/202405/t20240506_1.html" }
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { ContentApp, type ContentBrowser } from '../../extension/lib/content-app.js';
import { BackgroundApp, type BackgroundBrowser } from '../../extension/lib/background-app.js';
import { saveImportedAudit, saveSettings, DEFAULT_SETTINGS } from '../../extension/lib/settings.js';
import type { LiveDeps } from '../../extension/lib/live-check.js';
import { HOST_TAG } from '../../extension/lib/overlay/overlay.js';
import { loadLiveDeps } from '../../extension/lib/live-deps.js';
import { audit, finding } from './fixtures.js';

const PAGE = 'http://127.0.0.1:9/zwgk/zcwj/202405/t20240506_1.html';
const ID = '11010519491231002X'; // the GB 11643 sample number

const live: LiveDeps = loadLiveDeps();
const browser = fakeBrowser as unknown as ContentBrowser;
let app: ContentApp | undefined;

beforeEach(async () => {
  fakeBrowser.reset();
  document.head.innerHTML = '<title>t</title>';
  document.body.innerHTML = '<div id="main"><p id="intro">通知正文</p><a id="dead" href="/gone.html">旧链接</a><p id="draft" contenteditable="true">草稿</p></div>';
  const bg = new BackgroundApp({ browser: fakeBrowser as unknown as BackgroundBrowser, fetch: vi.fn() });
  fakeBrowser.runtime.onMessage.addListener((m: unknown, s: unknown) => bg.handle(m, s as { tab?: { id?: number } }));
  await saveImportedAudit(
    fakeBrowser.storage.local,
    audit([
      finding({ id: 'broken', url: PAGE, target: 'http://127.0.0.1:9/gone.html', selector: '#dead', message: '链接“旧链接”无法访问（HTTP 404）' }),
      finding({ id: 'interp', rule: 'policy/interpretation-missing', severity: 'serious', url: PAGE, message: '政策文件缺少配套解读' }),
      finding({ id: 'elsewhere', url: 'http://127.0.0.1:9/other.html' }),
    ]),
  );
});

afterEach(() => {
  app?.stop();
  app = undefined;
});

function shadowOf(): ShadowRoot {
  return (app as unknown as { overlay: { root: ShadowRoot } }).overlay.root;
}

describe('ContentApp', () => {
  it('does nothing on a site that is not configured', async () => {
    await saveSettings(fakeBrowser.storage.local, { ...DEFAULT_SETTINGS, sites: ['https://jtt.jl.gov.cn'] });
    app = new ContentApp({ browser, document, live });
    expect(await app.start()).toBe(false);
    expect(document.querySelector(HOST_TAG)).toBeNull();
  });

  it('overlays audited findings, runs live checks on DOM changes (debounced) and answers the popup', async () => {
    await saveSettings(fakeBrowser.storage.local, { ...DEFAULT_SETTINGS, sites: ['http://127.0.0.1:9'] });
    const counts: number[] = [];
    fakeBrowser.runtime.onMessage.addListener((m: unknown) => {
      if ((m as { type: string }).type === 'gongkai:count') counts.push((m as { count: number }).count);
      return undefined;
    });
    app = new ContentApp({ browser, document, live, debounceMs: 20, today: () => '2024-05-06' });
    expect(await app.start()).toBe(true);
    let state = app.state();
    expect(state.source).toBe('import');
    expect(state.items.map((i) => [i.finding.id, i.origin, i.placed])).toEqual([
      ['broken', 'audit', true],
      ['interp', 'audit', false],
      [expect.any(String), 'live', false],
    ]);
    // The draft lacks the 《政府网站发展指引》 meta tags: a page-level live finding.
    expect(state.items[2]!.finding.rule).toBe('meta/missing');
    const banner = [...shadowOf().querySelectorAll('.banner li')].map((li) => li.textContent);
    expect(banner[0]).toContain('政策文件缺少配套解读');
    expect(banner[1]).toContain('实时检查');
    expect(counts.at(-1)).toBe(3);

    // The editor types an ID number into the draft: the live privacy rule flags it after the debounce.
    document.getElementById('draft')!.textContent = `联系人身份证号 ${ID}`;
    const isLeak = (i: { finding: { rule: string } }) => i.finding.rule === 'privacy/id-number';
    await vi.waitFor(() => expect(app!.state().items.some(isLeak)).toBe(true), { timeout: 3000 });
    state = app.state();
    const leak = state.items.find(isLeak)!;
    expect(leak.origin).toBe('live');
    expect(leak.finding.rule).toBe('privacy/id-number');
    expect(leak.finding.selector).toBe('#draft');
    expect(leak.placed).toBe(true);
    expect(JSON.stringify(leak.finding)).not.toContain(ID); // masked everywhere
    expect(counts.at(-1)).toBe(4);
    // Popup asks via messages.
    const viaMessage = (await fakeBrowser.runtime.sendMessage({ type: 'gongkai:state' })) as { items: unknown[] };
    expect(viaMessage.items).toHaveLength(4);
  });

  it('flags a serious wording error live, and clears live findings once the editor fixes the draft', async () => {
    await saveSettings(fakeBrowser.storage.local, { ...DEFAULT_SETTINGS, sites: ['http://127.0.0.1:9'] });
    app = new ContentApp({ browser, document, live, debounceMs: 20, today: () => '2024-05-06' });
    await app.start();
    const liveRules = () => app!.state().items.filter((i) => i.origin === 'live').map((i) => i.finding.rule);
    expect(liveRules()).toEqual(['meta/missing']);
    document.getElementById('draft')!.textContent = '根据中华人民共合国有关法律规定';
    await vi.waitFor(() => expect(liveRules()).toContain('content/serious-error'), { timeout: 3000 });
    const wording = app.state().items.find((i) => i.finding.rule === 'content/serious-error')!;
    expect(wording).toMatchObject({ origin: 'live', placed: true, finding: { severity: 'critical', selector: '#draft' } });
    expect(wording.finding.message).toContain('中华人民共和国');
    const tip = [...shadowOf().querySelectorAll('.box.live .tip')].map((t) => t.textContent).join('');
    expect(tip).toContain('错误写法：中华人民共合国');
    expect(tip).toContain('整改建议：');
    // The editor corrects the text and adds the page's meta tags in the CMS template.
    document.getElementById('draft')!.textContent = '根据中华人民共和国有关法律规定';
    for (const name of ['SiteName', 'SiteDomain', 'SiteIDCode', 'ColumnName', 'ArticleTitle', 'PubDate', 'ContentSource']) {
      const meta = document.createElement('meta');
      meta.name = name;
      meta.content = name === 'PubDate' ? '2024-05-06' : name === 'SiteIDCode' ? '2200000012' : '吉林省交通运输厅';
      document.head.append(meta);
    }
    await vi.waitFor(() => expect(liveRules()).toEqual([]), { timeout: 3000 });
    expect(shadowOf().querySelectorAll('.box.live')).toHaveLength(0);
  });

  it('debounces: a burst of keystrokes makes one live run after the editor pauses', async () => {
    await saveSettings(fakeBrowser.storage.local, { ...DEFAULT_SETTINGS, sites: ['http://127.0.0.1:9'] });
    app = new ContentApp({ browser, document, live, debounceMs: 250 });
    await app.start();
    const spy = vi.spyOn(app, 'runLive');
    const draft = document.getElementById('draft')!;
    for (const ch of '联系电话13912345678') {
      draft.textContent += ch;
      await new Promise((r) => setTimeout(r, 5));
    }
    expect(spy).not.toHaveBeenCalled();
    await vi.waitFor(() => expect(spy).toHaveBeenCalledTimes(1), { timeout: 3000 });
    await new Promise((r) => setTimeout(r, 400));
    expect(spy).toHaveBeenCalledTimes(1);
  });

  it('does not loop on its own overlay redraws', async () => {
    await saveSettings(fakeBrowser.storage.local, { ...DEFAULT_SETTINGS, sites: ['http://127.0.0.1:9'] });
    app = new ContentApp({ browser, document, live, debounceMs: 10 });
    const spy = vi.spyOn(app, 'runLive');
    await app.start();
    const calls = spy.mock.calls.length;
    await new Promise((r) => setTimeout(r, 120));
    expect(spy.mock.calls.length).toBe(calls);
  });

  it('hides families switched off in the options, for audited and live findings alike', async () => {
    await saveSettings(fakeBrowser.storage.local, { ...DEFAULT_SETTINGS, sites: ['http://127.0.0.1:9'], disabledFamilies: ['link', 'privacy', 'meta'] });
    document.getElementById('draft')!.textContent = `身份证 ${ID}`;
    app = new ContentApp({ browser, document, live });
    await app.start();
    expect(app.state().items.map((i) => i.finding.id)).toEqual(['interp']);
  });

  it('re-fetches audited findings when a single-page app changes the URL', async () => {
    await saveSettings(fakeBrowser.storage.local, { ...DEFAULT_SETTINGS, sites: ['http://127.0.0.1:9'] });
    app = new ContentApp({ browser, document, live, debounceMs: 10 });
    await app.start();
    expect(app.state().items.some((i) => i.finding.id === 'broken')).toBe(true);
    history.pushState({}, '', '/other.html');
    document.getElementById('intro')!.textContent = '新页面';
    await vi.waitFor(() => expect(app!.state().items.map((i) => i.finding.id)).toContain('elsewhere'), { timeout: 3000 });
    expect(app.state().items.some((i) => i.finding.id === 'broken')).toBe(false);
    history.pushState({}, '', PAGE);
  });
});

// End-to-end: the built extension in the system Chromium, on the demo site, pointed at a real `gongkai serve`
// holding a real audit of that site (runAudit → history store → startServer).
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { parseAudit, type AuditResult, type Finding } from '../../reports/audit-schema.js';
import { runAudit } from '../../crawler/audit.js';
import { HistoryStore } from '../../reports/history/history-store.js';
import { startServer, type RunningServer } from '../../reports/server/server.js';
import { startDemoSite, type DemoSite } from '../demo-site/index.js';
import { pageKey } from '../../extension/lib/url-key.js';
import { shanghaiDate, shanghaiDateTime } from '../../extension/lib/time.js';
import { buildExtension, focusBadge, launchWithExtension, readOverlay, ROOT, type Launched } from './e2e-helpers.js';

// The extension service worker's `chrome` global (no @types/chrome here).
interface ChromeGlobal {
  tabs: { query(q: object): Promise<{ id?: number; url?: string }[]> };
  action: { getBadgeText(d: { tabId: number }): Promise<string> };
}
declare const chrome: ChromeGlobal;

const TOKEN = 'e2e-token-1234';
const ID = '11010519491231002X'; // the GB 11643 sample number
const AS_OF = shanghaiDate();

let demo: DemoSite;
let server: RunningServer;
let browser: Launched;
let audit: AuditResult;
let work: string;
let pageUrl: string;
let page: Page;

beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'gongkai-ext-e2e-'));
  demo = await startDemoSite({ asOf: AS_OF });
  const [extDir] = await Promise.all([
    buildExtension(),
    runAudit({ url: demo.url, asOf: AS_OF, outDir: path.join(work, 'out'), polite: false, reports: false, recheckDelayMs: 10 }),
  ]);
  // The expectations below are read from the findings.json the audit wrote, as an editor would import it.
  audit = parseAudit(JSON.parse(await readFile(path.join(work, 'out', 'findings.json'), 'utf8')));
  const store = HistoryStore.open(path.join(work, 'data'));
  store.record(audit);
  store.close();
  server = await startServer({ dataDir: path.join(work, 'data'), port: 0, token: TOKEN });
  // A policy document whose interpretation is missing and which carries a known broken link.
  const interp = new Set(demo.expectedFor('policy/interpretation-missing').map((p) => p.url));
  pageUrl = demo.expectedFor('link/broken').find((p) => interp.has(p.url))!.url;
  browser = await launchWithExtension(extDir);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await demo?.close();
  if (work) await rm(work, { recursive: true, force: true });
});

// The page's findings, plus privacy leaks in attachments first linked from it (those carry the attachment's URL).
const onPage = (): Finding[] =>
  audit.findings.filter(
    (f) =>
      pageKey(f.url) === pageKey(pageUrl) ||
      (f.rule.startsWith('privacy/') && typeof f.evidence.parentUrl === 'string' && pageKey(f.evidence.parentUrl) === pageKey(pageUrl)),
  );

describe('extension end to end (Chromium, demo site, gongkai serve)', () => {
  it('is configured on the options page (server, token, site)', async () => {
    const options = await browser.context.newPage();
    await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
    await options.fill('#server-url', server.url);
    await options.fill('#token', TOKEN);
    await options.fill('#sites', demo.url);
    await options.click('#save');
    await expect.poll(() => options.textContent('#save-status'), { timeout: 10_000 }).toContain('已保存');
    expect(await options.textContent('#save-status')).not.toContain('未获得');
    await options.close();
  });

  it('outlines the known broken links and banners the missing interpretation', async () => {
    // The demo site's ground truth says which links of this page are broken; each has its finding in findings.json.
    const known = demo.expectedFor('link/broken').filter((p) => p.url === pageUrl);
    const broken = known.map((p) => onPage().find((f) => f.rule === 'link/broken' && f.target && pageKey(f.target) === pageKey(p.target!))!);
    const interp = onPage().filter((f) => f.rule === 'policy/interpretation-missing');
    expect(known.length).toBeGreaterThan(0);
    expect(broken.every(Boolean), JSON.stringify(known)).toBe(true);
    expect(interp.length).toBeGreaterThan(0);
    page = await browser.context.newPage();
    await page.goto(pageUrl);
    await expect.poll(async () => (await readOverlay(page))?.boxes.length ?? 0, { timeout: 15_000 }).toBeGreaterThanOrEqual(broken.length);
    const overlay = (await readOverlay(page))!;
    for (const f of broken) {
      const box = overlay.boxes.find((b) => b.ids.includes(f.id));
      expect(box, f.target).toBeDefined();
      expect(box!.hidden).toBe(false);
      expect(box!.tip).toContain('无法访问');
      const el = (await page.locator(`css=${f.selector}`).first().boundingBox())!;
      // The outline surrounds the link (2px outset).
      expect(Math.abs(box!.rect.x - (el.x - 2))).toBeLessThan(1.5);
      expect(Math.abs(box!.rect.y - (el.y - 2))).toBeLessThan(1.5);
      expect(Math.abs(box!.rect.width - (el.width + 4))).toBeLessThan(1.5);
    }
    // Focusing a badge (keyboard) opens its tooltip; the others stay closed.
    expect(await focusBadge(page, broken[0]!.id)).toBe(true);
    const focused = (await readOverlay(page))!.boxes;
    expect(focused.filter((b) => b.tipVisible).map((b) => b.ids)).toEqual([expect.arrayContaining([broken[0]!.id])]);
    expect(overlay.bannerVisible).toBe(true);
    for (const f of interp) expect(overlay.banner.some((t) => t.includes(f.message))).toBe(true);
    // The overlay host sits outside <body>: the page's own content is untouched.
    expect(await page.evaluate(() => document.body.querySelectorAll('gongkai-overlay').length)).toBe(0);
  });

  it('shows the same counts in the popup and on the toolbar badge as findings.json has for the page', async () => {
    const tabId = await browser.worker.evaluate(async (url) => (await chrome.tabs.query({})).find((t) => t.url === url)?.id, pageUrl);
    expect(tabId).toBeTypeOf('number');
    const popup = await browser.context.newPage();
    await popup.goto(`chrome-extension://${browser.extensionId}/popup.html?tab=${tabId}`);
    await expect.poll(() => popup.getAttribute('#page-counts', 'data-audit'), { timeout: 10_000 }).toBe(String(onPage().length));
    expect(await popup.locator('#list li[data-origin="audit"]').count()).toBe(onPage().length);
    const live = Number(await popup.getAttribute('#page-counts', 'data-live'));
    const badge = await browser.worker.evaluate((id) => chrome.action.getBadgeText({ tabId: id }), tabId!);
    expect(badge).toBe(String(onPage().length + live));
    // The site's latest audit: when it ran (Asia/Shanghai) and its total.
    await expect.poll(() => popup.textContent('#summary'), { timeout: 10_000 }).toContain(shanghaiDateTime(audit.audit.finishedAt));
    expect(await popup.textContent('#summary')).toContain(`共 ${audit.findings.length} 条`);
    // Severity filter.
    await popup.selectOption('#severity', 'critical');
    const critical = onPage().filter((f) => f.severity === 'critical').length;
    expect(await popup.locator('#list li[data-origin="audit"]').count()).toBe(critical);
    // 定位 jumps to the element on the page and flashes its outline.
    await popup.selectOption('#severity', '');
    const target = onPage().find((f) => f.rule === 'link/broken')!;
    await popup.click(`#list li[data-id="${target.id}"] .jump`);
    await expect.poll(async () => (await readOverlay(page))?.boxes.find((b) => b.ids.includes(target.id))?.flash, { timeout: 5_000 }).toBe(true);
    await popup.close();
  });

  it('flags an ID number typed into the page with a live check, and saves a screenshot', async () => {
    // The editor edits a paragraph of the page (as in a CMS preview) and types a resident ID number into it.
    const selector = await page.evaluate(() => {
      const p = [...document.querySelectorAll('p')].sort((a, b) => (b.textContent ?? '').length - (a.textContent ?? '').length)[0]!;
      p.id ||= 'gk-e2e-edit';
      p.setAttribute('contenteditable', 'true');
      return `#${p.id}`;
    });
    await page.click(selector);
    await page.keyboard.press('End');
    await page.keyboard.type(`联系人身份证号 ${ID}`);
    await expect
      .poll(async () => (await readOverlay(page))?.boxes.some((b) => b.live && b.tip.includes('身份号码')) ?? false, { timeout: 15_000 })
      .toBe(true);
    const overlay = (await readOverlay(page))!;
    const box = overlay.boxes.find((b) => b.live && b.tip.includes('身份号码'))!;
    expect(box.tip).toContain('实时检查');
    expect(box.tip).not.toContain(ID);
    const edited = (await page.locator(selector).boundingBox())!;
    expect(Math.abs(box.rect.y - (edited.y - 2))).toBeLessThan(1.5);
    await page.locator(selector).scrollIntoViewIfNeeded();
    const moved = (await readOverlay(page))!.boxes.find((b) => b.live && b.tip.includes('身份号码'))!;
    // Hover the live badge so the screenshot shows its tooltip (message, severity, evidence, fix).
    await page.mouse.move(moved.badge.x, moved.badge.y);
    await expect.poll(async () => (await readOverlay(page))!.boxes.find((b) => b.live && b.tip.includes('身份号码'))!.tipVisible, { timeout: 5_000 }).toBe(true);
    await mkdir(path.join(ROOT, 'test-artifacts'), { recursive: true });
    await page.screenshot({ path: path.join(ROOT, 'test-artifacts/extension.png') });

    // Hostile page styles cannot reach into the overlay: rules on its host tag, on its class names, and inherited
    // properties that leave the page's own layout as it is (so the outlined element stays where it was).
    const before = (await readOverlay(page))!.boxes.find((b) => b.live)!;
    await page.addStyleTag({
      content: `html { color: red !important; cursor: none !important; }
        gongkai-overlay { display: none !important; position: static !important; transform: scale(3) !important; zoom: 3 !important; }
        .box, .badge, .tip, .layer { display: none !important; border: 9px solid lime !important; }`,
    });
    const after = (await readOverlay(page))!.boxes.find((b) => b.live)!;
    expect(after.hidden).toBe(false);
    expect(after.rect).toEqual(before.rect);
    expect([after.badge.width, after.badge.height]).toEqual([before.badge.width, before.badge.height]);
  });
});

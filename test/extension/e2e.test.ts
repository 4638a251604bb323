// End-to-end: the built extension in the system Chromium, pointed at a site and at the API of `gongkai serve`.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { AuditResult, Finding } from '../../reports/audit-schema.js';
import { buildExtension, launchWithExtension, readOverlay, ROOT, type Launched } from './e2e-helpers.js';
import { POLICY_PATH, startApi, startSite, type Started } from './e2e-standins.js';
import { audit, finding } from './fixtures.js';

const TOKEN = 'e2e-token';
const ID = '11010519491231002X';

let site: Started;
let api: Started;
let browser: Launched;
let findings: AuditResult;
let pageUrl: string;
let page: Page;

beforeAll(async () => {
  const [extDir, s] = await Promise.all([buildExtension(), startSite()]);
  site = s;
  pageUrl = `${site.url}${POLICY_PATH}`;
  findings = audit(
    [
      finding({ id: 'b1', url: pageUrl, target: `${site.url}/files/fangan.pdf`, selector: '#dead1', message: '附件链接“运输服务质量提升方案.pdf”无法访问（HTTP 404）' }),
      // No selector: outlined through the link whose href equals the target.
      finding({ id: 'b2', url: pageUrl, target: `${site.url}/old/col/index.html`, message: '链接“原栏目（已撤销）”无法访问（HTTP 404）' }),
      finding({ id: 'i1', rule: 'policy/interpretation-missing', url: pageUrl, message: '政策文件《运输服务质量提升方案》缺少配套政策解读' }),
      finding({ id: 'o1', url: `${site.url}/other.html`, message: '其他页面的问题' }),
    ],
    `${site.url}/`,
  );
  api = await startApi(findings, TOKEN);
  browser = await launchWithExtension(extDir);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await Promise.all([site?.close(), api?.close()]);
});

// The extension service worker's `chrome` global (no @types/chrome here).
interface ChromeGlobal {
  tabs: { query(q: object): Promise<{ id?: number; url?: string }[]> };
  action: { getBadgeText(d: { tabId: number }): Promise<string> };
}
declare const chrome: ChromeGlobal;

const pageFindings = (): Finding[] => findings.findings.filter((f) => f.url === pageUrl);

describe('extension end to end (Chromium)', () => {
  it('is configured on the options page (server, token, site)', async () => {
    const options = await browser.context.newPage();
    await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
    await options.fill('#server-url', api.url);
    await options.fill('#token', TOKEN);
    await options.fill('#sites', site.url);
    await options.click('#save');
    await expect.poll(() => options.textContent('#save-status'), { timeout: 10_000 }).toContain('已保存');
    expect(await options.textContent('#save-status')).not.toContain('未获得');
    await options.close();
  });

  it('outlines the known broken links and banners the missing interpretation', async () => {
    page = await browser.context.newPage();
    await page.goto(pageUrl);
    await expect.poll(async () => (await readOverlay(page))?.boxes.length ?? 0, { timeout: 15_000 }).toBeGreaterThanOrEqual(2);
    const overlay = (await readOverlay(page))!;
    for (const [id, sel] of [
      ['b1', '#dead1'],
      ['b2', '#dead2'],
    ]) {
      const box = overlay.boxes.find((b) => b.ids.includes(id));
      expect(box, id).toBeDefined();
      expect(box!.hidden).toBe(false);
      const el = (await page.locator(sel).boundingBox())!;
      // The outline surrounds the link (2px outset).
      expect(Math.abs(box!.rect.x - (el.x - 2))).toBeLessThan(1.5);
      expect(Math.abs(box!.rect.y - (el.y - 2))).toBeLessThan(1.5);
      expect(Math.abs(box!.rect.width - (el.width + 4))).toBeLessThan(1.5);
    }
    expect(overlay.boxes.find((b) => b.ids.includes('b1'))!.tip).toContain('无法访问');
    expect(overlay.bannerVisible).toBe(true);
    expect(overlay.banner.some((t) => t.includes('缺少配套政策解读'))).toBe(true);
    // The page's own script ran and its layout is untouched by the overlay host.
    expect(await page.evaluate(() => (window as unknown as { pageScriptOk?: boolean }).pageScriptOk)).toBe(true);
    expect(await page.evaluate(() => document.body.querySelectorAll('gongkai-overlay').length)).toBe(0);
  });

  it('shows the same counts in the popup and on the toolbar badge as findings.json has for the page', async () => {
    const tabId = await browser.worker.evaluate(async (url) => (await chrome.tabs.query({})).find((t) => t.url === url)?.id, pageUrl);
    expect(tabId).toBeTypeOf('number');
    const popup = await browser.context.newPage();
    await popup.goto(`chrome-extension://${browser.extensionId}/popup.html?tab=${tabId}`);
    await expect.poll(() => popup.getAttribute('#page-counts', 'data-audit'), { timeout: 10_000 }).toBe(String(pageFindings().length));
    const live = Number(await popup.getAttribute('#page-counts', 'data-live'));
    expect(await popup.locator('#list li[data-origin="audit"]').count()).toBe(pageFindings().length);
    const badge = await browser.worker.evaluate((id) => chrome.action.getBadgeText({ tabId: id }), tabId!);
    expect(badge).toBe(String(pageFindings().length + live));
    // Latest audit summary with its time in Asia/Shanghai (01:30Z → 09:30).
    await expect.poll(() => popup.textContent('#summary'), { timeout: 10_000 }).toContain('2024-05-06 09:30');
    expect(await popup.textContent('#summary')).toContain('共 4 条');
    // Severity filter: nothing is critical among the audited findings.
    await popup.selectOption('#severity', 'critical');
    expect(await popup.locator('#list li[data-origin="audit"]').count()).toBe(0);
    await popup.close();
  });

  it('flags an ID number typed into the page with a live check, and saves a screenshot', async () => {
    await page.click('#draft');
    await page.keyboard.press('End');
    await page.keyboard.type(`联系人身份证号 ${ID}`);
    await expect
      .poll(async () => (await readOverlay(page))?.boxes.some((b) => b.live && b.tip.includes('身份号码')) ?? false, { timeout: 15_000 })
      .toBe(true);
    const overlay = (await readOverlay(page))!;
    const box = overlay.boxes.find((b) => b.live)!;
    expect(box.tip).toContain('实时检查');
    expect(box.tip).not.toContain(ID);
    const draft = (await page.locator('#draft').boundingBox())!;
    expect(Math.abs(box.rect.y - (draft.y - 2))).toBeLessThan(1.5);
    // Hover the live badge (top-right corner of the box) so the screenshot shows the tooltip.
    await page.mouse.move(box.rect.x + box.rect.width - 2, box.rect.y + 2);
    await mkdir(path.join(ROOT, 'test-artifacts'), { recursive: true });
    await page.screenshot({ path: path.join(ROOT, 'test-artifacts/extension.png'), fullPage: true });
  });
});

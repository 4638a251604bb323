// Opens report.html in the system Chromium: no console errors, hostile strings inert, filter and search work;
// and captures evidence screenshots of a local page with the offending element outlined.
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../reports/evidence/chromium.js';
import { captureEvidence } from '../../reports/evidence/capture-evidence.js';
import { writeReports } from '../../reports/write-reports.js';
import type { AuditResult } from '../../reports/audit-schema.js';
import { loadFixture } from './load-fixture.js';
import { closeServer } from '../helpers/loopback.js';

const audit = loadFixture();
let browser: Browser;
let dir: string;

beforeAll(async () => {
  browser = await launchChromium();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gk-browser-'));
});
afterAll(async () => {
  await browser?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('report.html in Chromium', () => {
  it('renders without errors, keeps hostile text inert, and filters', async () => {
    await writeReports(audit, dir, { formats: ['html'] });
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    const problems: string[] = [];
    let dialogs = 0;
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(m.text());
    });
    page.on('pageerror', (e) => problems.push(e.message));
    page.on('dialog', (d) => {
      dialogs++;
      void d.dismiss();
    });
    page.on('request', (r) => {
      if (!r.url().startsWith('file:')) problems.push(`network: ${r.url()}`);
    });
    await page.goto(pathToFileURL(path.join(dir, 'report.html')).href);
    expect(await page.textContent('.badge')).toBe('不合格');
    expect(await page.textContent('#f-count')).toBe('显示 16 / 16 条');

    // hostile strings are text, not markup
    expect(await page.locator('#findings img').count()).toBe(0);
    expect(await page.locator('script').count()).toBe(1);
    const hostile = page.locator('article.finding[data-rule="content/typo"] .msg');
    expect(await hostile.textContent()).toContain('<script>alert(1)</script> 与 <img src=x onerror=alert(1)>');
    expect(await page.locator('article.finding[data-rule="content/typo"] dd', { hasText: '<b>在线访谈</b>' }).count()).toBe(1);

    // filters
    await page.selectOption('#f-severity', 'critical');
    expect(await page.textContent('#f-count')).toBe('显示 2 / 16 条');
    expect(await page.locator('#findings article.finding:visible').count()).toBe(2);
    expect(await page.locator('#findings .office-group[data-office="法规处"]').isVisible()).toBe(false);
    await page.selectOption('#f-severity', '');
    await page.selectOption('#f-office', '法规处');
    expect(await page.textContent('#f-count')).toBe('显示 3 / 16 条');
    await page.selectOption('#f-rule', 'regulation/stale');
    expect(await page.textContent('#f-count')).toBe('显示 1 / 16 条');
    await page.selectOption('#f-office', '');
    await page.selectOption('#f-rule', '');
    await page.fill('#f-search', '政府采购');
    expect(await page.textContent('#f-count')).toBe('显示 1 / 16 条');
    expect(await page.locator('#findings article.finding:visible').getAttribute('data-rule')).toBe('column/empty');
    await page.fill('#f-search', '');
    expect(await page.textContent('#f-count')).toBe('显示 16 / 16 条');

    fs.mkdirSync('test-artifacts', { recursive: true });
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: 'test-artifacts/report.png', fullPage: false });
    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    expect(pdf.length).toBeGreaterThan(10_000);
    expect(problems).toEqual([]);
    expect(dialogs).toBe(0);
    await page.close();
  });
});

describe('evidence screenshots', () => {
  let server: http.Server;
  let base: string;
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      if (req.url === '/slow.html') return; // never answers: must time out, not hang the report
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(`<!DOCTYPE html><html><body style="margin:0;background:#fff"><h1>政务公开</h1><p id="bad" style="height:80px">申请人身份证号：220102********1234</p></body></html>`);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await closeServer(server);
  });

  it('outlines offending elements, skips failures, and links the files from the reports', async () => {
    const page = `${base}/page.html`;
    const a: AuditResult = {
      ...audit,
      findings: [
        { ...audit.findings[7]!, url: page, selector: '#bad' },
        { ...audit.findings[8]!, url: page, selector: 'p:::invalid' },
        { ...audit.findings[9]!, url: `${base}/slow.html` },
        { ...audit.findings[10]!, url: `${base}/file.pdf` },
      ],
    };
    const out = path.join(dir, 'ev');
    const res = await captureEvidence(a, out, { browser, pageTimeoutMs: 1500, totalTimeoutMs: 20_000 });
    expect(Object.keys(res.screenshots)).toEqual([page]);
    expect(res.failures.map((f) => f.url)).toEqual([`${base}/slow.html`]);
    const png = path.join(out, res.screenshots[page]!);
    expect(fs.readFileSync(png).subarray(1, 4).toString()).toBe('PNG');
    // The outline is drawn: look for red pixels in the capture via the browser's own decoder.
    const p = await browser.newPage();
    const red = await p.evaluate(async (dataUrl) => {
      const img = new Image();
      img.src = dataUrl;
      await img.decode();
      const c = document.createElement('canvas');
      c.width = img.width;
      c.height = img.height;
      const ctx = c.getContext('2d')!;
      ctx.drawImage(img, 0, 0);
      const d = ctx.getImageData(0, 0, c.width, c.height).data;
      let n = 0;
      for (let i = 0; i < d.length; i += 4) if (d[i]! > 200 && d[i + 1]! < 40 && d[i + 2]! < 40) n++;
      return n;
    }, `data:image/png;base64,${fs.readFileSync(png).toString('base64')}`);
    await p.close();
    expect(red).toBeGreaterThan(500);

    const { files } = await writeReports(a, out, { formats: ['html', 'xlsx'], history: undefined, evidence: false });
    expect(files).toHaveLength(2);
    const html = (await import('../../reports/render/html-report.js')).renderHtmlReport(a, { screenshots: res.screenshots });
    expect(html).toContain(`src="${res.screenshots[page]}"`);
  });
});

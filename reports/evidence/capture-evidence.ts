// --evidence: one screenshot per page with findings, the offending elements (by selector) outlined, saved as
// DIR/evidence/<hash>.png. Capped in count and total time; a page that fails is skipped, never fatal.
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { SEVERITY_RANK, type AuditResult, type Finding } from '../audit-schema.js';
import { launchChromium } from './chromium.js';

export interface EvidenceOptions {
  /** Most pages to capture (worst findings first). Default 40. */
  maxPages?: number;
  /** Total time budget in ms. Default 180 000. */
  totalTimeoutMs?: number;
  /** Per-page navigation timeout in ms. Default 20 000. */
  pageTimeoutMs?: number;
  /** Height cap of a full-page screenshot in px. Default 4000. */
  maxHeight?: number;
  /** For tests: an already launched browser (not closed here). */
  browser?: Browser;
}

export interface EvidenceResult {
  /** Page url → path relative to the output dir (evidence/<hash>.png). */
  screenshots: Record<string, string>;
  /** zh-CN notes on pages that could not be captured. */
  failures: { url: string; error: string }[];
}

export function evidenceFileName(url: string): string {
  return `${createHash('sha256').update(url).digest('hex').slice(0, 20)}.png`;
}

/** Pages worth a screenshot: http(s) pages with findings, worst first. */
export function pagesToCapture(audit: AuditResult, max: number): { url: string; selectors: string[] }[] {
  const byUrl = new Map<string, Finding[]>();
  for (const f of audit.findings) {
    if (!/^https?:\/\//i.test(f.url)) continue;
    if (/\.(pdf|docx?|xlsx?|pptx?|zip|rar|wps|et)(\?|$)/i.test(f.url)) continue;
    byUrl.set(f.url, [...(byUrl.get(f.url) ?? []), f]);
  }
  return [...byUrl]
    .map(([url, fs]) => ({ url, worst: Math.max(...fs.map((f) => SEVERITY_RANK[f.severity])), selectors: [...new Set(fs.map((f) => f.selector).filter((s): s is string => !!s))] }))
    .sort((a, b) => b.worst - a.worst || a.url.localeCompare(b.url))
    .slice(0, max)
    .map(({ url, selectors }) => ({ url, selectors }));
}

export async function captureEvidence(audit: AuditResult, outDir: string, opts: EvidenceOptions = {}): Promise<EvidenceResult> {
  const result: EvidenceResult = { screenshots: {}, failures: [] };
  const pages = pagesToCapture(audit, opts.maxPages ?? 40);
  if (pages.length === 0) return result;
  const dir = path.join(outDir, 'evidence');
  await fs.mkdir(dir, { recursive: true });
  const deadline = Date.now() + (opts.totalTimeoutMs ?? 180_000);
  let browser = opts.browser;
  try {
    browser ??= await launchChromium();
  } catch (err) {
    result.failures.push({ url: '', error: `无法启动 Chromium，未生成截图：${err instanceof Error ? err.message.split('\n')[0] : String(err)}` });
    return result;
  }
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN', serviceWorkers: 'block', acceptDownloads: false });
  try {
    for (const p of pages) {
      const left = deadline - Date.now();
      if (left <= 1000) {
        result.failures.push({ url: p.url, error: '已达到截图总时间上限，跳过' });
        continue;
      }
      const page = await context.newPage();
      try {
        await page.goto(p.url, { waitUntil: 'load', timeout: Math.min(opts.pageTimeoutMs ?? 20_000, left) });
        // Outline every offending element; selectors come from findings and may not match (or be invalid).
        const first = await page.evaluate((selectors: string[]) => {
          let firstY: number | undefined;
          for (const sel of selectors) {
            let els: Element[] = [];
            try {
              els = Array.from(document.querySelectorAll(sel));
            } catch {
              continue;
            }
            for (const el of els) {
              const h = el as HTMLElement;
              h.style.setProperty('outline', '3px solid #e00', 'important');
              h.style.setProperty('outline-offset', '2px', 'important');
              h.style.setProperty('background-color', 'rgba(255,230,0,0.35)', 'important');
              const y = h.getBoundingClientRect().top + window.scrollY;
              if (firstY === undefined || y < firstY) firstY = y;
            }
          }
          return { firstY: firstY ?? 0, height: document.documentElement.scrollHeight };
        }, p.selectors);
        const maxH = opts.maxHeight ?? 4000;
        const top = first.height > maxH ? Math.max(0, Math.min(first.firstY - 200, first.height - maxH)) : 0;
        const file = evidenceFileName(p.url);
        await page.screenshot({
          path: path.join(dir, file),
          fullPage: true,
          clip: { x: 0, y: top, width: 1280, height: Math.max(1, Math.min(maxH, first.height - top)) },
          timeout: Math.max(1000, Math.min(15_000, deadline - Date.now())),
        });
        result.screenshots[p.url] = `evidence/${file}`;
      } catch (err) {
        result.failures.push({ url: p.url, error: `截图失败：${err instanceof Error ? err.message.split('\n')[0] : String(err)}` });
      } finally {
        await page.close().catch(() => undefined);
      }
    }
  } finally {
    await context.close().catch(() => undefined);
    if (!opts.browser) await browser.close().catch(() => undefined);
  }
  return result;
}

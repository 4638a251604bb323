// Helpers for the extension's end-to-end test: build the extension once, launch the system Chromium with it,
// and read the overlay's closed shadow root through the DevTools protocol (the page itself cannot reach it).
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { chromium, type BrowserContext, type Page, type Worker } from 'playwright-core';

const run = promisify(execFile);
export const ROOT = path.resolve(import.meta.dirname, '../..');
export const CHROMIUM = '/usr/bin/chromium';

/** Build the Chromium MV3 extension into .output/e2e with host access to 127.0.0.1 pre-granted. */
export async function buildExtension(): Promise<string> {
  const outDir = path.join(ROOT, '.output/e2e');
  await run(path.join(ROOT, 'node_modules/.bin/wxt'), ['build'], {
    cwd: ROOT,
    env: { ...process.env, GONGKAI_E2E_HOSTS: 'http://127.0.0.1/*', GONGKAI_EXT_OUT_DIR: outDir },
    timeout: 120_000,
  });
  return path.join(outDir, 'chrome-mv3');
}

export interface Launched {
  context: BrowserContext;
  extensionId: string;
  worker: Worker;
  close(): Promise<void>;
}

export async function launchWithExtension(extDir: string): Promise<Launched> {
  const userDataDir = await mkdtemp(path.join(tmpdir(), 'gongkai-e2e-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: false,
    ignoreDefaultArgs: ['--disable-extensions'],
    viewport: { width: 1200, height: 800 },
    args: [
      '--headless=new',
      '--no-sandbox',
      `--disable-extensions-except=${extDir}`,
      `--load-extension=${extDir}`,
      '--disable-features=DisableLoadExtensionCommandLineSwitch',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 15_000 }));
  const extensionId = new URL(worker.url()).host;
  return {
    context,
    extensionId,
    worker,
    async close() {
      await context.close();
      await rm(userDataDir, { recursive: true, force: true });
    },
  };
}

export interface OverlaySnapshot {
  boxes: {
    ids: string[];
    live: boolean;
    hidden: boolean;
    flash: boolean;
    rect: { x: number; y: number; width: number; height: number };
    badge: { x: number; y: number; width: number; height: number };
    tip: string;
    tipVisible: boolean;
  }[];
  banner: string[];
  bannerVisible: boolean;
}

const SNAPSHOT = `function () {
  const rectOf = (el) => { const r = el.getBoundingClientRect(); return { x: r.x, y: r.y, width: r.width, height: r.height }; };
  const boxes = [...this.querySelectorAll('.box')].map((b) => {
    const g = rectOf(b.querySelector('.badge'));
    const tip = b.querySelector('.tip');
    return { ids: (b.dataset.ids || '').split(' '), live: b.classList.contains('live'), hidden: b.classList.contains('hidden'),
      flash: b.classList.contains('flash'), rect: rectOf(b), badge: { x: g.x + g.width / 2, y: g.y + g.height / 2, width: g.width, height: g.height },
      tip: tip?.textContent || '', tipVisible: !!tip && getComputedStyle(tip).display !== 'none' };
  });
  const banner = this.querySelector('.banner');
  return { boxes, banner: [...this.querySelectorAll('.banner li')].map((li) => li.textContent), bannerVisible: !banner.classList.contains('hidden') };
}`;

/** Run a function on the overlay's closed shadow root (DevTools sees closed roots; page scripts do not). */
async function onOverlayRoot<T>(page: Page, functionDeclaration: string, args: unknown[] = []): Promise<T | undefined> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: CdpNode };
    const host = findNode(root, (n) => n.localName === 'gongkai-overlay');
    const shadow = host?.shadowRoots?.[0];
    if (!shadow) return undefined;
    const { object } = await cdp.send('DOM.resolveNode', { backendNodeId: shadow.backendNodeId });
    const { result } = await cdp.send('Runtime.callFunctionOn', {
      objectId: object.objectId!,
      returnByValue: true,
      functionDeclaration,
      arguments: args.map((value) => ({ value })),
    });
    return result.value as T;
  } finally {
    await cdp.detach();
  }
}

export function readOverlay(page: Page): Promise<OverlaySnapshot | undefined> {
  return onOverlayRoot<OverlaySnapshot>(page, SNAPSHOT);
}

/** Focus the badge of the box holding a finding (as keyboard users reach it); true when found. */
export async function focusBadge(page: Page, findingId: string): Promise<boolean> {
  const ok = await onOverlayRoot<boolean>(
    page,
    `function (id) {
      const box = [...this.querySelectorAll('.box')].find((b) => (b.dataset.ids || '').split(' ').includes(id));
      box?.querySelector('.badge').focus();
      return !!box && this.activeElement === box.querySelector('.badge');
    }`,
    [findingId],
  );
  return ok === true;
}

interface CdpNode {
  localName?: string;
  backendNodeId: number;
  children?: CdpNode[];
  shadowRoots?: CdpNode[];
  contentDocument?: CdpNode;
}

function findNode(node: CdpNode, pred: (n: CdpNode) => boolean): CdpNode | undefined {
  if (pred(node)) return node;
  for (const child of [...(node.children ?? []), ...(node.shadowRoots ?? [])]) {
    const hit = findNode(child, pred);
    if (hit) return hit;
  }
  return undefined;
}

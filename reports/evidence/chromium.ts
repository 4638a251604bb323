// The system Chromium for evidence screenshots and report tests (never a downloaded browser).
import { chromium, type Browser } from 'playwright-core';
import { CHROMIUM_ARGS, findChromium } from '../../crawler/browser/system-chromium.js';

export { CHROMIUM_ARGS };

export function chromiumPath(): string {
  return findChromium();
}

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS, headless: true });
}

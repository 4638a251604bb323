// The system Chromium (never a downloaded browser), shared by --render, evidence screenshots and browser tests.
// The flags keep it off the network it would otherwise call home to, which is closed here.
import { existsSync } from 'node:fs';
import { FetchError } from '../http/fetcher-types.js';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
];

/** The system Chromium: env GONGKAI_CHROMIUM, else the usual install paths. */
export function findChromium(): string {
  const candidates = [process.env.GONGKAI_CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];
  for (const path of candidates) if (path && existsSync(path)) return path;
  throw new FetchError('NO_BROWSER', '找不到 Chromium 浏览器：请安装 chromium 或用环境变量 GONGKAI_CHROMIUM 指定其路径', '');
}

import browser from 'webextension-polyfill';
import { defineBackground } from 'wxt/utils/define-background';
import { BackgroundApp, type BackgroundBrowser } from '../lib/background-app.js';

export default defineBackground(() => {
  new BackgroundApp({ browser: browser as unknown as BackgroundBrowser, fetch: (url, init) => fetch(url, init) }).start();
});

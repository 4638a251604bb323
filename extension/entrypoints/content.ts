// Registered at run time by the background for the configured sites (no static host access), or injected into
// the active tab from the popup's 检查此页 (activeTab), which first sets window.__gongkaiForce in this same
// isolated world.
import browser from 'webextension-polyfill';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { ContentApp, type ContentBrowser } from '../lib/content-app.js';
import { loadLiveDeps } from '../lib/live-deps.js';

declare global {
  interface Window {
    __gongkaiContent?: ContentApp;
    __gongkaiForce?: boolean;
  }
}

export default defineContentScript({
  registration: 'runtime',
  main() {
    const forced = window.__gongkaiForce === true;
    const running = window.__gongkaiContent;
    if (running && !forced) {
      void running.refresh();
      return;
    }
    running?.stop();
    const live = loadLiveDeps();
    const app = new ContentApp({ browser: browser as unknown as ContentBrowser, document, live, forced });
    window.__gongkaiContent = app;
    void app.start();
  },
});

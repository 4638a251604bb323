import browser from 'webextension-polyfill';
import { PopupView, type PopupBrowser } from '../../lib/ui/popup-view.js';

// ?tab=ID opens the popup for a given tab (when opened as a page, e.g. in tests or from a pinned tab).
const tabParam = new URLSearchParams(location.search).get('tab');
const tabId = tabParam && /^\d+$/.test(tabParam) ? Number(tabParam) : undefined;
void new PopupView(document, browser as unknown as PopupBrowser).start(tabId);

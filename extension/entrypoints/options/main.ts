import browser from 'webextension-polyfill';
import { OptionsView, type OptionsBrowser } from '../../lib/ui/options-view.js';
import { loadLiveDeps } from '../../lib/live-deps.js';

const ruleIds = loadLiveDeps().packs.flatMap((p) => Object.values(p.rules).map((r) => r.meta.id));
void new OptionsView(document, browser as unknown as OptionsBrowser, ruleIds).start();

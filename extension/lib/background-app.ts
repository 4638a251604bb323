// The background's logic with the browser API injected (tested with the fake browser): answers the content
// script (findings of a page, fetched from the server with the token or read from the import, cached), keeps the
// toolbar badge count per tab, and keeps the runtime content-script registration in step with the configured
// sites for which host access has been granted.
import type { Severity } from '../../reports/audit-schema.js';
import { FindingsSource, type FetchLike } from './findings-source.js';
import { parseMessage } from './messages.js';
import { uniquePatterns } from './origins.js';
import { IMPORT_KEY, loadImportedAudit, loadSettings, SETTINGS_KEY, type StorageAreaLike } from './settings.js';

export const CONTENT_SCRIPT_ID = 'gongkai-overlay';
export const CONTENT_SCRIPT_FILE = 'content-scripts/content.js';

export interface BackgroundBrowser {
  runtime: {
    onMessage: { addListener(cb: (message: unknown, sender: { tab?: { id?: number } }) => Promise<unknown> | undefined): void };
    onInstalled?: { addListener(cb: () => void): void };
    onStartup?: { addListener(cb: () => void): void };
  };
  storage: {
    local: StorageAreaLike;
    onChanged: { addListener(cb: (changes: Record<string, unknown>, area: string) => void): void };
  };
  action: {
    setBadgeText(details: { text: string; tabId?: number }): Promise<void>;
    setBadgeBackgroundColor(details: { color: string; tabId?: number }): Promise<void>;
  };
  permissions: {
    contains(p: { origins?: string[] }): Promise<boolean>;
    onAdded?: { addListener(cb: () => void): void };
    onRemoved?: { addListener(cb: () => void): void };
  };
  scripting: {
    getRegisteredContentScripts(filter?: { ids?: string[] }): Promise<{ id: string }[]>;
    registerContentScripts(scripts: { id: string; matches: string[]; js: string[]; runAt?: 'document_idle' | 'document_end' | 'document_start'; persistAcrossSessions?: boolean }[]): Promise<void>;
    unregisterContentScripts(filter?: { ids?: string[] }): Promise<void>;
  };
}

export interface BackgroundOptions {
  browser: BackgroundBrowser;
  fetch: FetchLike;
  cacheMs?: number;
}

const BADGE_COLOR: Record<Severity, string> = { critical: '#cf222e', serious: '#e16f24', moderate: '#bf8700', minor: '#0969da' };

export class BackgroundApp {
  readonly source: FindingsSource;
  private syncing: Promise<string[]> = Promise.resolve([]);

  constructor(private readonly opts: BackgroundOptions) {
    const local = opts.browser.storage.local;
    this.source = new FindingsSource({
      fetch: opts.fetch,
      getSettings: () => loadSettings(local),
      getImport: () => loadImportedAudit(local),
      cacheMs: opts.cacheMs,
    });
  }

  start(): void {
    const b = this.opts.browser;
    b.runtime.onMessage.addListener((message, sender) => this.handle(message, sender));
    b.storage.onChanged.addListener((changes, area) => {
      if (area !== 'local') return;
      if (SETTINGS_KEY in changes || IMPORT_KEY in changes) this.source.clearCache();
      if (SETTINGS_KEY in changes) void this.syncRegistration();
    });
    b.runtime.onInstalled?.addListener(() => void this.syncRegistration());
    b.runtime.onStartup?.addListener(() => void this.syncRegistration());
    b.permissions.onAdded?.addListener(() => void this.syncRegistration());
    b.permissions.onRemoved?.addListener(() => void this.syncRegistration());
    void this.syncRegistration();
  }

  handle(raw: unknown, sender: { tab?: { id?: number } } = {}): Promise<unknown> | undefined {
    const message = parseMessage(raw);
    if (!message) return undefined;
    switch (message.type) {
      case 'gongkai:page-findings':
        return this.source.forPage(message.url, message.linked);
      case 'gongkai:count':
        return this.setCount(sender.tab?.id, message.count, message.worst);
      case 'gongkai:latest-audit':
        return this.source.latestAudit(message.site);
      case 'gongkai:sync-sites':
        return this.syncRegistration().then((patterns) => ({ patterns }));
      default:
        return undefined;
    }
  }

  async setCount(tabId: number | undefined, count: number, worst?: Severity): Promise<{ ok: boolean }> {
    if (tabId === undefined) return { ok: false };
    const b = this.opts.browser.action;
    await b.setBadgeText({ tabId, text: count > 0 ? (count > 999 ? '999+' : String(count)) : '' });
    await b.setBadgeBackgroundColor({ tabId, color: BADGE_COLOR[worst ?? 'serious'] ?? BADGE_COLOR.serious });
    return { ok: true };
  }

  /** Register the overlay script for configured sites that have host access; returns the patterns registered. */
  syncRegistration(): Promise<string[]> {
    // Serialise: overlapping register/unregister calls race in the browser.
    this.syncing = this.syncing.catch(() => []).then(() => this.doSync());
    return this.syncing;
  }

  private async doSync(): Promise<string[]> {
    const b = this.opts.browser;
    const settings = await loadSettings(b.storage.local);
    const granted: string[] = [];
    for (const pattern of uniquePatterns(settings.sites)) {
      if (await b.permissions.contains({ origins: [pattern] }).catch(() => false)) granted.push(pattern);
    }
    const existing = await b.scripting.getRegisteredContentScripts({ ids: [CONTENT_SCRIPT_ID] }).catch(() => []);
    if (existing.length) await b.scripting.unregisterContentScripts({ ids: [CONTENT_SCRIPT_ID] });
    if (granted.length) {
      await b.scripting.registerContentScripts([
        { id: CONTENT_SCRIPT_ID, matches: granted, js: [CONTENT_SCRIPT_FILE], runAt: 'document_idle', persistAcrossSessions: true },
      ]);
    }
    return granted;
  }
}

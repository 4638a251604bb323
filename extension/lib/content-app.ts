// The content script's logic, with the browser API and the live-check dependencies injected so that it runs
// in tests under happy-dom and the fake browser. Fetches the page's audited findings through the background,
// runs the live checks, draws the overlay, reports the count, answers the popup, and re-runs live checks
// (debounced) when the page changes, ignoring the overlay's own nodes.
import type { Finding, RuleError } from '../../reports/audit-schema.js';
import type { RuleDocs } from '../../rules/define-rule.js';
import { isFamilyEnabled } from './families.js';
import { runLiveChecks, ruleDocsMap, type LiveDeps } from './live-check.js';
import { parseMessage, pageFindingsSchema, type Message, type PageFindings, type PageState } from './messages.js';
import { Overlay, type OverlayEntry } from './overlay/overlay.js';
import { loadSettings, SETTINGS_KEY, IMPORT_KEY, type Settings, type StorageAreaLike } from './settings.js';
import { shanghaiDate } from './time.js';
import { worstSeverity } from './severity.js';

export interface ContentBrowser {
  runtime: {
    sendMessage(message: unknown): Promise<unknown>;
    onMessage: {
      addListener(cb: (message: unknown, sender: unknown) => Promise<unknown> | undefined): void;
      removeListener(cb: (message: unknown, sender: unknown) => Promise<unknown> | undefined): void;
    };
  };
  storage: {
    local: StorageAreaLike;
    onChanged: {
      addListener(cb: (changes: Record<string, unknown>, area: string) => void): void;
      removeListener(cb: (changes: Record<string, unknown>, area: string) => void): void;
    };
  };
}

export interface ContentAppOptions {
  browser: ContentBrowser;
  document: Document;
  live: LiveDeps;
  /** Injected on demand from the popup (activeTab): run even if the site is not in the configured list. */
  forced?: boolean;
  debounceMs?: number;
  /** Today, Asia/Shanghai (tests pin it). */
  today?: () => string;
}

const ATTACHMENT_RE = /\.(pdf|docx?|xlsx?|csv|txt|zip|rar|wps|et|ofd|pptx?)(\?|$)/i;

export class ContentApp {
  private overlay?: Overlay;
  private observer?: MutationObserver;
  private settings?: Settings;
  private audited: PageFindings = { source: 'none', findings: [] };
  /** The URL the audited findings were fetched for (single-page apps change it without a reload). */
  private fetchedFor = '';
  private live: Finding[] = [];
  private liveErrors: RuleError[] = [];
  private placed = new Set<string>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private running: Promise<void> | undefined;
  private readonly docs: Map<string, RuleDocs>;
  private readonly onMessage = (raw: unknown): Promise<unknown> | undefined => this.handle(raw);
  private readonly onStorage = (changes: Record<string, unknown>, area: string) => {
    if (area === 'local' && (SETTINGS_KEY in changes || IMPORT_KEY in changes)) void this.refresh();
  };

  constructor(private readonly opts: ContentAppOptions) {
    this.docs = ruleDocsMap(opts.live.packs);
  }

  get url(): string {
    return this.opts.document.location?.href ?? this.opts.document.URL;
  }

  /** Whether this page's origin is one of the configured sites (registration patterns carry no port). */
  allowed(settings: Settings): boolean {
    if (this.opts.forced) return true;
    try {
      return settings.sites.includes(new URL(this.url).origin);
    } catch {
      return false;
    }
  }

  async start(): Promise<boolean> {
    this.settings = await loadSettings(this.opts.browser.storage.local);
    this.opts.browser.runtime.onMessage.addListener(this.onMessage);
    this.opts.browser.storage.onChanged.addListener(this.onStorage);
    if (!this.allowed(this.settings)) return false;
    this.overlay = new Overlay(this.opts.document);
    await this.refresh();
    const win = this.opts.document.defaultView;
    if (win && 'MutationObserver' in win) {
      this.observer = new win.MutationObserver((records) => {
        if (records.some((r) => !this.overlay?.isOwnNode(r.target))) this.scheduleLive();
      });
      this.observer.observe(this.opts.document.documentElement, {
        subtree: true,
        childList: true,
        characterData: true,
        attributes: true,
        attributeFilter: ['content', 'href', 'src', 'name'],
      });
    }
    return true;
  }

  stop(): void {
    this.observer?.disconnect();
    if (this.timer) clearTimeout(this.timer);
    this.opts.browser.runtime.onMessage.removeListener(this.onMessage);
    this.opts.browser.storage.onChanged.removeListener(this.onStorage);
    this.overlay?.destroy();
    this.overlay = undefined;
  }

  /** Re-read settings, re-fetch audited findings, re-run live checks, redraw. */
  async refresh(): Promise<void> {
    this.settings = await loadSettings(this.opts.browser.storage.local);
    if (!this.allowed(this.settings)) {
      this.overlay?.render([]);
      await this.sendCount(0);
      return;
    }
    this.overlay ??= new Overlay(this.opts.document);
    this.fetchedFor = this.url;
    this.audited = await this.fetchAudited();
    await this.runLive();
  }

  private linkedAttachments(): string[] {
    const out: string[] = [];
    for (const a of this.opts.document.querySelectorAll('a[href]')) {
      const href = (a as HTMLAnchorElement).href;
      if (href && ATTACHMENT_RE.test(href)) out.push(href);
      if (out.length >= 500) break;
    }
    return out;
  }

  private async fetchAudited(): Promise<PageFindings> {
    try {
      const raw = await this.opts.browser.runtime.sendMessage({ type: 'gongkai:page-findings', url: this.url, linked: this.linkedAttachments() });
      const parsed = pageFindingsSchema.safeParse(raw);
      return parsed.success ? parsed.data : { source: 'none', findings: [], error: '后台返回的数据无效' };
    } catch (error) {
      return { source: 'none', findings: [], error: `无法获取审计结果：${error instanceof Error ? error.message : String(error)}` };
    }
  }

  private scheduleLive(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void (this.url !== this.fetchedFor ? this.refresh() : this.runLive());
    }, this.opts.debounceMs ?? 800);
  }

  /** Run live checks (one run at a time) and redraw. */
  async runLive(): Promise<void> {
    if (this.running) {
      await this.running;
    }
    this.running = this.doRunLive().finally(() => {
      this.running = undefined;
    });
    await this.running;
  }

  private async doRunLive(): Promise<void> {
    const settings = this.settings;
    if (!settings) return;
    this.live = [];
    this.liveErrors = [];
    if (settings.liveChecks) {
      try {
        const origin = new URL(this.url).origin;
        const result = await runLiveChecks(this.opts.document, this.opts.live, {
          url: this.url,
          siteUrl: `${origin}/`,
          asOf: this.opts.today?.() ?? shanghaiDate(),
          disabledFamilies: settings.disabledFamilies,
        });
        this.live = result.findings;
        this.liveErrors = result.errors;
      } catch (error) {
        this.liveErrors = [{ rule: '(live)', message: error instanceof Error ? error.message : String(error) }];
      }
    }
    this.draw();
  }

  /** Audited and live findings of enabled families; a live finding already in the audit is shown once. */
  entries(): OverlayEntry[] {
    const disabled = this.settings?.disabledFamilies ?? [];
    const seen = new Set<string>();
    const out: OverlayEntry[] = [];
    const add = (finding: Finding, origin: OverlayEntry['origin']) => {
      if (seen.has(finding.id) || !isFamilyEnabled(finding.rule, disabled)) return;
      seen.add(finding.id);
      const docs = this.docs.get(finding.rule);
      out.push({ finding, origin, fix: docs?.fix, ruleTitle: docs?.title });
    };
    for (const f of this.audited.findings) add(f, 'audit');
    for (const f of this.live) add(f, 'live');
    return out;
  }

  private draw(): void {
    if (!this.overlay) return;
    // Our own redraw must not trigger the observer into a loop: drain its queue after drawing.
    const entries = this.entries();
    this.placed = this.overlay.render(entries);
    this.observer?.takeRecords();
    void this.sendCount(entries.length, worstSeverity(entries.map((e) => e.finding.severity)));
  }

  private async sendCount(count: number, worst?: string): Promise<void> {
    try {
      await this.opts.browser.runtime.sendMessage({ type: 'gongkai:count', count, worst });
    } catch {
      // The background may be restarting; the next run sends again.
    }
  }

  state(): PageState {
    const entries = this.entries();
    return {
      url: this.url,
      items: entries.map((e) => ({ finding: e.finding, origin: e.origin, placed: this.placed.has(e.finding.id) })),
      audit: this.audited.audit,
      source: this.audited.source,
      error: this.audited.error,
      liveErrors: this.liveErrors.map((e) => `${e.rule}：${e.message}`),
      liveChecks: this.settings?.liveChecks ?? false,
    };
  }

  private handle(raw: unknown): Promise<unknown> | undefined {
    const message: Message | undefined = parseMessage(raw);
    if (!message) return undefined;
    switch (message.type) {
      case 'gongkai:state':
        return Promise.resolve(this.state());
      case 'gongkai:jump':
        return Promise.resolve({ ok: this.overlay?.flash(message.id) ?? false });
      case 'gongkai:refresh':
        return this.refresh().then(() => this.state());
      default:
        return undefined;
    }
  }
}

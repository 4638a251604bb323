// The options page: server URL and token, the sites to overlay (host access requested at run time, only for
// those origins and the server), live checks and rule families on/off, and importing a findings.json.
import { familyLabel, listFamilies } from '../families.js';
import { uniquePatterns } from '../origins.js';
import {
  checkSettings,
  clearImportedAudit,
  loadImportedAudit,
  loadSettings,
  parseAuditFile,
  saveImportedAudit,
  saveSettings,
  type StorageAreaLike,
} from '../settings.js';
import { shanghaiDateTime } from '../time.js';
import { byId, el } from './dom.js';

export interface OptionsBrowser {
  storage: { local: StorageAreaLike };
  permissions: {
    request(p: { origins: string[] }): Promise<boolean>;
    getAll?(): Promise<{ origins?: string[] }>;
    remove?(p: { origins: string[] }): Promise<boolean>;
  };
  runtime: { sendMessage(message: unknown): Promise<unknown>; getManifest?(): { host_permissions?: string[] } };
}

export class OptionsView {
  constructor(
    private readonly doc: Document,
    private readonly browser: OptionsBrowser,
    private readonly ruleIds: string[] = [],
  ) {}

  async start(): Promise<void> {
    const d = this.doc;
    const settings = await loadSettings(this.browser.storage.local);
    byId<HTMLInputElement>(d, 'server-url').value = settings.serverUrl;
    byId<HTMLInputElement>(d, 'token').value = settings.token;
    byId<HTMLTextAreaElement>(d, 'sites').value = settings.sites.join('\n');
    byId<HTMLInputElement>(d, 'live').checked = settings.liveChecks;
    const families = byId(d, 'families');
    families.replaceChildren();
    for (const family of listFamilies(this.ruleIds)) {
      const box = el(d, 'input', { attrs: { type: 'checkbox', 'data-family': family } });
      box.checked = !settings.disabledFamilies.includes(family);
      families.append(el(d, 'label', {}, [box, ` ${familyLabel(family)}（${family}）`]));
    }
    byId(d, 'save').addEventListener('click', () => void this.save());
    byId<HTMLInputElement>(d, 'import-file').addEventListener('change', (e) => {
      const file = (e.target as HTMLInputElement).files?.[0];
      if (file) void file.text().then((text) => this.importText(text));
    });
    byId(d, 'clear-import').addEventListener('click', () => void this.clearImport());
    await this.showImport();
  }

  private status(id: string, text: string, error = false): void {
    const node = byId(this.doc, id);
    node.textContent = text;
    node.classList.toggle('error', error);
  }

  /** Reads the form, asks for host access (first, while the click still counts as a user gesture), then saves. */
  save(): Promise<boolean> {
    const d = this.doc;
    const check = checkSettings({
      serverUrl: byId<HTMLInputElement>(d, 'server-url').value,
      token: byId<HTMLInputElement>(d, 'token').value,
      sites: byId<HTMLTextAreaElement>(d, 'sites').value.split(/\r?\n/),
      liveChecks: byId<HTMLInputElement>(d, 'live').checked,
      disabledFamilies: [...d.querySelectorAll<HTMLInputElement>('#families input[data-family]')]
        .filter((b) => !b.checked)
        .map((b) => b.dataset.family ?? ''),
    });
    if (!check.ok) {
      this.status('save-status', check.errors.join('\n'), true);
      return Promise.resolve(false);
    }
    const settings = check.settings;
    const origins = uniquePatterns([...settings.sites, ...(settings.serverUrl ? [new URL(settings.serverUrl).origin] : [])]);
    const granted = origins.length ? this.browser.permissions.request({ origins }).catch(() => false) : Promise.resolve(true);
    return granted.then(async (ok) => {
      await this.revokeUnused(origins);
      await saveSettings(this.browser.storage.local, settings);
      await this.browser.runtime.sendMessage({ type: 'gongkai:sync-sites' }).catch(() => undefined);
      this.status(
        'save-status',
        ok ? '已保存。刷新网站页面后即可看到标注。' : '已保存，但未获得网站访问权限：页面上不会显示标注，请重新保存并允许访问。',
        !ok,
      );
      return ok;
    });
  }

  /** Host access stays limited to the configured sites and the server: a removed site loses its permission. */
  private async revokeUnused(keep: string[]): Promise<void> {
    const p = this.browser.permissions;
    if (!p.getAll || !p.remove) return;
    try {
      // Patterns the manifest requires (the E2E build's pre-granted hosts) cannot be removed.
      const required = new Set(this.browser.runtime.getManifest?.().host_permissions ?? []);
      const unused = ((await p.getAll()).origins ?? []).filter((o) => !keep.includes(o) && !required.has(o));
      if (unused.length) await p.remove({ origins: unused });
    } catch {
      // Revoking is best effort: the registration only ever covers configured sites.
    }
  }

  async importText(text: string): Promise<boolean> {
    const result = parseAuditFile(text);
    if (!result.ok) {
      this.status('import-status', result.error, true);
      return false;
    }
    await saveImportedAudit(this.browser.storage.local, result.audit);
    await this.showImport();
    return true;
  }

  private async clearImport(): Promise<void> {
    await clearImportedAudit(this.browser.storage.local);
    await this.showImport();
  }

  private async showImport(): Promise<void> {
    const audit = await loadImportedAudit(this.browser.storage.local);
    byId(this.doc, 'clear-import').hidden = !audit;
    this.status(
      'import-status',
      audit
        ? `已导入：${audit.audit.site}，审计完成于 ${shanghaiDateTime(audit.audit.finishedAt)}，共 ${audit.findings.length} 条问题`
        : '尚未导入 findings.json',
    );
  }
}

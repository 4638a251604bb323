// The editor's settings and the imported findings.json, kept in browser.storage.local and validated with zod on
// every read (storage can hold anything an older version or a hand edit left there).
import { z } from 'zod';
import { auditSchema, type AuditResult } from '../../reports/audit-schema.js';
import { parseOrigin } from './origins.js';

/** The part of browser.storage.StorageArea we use (fake browser and polyfill both fit). */
export interface StorageAreaLike {
  get(keys?: string | string[] | null): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string | string[]): Promise<void>;
}

export const SETTINGS_KEY = 'gongkai.settings';
export const IMPORT_KEY = 'gongkai.importedAudit';

export const settingsSchema = z.object({
  /** Base URL of `gongkai serve`, '' when unused. */
  serverUrl: z.string().default(''),
  token: z.string().default(''),
  /** Origins the overlay runs on. */
  sites: z.array(z.string()).default([]),
  disabledFamilies: z.array(z.string()).default([]),
  liveChecks: z.boolean().default(true),
});
export type Settings = z.infer<typeof settingsSchema>;

export const DEFAULT_SETTINGS: Settings = settingsSchema.parse({});

export async function loadSettings(storage: StorageAreaLike): Promise<Settings> {
  const raw = (await storage.get(SETTINGS_KEY))[SETTINGS_KEY];
  const parsed = settingsSchema.safeParse(raw ?? {});
  return parsed.success ? parsed.data : { ...DEFAULT_SETTINGS };
}

export type SettingsCheck = { ok: true; settings: Settings } | { ok: false; errors: string[] };

/** Validate what the options form holds; zh-CN errors name the field. */
export function checkSettings(input: {
  serverUrl: string;
  token: string;
  sites: string[];
  disabledFamilies: string[];
  liveChecks: boolean;
}): SettingsCheck {
  const errors: string[] = [];
  let serverUrl = input.serverUrl.trim();
  if (serverUrl) {
    try {
      const url = new URL(serverUrl);
      if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('scheme');
      serverUrl = url.href.replace(/\/+$/, '');
    } catch {
      errors.push(`服务器地址“${serverUrl}”无效：应为 http:// 或 https:// 开头的网址`);
    }
  }
  const sites: string[] = [];
  for (const line of input.sites) {
    if (!line.trim()) continue;
    const r = parseOrigin(line);
    if (r.ok) {
      if (!sites.includes(r.origin)) sites.push(r.origin);
    } else errors.push(`检查网站：${r.error}`);
  }
  if (/[\r\n]/.test(input.token)) errors.push('访问令牌不能包含换行');
  if (errors.length) return { ok: false, errors };
  return {
    ok: true,
    settings: {
      serverUrl,
      token: input.token.trim(),
      sites,
      disabledFamilies: [...new Set(input.disabledFamilies)],
      liveChecks: input.liveChecks,
    },
  };
}

export async function saveSettings(storage: StorageAreaLike, settings: Settings): Promise<void> {
  await storage.set({ [SETTINGS_KEY]: settingsSchema.parse(settings) });
}

export type ImportResult = { ok: true; audit: AuditResult } | { ok: false; error: string };

/** Parse and validate a findings.json text; a zh-CN error names the first bad path. */
export function parseAuditFile(text: string): ImportResult {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return { ok: false, error: `文件不是有效的 JSON：${error instanceof Error ? error.message : String(error)}` };
  }
  const parsed = auditSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = issue?.path.join('.') || '（根）';
    return { ok: false, error: `不是有效的 findings.json：字段 ${path} ${issue?.message ?? '格式错误'}` };
  }
  return { ok: true, audit: parsed.data };
}

export async function saveImportedAudit(storage: StorageAreaLike, audit: AuditResult): Promise<void> {
  await storage.set({ [IMPORT_KEY]: audit });
}

export async function clearImportedAudit(storage: StorageAreaLike): Promise<void> {
  await storage.remove(IMPORT_KEY);
}

export async function loadImportedAudit(storage: StorageAreaLike): Promise<AuditResult | undefined> {
  const raw = (await storage.get(IMPORT_KEY))[IMPORT_KEY];
  if (raw === undefined) return undefined;
  const parsed = auditSchema.safeParse(raw);
  return parsed.success ? parsed.data : undefined;
}

// Loads the config file (JSON or YAML) and validates it with zod; every error names the field in zh-CN,
// e.g. `配置项 crawl.rate 无效：…`.
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import YAML from 'yaml';
import { configSchema, type GongkaiConfig } from './config-schema.js';

export class ConfigError extends Error {
  constructor(
    message: string,
    /** Dotted path of the bad field ('' when the file itself is the problem). */
    readonly field: string,
  ) {
    super(message);
    this.name = 'ConfigError';
  }
}

const zhCN = z.locales.zhCN().localeError;

/** Validate parsed config data; throws ConfigError naming the first bad field. */
export function parseConfig(data: unknown, source = '配置'): GongkaiConfig {
  if (data === null || data === undefined) data = {};
  const result = configSchema.safeParse(data, { error: zhCN });
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  let path = issue.path.map(String);
  let detail = issue.message;
  if (issue.code === 'unrecognized_keys') {
    path = [...path, String(issue.keys[0])];
    detail = '未知的配置项（请检查拼写）';
  }
  const field = path.join('.') || '(根)';
  const more = result.error.issues.length > 1 ? `（另有 ${result.error.issues.length - 1} 处错误）` : '';
  throw new ConfigError(`${source}：配置项 ${field} 无效：${detail}${more}`, path.join('.'));
}

/** Read and validate a JSON or YAML config file. */
export async function loadConfig(file: string | undefined): Promise<GongkaiConfig> {
  if (!file) return parseConfig({});
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as { code?: string }).code;
    throw new ConfigError(`无法读取配置文件 ${file}：${code === 'ENOENT' ? '文件不存在' : String((error as Error).message)}`, '');
  }
  let data: unknown;
  try {
    // JSON is valid YAML 1.2, but JSON's own parser gives better error positions for .json files.
    data = /\.json$/i.test(file) ? JSON.parse(text.replace(/^\uFEFF/, '')) : YAML.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new ConfigError(`配置文件 ${file} 格式错误（应为 JSON 或 YAML）：${(error as Error).message}`, '');
  }
  if (data !== null && data !== undefined && (typeof data !== 'object' || Array.isArray(data))) {
    throw new ConfigError(`配置文件 ${file} 格式错误：顶层应为对象（键值对）`, '');
  }
  return parseConfig(data, `配置文件 ${file}`);
}

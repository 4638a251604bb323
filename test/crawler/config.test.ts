import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, parseConfig } from '../../crawler/config/load-config.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gongkai-config-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function file(name: string, text: string) {
  const path = join(dir, name);
  await writeFile(path, text, 'utf8');
  return path;
}

describe('config loading', () => {
  it('loads YAML and JSON with defaults filled', async () => {
    const yaml = await loadConfig(await file('a.yaml', 'crawl:\n  rate: 2\n  exclude: ["/search/"]\nowners:\n  政策文件: 法规处\n'));
    expect(yaml.crawl.rate).toBe(2);
    expect(yaml.crawl.robots).toBe(true);
    expect(yaml.owners['政策文件']).toBe('法规处');
    const json = await loadConfig(await file('a.json', '{"crawl": {"maxPages": 100}}'));
    expect(json.crawl.maxPages).toBe(100);
    expect((await loadConfig(undefined)).crawl.include).toEqual([]);
  });

  it('names the bad field in zh-CN', () => {
    const bad = (data: unknown) => {
      try {
        parseConfig(data);
      } catch (error) {
        expect(error).toBeInstanceOf(ConfigError);
        return error as ConfigError;
      }
      throw new Error('accepted a bad config');
    };
    const rate = bad({ crawl: { rate: '快' } });
    expect(rate.field).toBe('crawl.rate');
    expect(rate.message).toMatch(/配置项 crawl\.rate 无效：/);
    expect(bad({ crawl: { rat: 3 } }).message).toMatch(/配置项 crawl\.rat 无效：未知的配置项/);
    expect(bad({ crawl: { exclude: ['(unclosed'] } }).field).toBe('crawl.exclude.0');
    expect(bad({ crawl: { concurrency: 0 } }).field).toBe('crawl.concurrency');
    expect(bad({ report: { webhook: 'not a url' } }).field).toBe('report.webhook');
    expect(bad({ rules: { packs: { national: 'yes' } } }).field).toBe('rules.packs.national');
  });

  it('rejects unreadable, malformed and non-object files clearly', async () => {
    await expect(loadConfig(join(dir, 'missing.yaml'))).rejects.toThrow(/文件不存在/);
    await expect(loadConfig(await file('b.json', '{"crawl": '))).rejects.toThrow(/格式错误/);
    await expect(loadConfig(await file('c.yaml', '- 1\n- 2\n'))).rejects.toThrow(/顶层应为对象/);
  });

  it('fuzz: generated bad configs always give a ConfigError naming a field, never a crash', () => {
    const values: unknown[] = [null, -1, 0, 1.5, 'x', '', [], {}, true, ['(', '['], { a: 1 }, 1e9];
    const fields = ['rate', 'concurrency', 'maxPages', 'include', 'exclude', 'robots', 'timeoutMs', 'dropParams', 'sameSiteHosts', 'maxDepth', 'bogus'];
    let rejected = 0;
    for (const field of fields) {
      for (const value of values) {
        let result: 'ok' | ConfigError;
        try {
          parseConfig({ crawl: { [field]: value } });
          result = 'ok';
        } catch (error) {
          expect(error).toBeInstanceOf(ConfigError);
          result = error as ConfigError;
        }
        if (result !== 'ok') {
          rejected++;
          expect(result.field.startsWith(`crawl.${field}`)).toBe(true);
          expect(result.message).toMatch(/[\u4e00-\u9fff]/);
        }
      }
    }
    expect(rejected).toBeGreaterThan(80);
  });

  it('fuzz: seeded random mutations of a full valid config name the mutated field (or a parent) in zh-CN', () => {
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    const pick = <T,>(list: T[]): T => list[Math.floor(random() * list.length)]!;
    const valid = {
      crawl: { include: ['/zwgk/'], exclude: ['/search/'], robots: true, maxPages: 100, concurrency: 4, rate: 2, timeoutMs: 5000, dropParams: ['sid'], maxDepth: 20, linkCacheHours: 12 },
      owners: { 政策文件: '法规处' },
      columns: [{ urlPrefix: 'https://jtt.jl.gov.cn/zwgk/', name: '政府信息公开' }],
      seriousErrors: [{ wrong: '中华人民共合国', right: '中华人民共和国' }],
      report: { formats: ['json', 'html'], dataDir: '.gongkai', webhook: 'https://example.org/hook' },
    };
    expect(() => parseConfig(valid)).not.toThrow();
    const paths: string[][] = [];
    const walk = (value: unknown, path: string[]) => {
      if (path.length) paths.push(path);
      if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) walk(v, [...path, k]);
    };
    walk(valid, []);
    const bad: unknown[] = [null, -5, 0.5, '', '(', 'not a url', [], {}, true, { extra: 1 }, ['[']];
    let rejected = 0;
    for (let n = 0; n < 400; n++) {
      const config = structuredClone(valid) as Record<string, unknown>;
      const path = pick(paths);
      let parent = config as Record<string, unknown>;
      for (const key of path.slice(0, -1)) parent = parent[key] as Record<string, unknown>;
      const unknownKey = random() < 0.15;
      if (unknownKey) parent[`${path[path.length - 1]}_typo`] = 1;
      else parent[path[path.length - 1]!] = pick(bad);
      try {
        parseConfig(config);
      } catch (error) {
        expect(error).toBeInstanceOf(ConfigError);
        const e = error as ConfigError;
        rejected++;
        expect(e.message).toMatch(/[\u4e00-\u9fff]/);
        const mutated = unknownKey ? [...path.slice(0, -1), `${path[path.length - 1]}_typo`] : path;
        // The named field is the mutated one, one of its parents, or inside the new bad value.
        const field = e.field.split('.');
        const shared = Math.min(field.length, mutated.length);
        expect(field.slice(0, shared), `${e.field} vs ${mutated.join('.')}`).toEqual(mutated.slice(0, shared));
      }
    }
    expect(rejected).toBeGreaterThan(200);
  });
});

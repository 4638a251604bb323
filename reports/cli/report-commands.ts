// Registers `gongkai report|history|diff|waive|schedule|serve`. All output zh-CN; bad usage exits 2.
import path from 'node:path';
import type { Command } from 'commander';
import { hostKey } from '../url-key.js';
import { zhOutput } from './commander-zh.js';
import { CliUsageError, DEFAULT_DATA_DIR, diffAction, historyAction, parseFormats, reportAction, stdio, waiveAction } from './report-actions.js';

function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

function done(code: number): void {
  process.exitCode = code;
}

export function registerReportCommands(program: Command): void {
  zhOutput(
    program
      .command('report <findings>')
      .description('由审计结果文件 findings.json 生成报告（HTML、Excel、CSV）')
      .option('--out <dir>', '报告输出目录（默认与 findings.json 同目录）')
      .option('--format <list>', '报告格式，逗号分隔：json,html,xlsx,csv（默认全部）')
      .option('--evidence', '为有问题的页面截图并标出问题元素（需要 Chromium）')
      .option('--data-dir <dir>', `历史数据目录（默认 ${DEFAULT_DATA_DIR}）`)
      .option('--no-history', '不把该审计记入历史数据库')
      .action(async (file: string, opts) => done(await reportAction(file, opts))),
  );

  zhOutput(
    program
      .command('history')
      .description('列出历史审计记录')
      .option('--site <url>', '只列出该网站的审计')
      .option('--data-dir <dir>', `历史数据目录（默认 ${DEFAULT_DATA_DIR}）`)
      .option('--json', '以 JSON 输出')
      .action((opts) => done(historyAction(opts))),
  );

  zhOutput(
    program
      .command('diff <auditA> <auditB>')
      .description('对比两次审计（审计编号或 findings.json 路径）：新增、已整改、仍存在的问题')
      .option('--data-dir <dir>', `历史数据目录（默认 ${DEFAULT_DATA_DIR}）`)
      .option('--json', '以 JSON 输出')
      .action((a: string, b: string, opts) => done(diffAction(a, b, opts))),
  );

  zhOutput(
    program
      .command('waive <findingId>')
      .description('豁免一个问题（到期后自动恢复）')
      .requiredOption('--reason <text>', '豁免理由')
      .requiredOption('--until <date>', '有效期至（YYYY-MM-DD，含当日）')
      .option('--by <name>', '批准人')
      .option('--data-dir <dir>', `历史数据目录（默认 ${DEFAULT_DATA_DIR}）`)
      .action((id: string, opts) => done(waiveAction(id, opts))),
  );

  zhOutput(
    program
      .command('schedule <urls...>')
      .description('按 cron 表达式定时审计网站（北京时间），记录历史并可通知 webhook')
      .requiredOption('--cron <expr>', 'cron 表达式，如 "0 2 * * *"（每天 2:00）')
      .option('--config <file>', '配置文件（JSON 或 YAML）')
      .option('--out <dir>', '输出根目录（每次审计写入 <根目录>/<主机名>/<时间>/）', 'gongkai-reports')
      .option('--max-pages <n>', '每次最多抓取的页面数')
      .option('--concurrency <n>', '并发数')
      .option('--rate <n>', '每秒请求数上限')
      .option('--render', '用浏览器渲染页面')
      .option('--format <list>', '报告格式，逗号分隔：json,html,xlsx,csv（默认取配置文件 report.formats，即全部）')
      .option('--evidence', '生成问题页面截图')
      .option('--webhook <url>', '新增严重/较重问题时通知的 webhook 地址（JSON POST；默认取配置文件 report.webhook）')
      .option('--data-dir <dir>', `历史数据目录（默认取配置文件 report.dataDir，即 ${DEFAULT_DATA_DIR}）`)
      .option('--run-now', '启动时立即审计一次')
      .action(async (urls: string[], opts) => done(await scheduleAction(urls, opts))),
  );

  zhOutput(
    program
      .command('serve')
      .description('启动本地监管看板与浏览器扩展接口')
      .option('--port <n>', '端口', '7070')
      .option('--host <host>', '监听地址（非本机地址必须设置 --token）', '127.0.0.1')
      .option('--token <token>', '访问令牌（也可用环境变量 GONGKAI_TOKEN）')
      .option('--data-dir <dir>', `历史数据目录（默认 ${DEFAULT_DATA_DIR}）`)
      .option('--allow-origin <origin>', '额外允许跨域访问的来源（可重复）', collect)
      .action(async (opts) => done(await serveAction(opts))),
  );
}

interface ScheduleFlags {
  cron: string;
  config?: string;
  out: string;
  maxPages?: string;
  concurrency?: string;
  rate?: string;
  render?: boolean;
  format?: string;
  evidence?: boolean;
  webhook?: string;
  dataDir?: string;
  runNow?: boolean;
}

async function scheduleAction(urls: string[], flags: ScheduleFlags): Promise<number> {
  const { AuditScheduler, ScheduleError } = await import('../schedule/scheduler.js');
  try {
    if (flags.webhook && !hostKey(flags.webhook)) throw new CliUsageError(`参数 --webhook 无效：“${flags.webhook}”不是 http(s) 网址`);
    // Reuse the audit command's flag validation so both commands accept the same values, and load the config
    // now: a typo must stop the scheduler at once, not fail every night.
    const { parseAuditFlags } = await import('../../crawler/cli/audit-command.js');
    const { loadConfig } = await import('../../crawler/config/load-config.js');
    const { options } = parseAuditFlags(urls[0] ?? '', { out: flags.out, maxPages: flags.maxPages, concurrency: flags.concurrency, rate: flags.rate, render: flags.render });
    const config = await loadConfig(flags.config);
    const formats = flags.format ? parseFormats(flags.format) : config.report.formats;
    const webhook = flags.webhook ?? config.report.webhook;
    const { url: _url, outDir: _out, configFile: _file, ...auditOptions } = options;
    const { runAudit } = await import('../../crawler/audit.js');
    const stopping = new AbortController();
    const scheduler = new AuditScheduler({
      cron: flags.cron,
      urls,
      // The scheduler writes reports and history itself, into its own data dir; Ctrl-C aborts a running audit.
      runAudit: (o) => runAudit({ ...(o as typeof options), config, reports: false, signal: stopping.signal }),
      auditOptions,
      outDir: path.resolve(flags.out),
      dataDir: flags.dataDir ?? config.report.dataDir,
      formats: formats.filter((f) => f !== 'json') as ('html' | 'xlsx' | 'csv')[],
      evidence: flags.evidence,
      webhook,
    });
    scheduler.start();
    if (flags.runNow) void scheduler.tick();
    await new Promise<void>((resolve) => {
      const stop = () => {
        scheduler.stop();
        stopping.abort();
        stdio.err('定时审计已停止');
        resolve();
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    return 0;
  } catch (err) {
    const usage = err instanceof CliUsageError || err instanceof ScheduleError || (err as Error)?.name === 'UsageError' || (err as Error)?.name === 'ConfigError';
    stdio.err(`错误：${err instanceof Error ? err.message : String(err)}`);
    return usage ? 2 : 1;
  }
}

async function serveAction(flags: { port: string; host: string; token?: string; dataDir?: string; allowOrigin?: string[] }): Promise<number> {
  const allowOrigins = flags.allowOrigin ?? [];
  const { startServer, ServeError } = await import('../server/server.js');
  if (!/^\d+$/.test(flags.port) || Number(flags.port) > 65535) {
    stdio.err(`错误：参数 --port 无效：“${flags.port}”`);
    return 2;
  }
  for (const o of allowOrigins) {
    if (!/^[a-z][a-z0-9+.-]*:\/\/[^/\s]+$/i.test(o)) {
      stdio.err(`错误：参数 --allow-origin 无效：“${o}”（应形如 https://example.gov.cn，不带路径）`);
      return 2;
    }
  }
  try {
    const srv = await startServer({
      dataDir: flags.dataDir ?? DEFAULT_DATA_DIR,
      port: Number(flags.port),
      host: flags.host,
      token: flags.token ?? process.env.GONGKAI_TOKEN,
      allowOrigins,
    });
    stdio.out(`监管看板已启动：${srv.url}/${flags.token || process.env.GONGKAI_TOKEN ? '（需要访问令牌）' : ''}`);
    stdio.out('按 Ctrl-C 停止');
    await new Promise<void>((resolve) => {
      const stop = () => void srv.close().then(resolve);
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    stdio.out('服务已停止');
    return 0;
  } catch (err) {
    stdio.err(`错误：${err instanceof Error ? err.message : String(err)}`);
    return err instanceof ServeError ? 2 : 1;
  }
}

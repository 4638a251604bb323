// `gongkai audit <url>`: flags → runAudit, progress on a TTY (plain lines otherwise), exit codes per contract:
// 0 done, 1 --fail-on hit, 2 bad usage/config, 3 site not auditable (130 interrupted, journal kept).
import type { Command } from 'commander';
import { SEVERITIES, SEVERITY_LABEL_ZH, SEVERITY_RANK, type Severity } from '../../reports/audit-schema.js';
import { RuleConfigError } from '../../rules/engine/rule-runner.js';
import { AuditInterruptedError, OutputError, SiteUnreachableError, UsageError } from '../audit-errors.js';
import type { AuditOptions } from '../audit.js';
import { ConfigError, loadConfig } from '../config/load-config.js';
import { createProgressReporter } from './progress.js';
import { normalizeUrl } from '../url/normalize.js';
import { isIsoDate } from '../../reports/time.js';

export const EXIT = { ok: 0, failOn: 1, usage: 2, unreachable: 3, interrupted: 130 } as const;

const FORMATS = ['json', 'html', 'xlsx', 'csv'] as const;
type Format = (typeof FORMATS)[number];

export interface AuditFlags {
  config?: string;
  out: string;
  asOf?: string;
  maxPages?: string;
  concurrency?: string;
  rate?: string;
  resume?: boolean;
  render?: boolean;
  failOn?: string;
  format?: string;
  evidence?: boolean;
  /** false with --no-cache. */
  cache?: boolean;
}

function int(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value.trim()) || Number(value) <= 0) throw new UsageError(`参数 ${flag} 无效：“${value}”不是正整数`, flag);
  return Number(value);
}

function positive(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!/^\d+(\.\d+)?$/.test(value.trim()) || !(n > 0)) throw new UsageError(`参数 ${flag} 无效：“${value}”不是大于 0 的数字`, flag);
  return n;
}

/** Flags → audit options; throws UsageError naming the flag. */
export function parseAuditFlags(url: string, flags: AuditFlags): { options: AuditOptions; failOn?: Severity } {
  let failOn: Severity | undefined;
  if (flags.failOn !== undefined) {
    const value = flags.failOn.trim().toLowerCase();
    if (!(SEVERITIES as readonly string[]).includes(value)) {
      throw new UsageError(`参数 --fail-on 无效：“${flags.failOn}”（可选：${SEVERITIES.join('、')}）`, '--fail-on');
    }
    failOn = value as Severity;
  }
  let formats: Format[] | undefined;
  if (flags.format !== undefined) {
    const list = flags.format.split(',').map((s) => s.trim().toLowerCase()).filter(Boolean);
    const bad = list.find((f) => !(FORMATS as readonly string[]).includes(f));
    if (bad !== undefined || list.length === 0) {
      throw new UsageError(`参数 --format 无效：“${bad ?? flags.format}”（可选：${FORMATS.join(',')}）`, '--format');
    }
    formats = [...new Set(list)] as Format[];
  }
  if (flags.asOf !== undefined && !isIsoDate(flags.asOf)) {
    throw new UsageError(`参数 --as-of 无效：“${flags.asOf}”不是 YYYY-MM-DD 格式的有效日期`, '--as-of');
  }
  if (!normalizeUrl(url)) throw new UsageError(`网址无效：“${url}”（应为 http:// 或 https:// 开头的完整网址）`, 'url');
  const options: AuditOptions = {
    url,
    configFile: flags.config,
    outDir: flags.out,
    asOf: flags.asOf,
    maxPages: int(flags.maxPages, '--max-pages'),
    concurrency: int(flags.concurrency, '--concurrency'),
    rate: positive(flags.rate, '--rate'),
    resume: flags.resume,
    render: flags.render,
    formats,
    evidence: flags.evidence,
    cache: flags.cache !== false,
  };
  return { options, failOn };
}

/** Exit code and zh-CN message of an audit failure. */
export function exitFor(error: unknown): { code: number; message: string } {
  if (error instanceof UsageError || error instanceof ConfigError || error instanceof RuleConfigError) return { code: EXIT.usage, message: error.message };
  if (error instanceof OutputError) return { code: EXIT.usage, message: `${error.message}（请检查 --out 指定的目录）` };
  if (error instanceof SiteUnreachableError) return { code: EXIT.unreachable, message: error.message };
  if (error instanceof AuditInterruptedError) return { code: EXIT.interrupted, message: error.message };
  const err = error as Error;
  return { code: EXIT.unreachable, message: `审计失败：${err?.message ?? String(error)}` };
}

export async function runAuditCommand(url: string, flags: AuditFlags): Promise<number> {
  let parsed: ReturnType<typeof parseAuditFlags>;
  try {
    parsed = parseAuditFlags(url, flags);
  } catch (error) {
    const { code, message } = exitFor(error);
    process.stderr.write(`错误：${message}\n`);
    return code;
  }
  try {
    // Validate the config before loading the audit machinery, so a typo is reported at once.
    parsed.options.config = await loadConfig(flags.config);
    delete parsed.options.configFile;
  } catch (error) {
    const { code, message } = exitFor(error);
    process.stderr.write(`错误：${message}\n`);
    return code;
  }
  const controller = new AbortController();
  let stops = 0;
  const onSignal = () => {
    stops++;
    if (stops === 1) {
      process.stderr.write('\n正在停止（再按一次 Ctrl-C 立即退出），进度已保存，可使用 --resume 继续……\n');
      controller.abort();
    } else {
      process.exit(EXIT.interrupted);
    }
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  const reporter = createProgressReporter(process.stderr);
  try {
    // Loaded on demand: Crawlee and the rule packs are heavy, and --help or a usage error need none of them.
    const { runAuditDetailed } = await import('../audit.js');
    const run = await runAuditDetailed({
      ...parsed.options,
      signal: controller.signal,
      onProgress: reporter.update,
      onLog: (message) => reporter.log(message),
    });
    reporter.stop();
    const { audit } = run;
    const counts = SEVERITIES.map((s) => `${SEVERITY_LABEL_ZH[s]} ${audit.findings.filter((f) => f.severity === s).length}`).join('，');
    process.stdout.write(
      `审计完成：抓取 ${audit.audit.pagesCrawled} 个页面，检查 ${audit.audit.linksChecked ?? 0} 个链接，发现 ${audit.findings.length} 个问题（${counts}）\n`,
    );
    if (audit.audit.truncated) process.stdout.write('注意：抓取达到页数或深度上限，部分页面未审计\n');
    process.stdout.write(`结果文件：${run.findingsPath}\n`);
    for (const file of run.reportFiles.filter((f) => f !== run.findingsPath)) process.stdout.write(`报告：${file}\n`);
    if (parsed.failOn) {
      const threshold = SEVERITY_RANK[parsed.failOn];
      const hits = audit.findings.filter((f) => SEVERITY_RANK[f.severity] >= threshold).length;
      if (hits > 0) {
        process.stderr.write(`存在 ${hits} 个“${SEVERITY_LABEL_ZH[parsed.failOn]}”及以上级别的问题（--fail-on ${parsed.failOn}）\n`);
        return EXIT.failOn;
      }
    }
    return EXIT.ok;
  } catch (error) {
    reporter.stop();
    const { code, message } = exitFor(error);
    process.stderr.write(`错误：${message}\n`);
    return code;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

export function registerAuditCommand(program: Command): void {
  program
    .command('audit')
    .description('审计一个政府网站：抓取页面、检查链接、运行规则，输出 findings.json 和报告')
    .argument('<url>', '要审计的网站首页网址（http:// 或 https://）')
    .option('-c, --config <file>', '配置文件（JSON 或 YAML）')
    .option('-o, --out <dir>', '输出目录', './gongkai-report')
    .option('--as-of <date>', '基准日期 YYYY-MM-DD，所有时间类规则以此为准（默认：今天，北京时间）')
    .option('--max-pages <n>', '最多抓取的页面数')
    .option('--concurrency <n>', '同时抓取的页面数（默认 8）')
    .option('--rate <n>', '对每个主机每秒最多请求数（默认 4）')
    .option('--resume', '继续上次中断的审计（读取输出目录中的进度）')
    .option('--render', '用无头浏览器渲染页面（适用于列表由脚本生成的网站）')
    .option('--fail-on <severity>', '存在该级别及以上的问题时以退出码 1 结束（critical、serious、moderate、minor）')
    .option('--format <list>', '报告格式，逗号分隔（json,html,xlsx,csv）')
    .option('--evidence', '为有问题的页面截图留证')
    .option('--no-cache', '不使用增量缓存（默认会复用上次审计未变化的页面和链接检查结果，缓存位于数据目录 .gongkai/）')
    .helpOption('-h, --help', '显示帮助')
    .addHelpText(
      'after',
      '\n退出码：0 审计完成；1 使用 --fail-on 且存在该级别及以上的问题；2 参数或配置错误；3 网站无法审计（起始网址无法访问）；130 被 Ctrl-C 中断（进度已保存，可用 --resume 继续）\n' +
        '示例：gongkai audit https://jtt.jl.gov.cn/ --out ./报告 --max-pages 500 --fail-on serious',
    )
    .action(async (url: string, flags: AuditFlags) => {
      // Exit explicitly: keep-alive sockets or a browser must not hold the process open after the audit.
      process.exit(await runAuditCommand(url, flags));
    });
}

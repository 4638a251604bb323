// Commander prints its usage errors in English; our commands show them in zh-CN.
// Commander shares one output configuration between a program and its subcommands, so whatever is configured
// last wins for every command: this translator therefore covers every message, falling back to the audit
// command's translator for the ones it does not know.
import type { Command } from 'commander';
import { translateCommanderError as translateAuditError } from '../../crawler/cli/commander-zh.js';

const PATTERNS: [RegExp, (...m: string[]) => string][] = [
  [/missing required argument '([^']+)'/, (a) => `缺少必需的参数 ${a}`],
  [/option '([^']+)' argument missing/, (o) => `选项 ${o} 缺少取值`],
  [/required option '([^']+)' not specified/, (o) => `缺少必需的选项 ${o}`],
  [/unknown option '([^']+)'/, (o) => `未知选项 ${o}`],
  [/too many arguments(?: for '([^']+)')?/, (c) => (c ? `命令 ${c} 的参数过多` : '参数过多')],
  [/unknown command '([^']+)'/, (c) => `未知命令 ${c}`],
];

export function translateCommanderError(text: string): string {
  for (const [re, fn] of PATTERNS) {
    const m = re.exec(text);
    if (m) return `错误：${fn(...m.slice(1))}（使用 --help 查看用法）\n`;
  }
  return translateAuditError(text);
}

export function zhOutput(cmd: Command): Command {
  return cmd.allowExcessArguments(false).configureOutput({ outputError: (str, write) => write(translateCommanderError(str)) });
}

// Commander prints its usage errors in English; our commands show them in zh-CN.
import type { Command } from 'commander';

const PATTERNS: [RegExp, (...m: string[]) => string][] = [
  [/missing required argument '([^']+)'/, (a) => `缺少必需的参数 ${a}`],
  [/option '([^']+)' argument missing/, (o) => `选项 ${o} 缺少取值`],
  [/required option '([^']+)' not specified/, (o) => `缺少必需的选项 ${o}`],
  [/unknown option '([^']+)'/, (o) => `未知选项 ${o}`],
  [/too many arguments(?: for '([^']+)')?/, () => '参数过多'],
];

export function translateCommanderError(text: string): string {
  for (const [re, fn] of PATTERNS) {
    const m = re.exec(text);
    if (m) return `错误：${fn(...m.slice(1))}（使用 --help 查看用法）\n`;
  }
  return text;
}

export function zhOutput(cmd: Command): Command {
  return cmd.configureOutput({ outputError: (str, write) => write(translateCommanderError(str)) });
}

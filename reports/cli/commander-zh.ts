// Commander prints its usage errors in English; our commands show them in zh-CN.
// Commander shares one output configuration between a program and its subcommands, so whatever is configured
// last wins for every command: this translator therefore covers every message, falling back to the audit
// command's translator for the ones it does not know.
import { Help, type Argument, type Command, type HelpConfiguration, type Option } from 'commander';
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

const EXTRA_ZH: Record<string, string> = { choices: '可选', default: '默认', preset: '预设', env: '环境变量' };

/** Commander's "(default: x, env: Y)" suffix of an option or argument description, in zh-CN. */
export function zhDescriptionExtras(text: string): string {
  return text.replace(/ \(((?:choices|default|preset|env): .*)\)$/s, (_, inner: string) =>
    `（${inner.replace(/(^|, )(choices|default|preset|env): /g, (_m, sep: string, key: string) => `${sep ? '，' : ''}${EXTRA_ZH[key]}：`)}）`,
  );
}

const HEADINGS: [RegExp, string][] = [
  [/^Usage: /m, '用法：'],
  [/^Arguments:$/m, '参数：'],
  [/^Options:$/m, '选项：'],
  [/^Global Options:$/m, '全局选项：'],
  [/^Commands:$/m, '命令：'],
];

/** Help text in zh-CN: commander's section headings and default-value notes are English literals. */
export const zhHelp: HelpConfiguration = {
  formatHelp(this: Help, cmd: Command, helper: Help): string {
    return HEADINGS.reduce((text, [re, zh]) => text.replace(re, zh), Help.prototype.formatHelp.call(this, cmd, helper));
  },
  optionDescription(this: Help, option: Option): string {
    return zhDescriptionExtras(Help.prototype.optionDescription.call(this, option));
  },
  argumentDescription(this: Help, argument: Argument): string {
    return zhDescriptionExtras(Help.prototype.argumentDescription.call(this, argument));
  },
};

export function zhOutput(cmd: Command): Command {
  return cmd
    .allowExcessArguments(false)
    .configureHelp(zhHelp)
    .configureOutput({ outputError: (str, write) => write(translateCommanderError(str)) });
}

// Commander's usage errors in zh-CN (it only speaks English).
const PATTERNS: [RegExp, (...m: string[]) => string][] = [
  [/unknown option '([^']+)'/, (o) => `未知的选项 ${o}`],
  [/missing required argument '([^']+)'/, (a) => `缺少参数 <${a}>`],
  [/option '([^']+)' argument missing/, (o) => `选项 ${o} 缺少取值`],
  [/too many arguments(?: for '([^']+)')?/, () => '参数过多'],
  [/unknown command '([^']+)'/, (c) => `未知的命令 ${c}`],
];

export function translateCommanderError(text: string): string {
  for (const [pattern, zh] of PATTERNS) {
    const m = pattern.exec(text);
    if (m) return `错误：${zh(...m.slice(1))}（使用 --help 查看用法）\n`;
  }
  return text.replace(/^error:/, '错误：');
}

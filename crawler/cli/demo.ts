// npm run demo: serves the built-in demo site on 127.0.0.1, audits it (politeness lifted: it is our own
// loopback server), prints where findings.json and the HTML report are, stops the server.
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { isIsoDate, shanghaiDate } from '../../reports/time.js';
import { startDemoSite } from '../../test/demo-site/index.js';
import { demoNewMediaConfig } from '../../test/demo-site/sections/newmedia-config.js';
import { runAuditDetailed } from '../audit.js';
import { exitFor } from './audit-command.js';
import { createProgressReporter } from './progress.js';

// npm run demo -- [DIR] [--as-of YYYY-MM-DD]: the demo's dates are relative to the reference date, so a fixed
// --as-of reproduces an earlier demo report exactly.
let args;
try {
  args = parseArgs({ args: process.argv.slice(2), allowPositionals: true, options: { 'as-of': { type: 'string' } } });
} catch (error) {
  process.stderr.write(`错误：参数无效（用法：npm run demo -- [输出目录] [--as-of YYYY-MM-DD]）：${(error as Error).message}\n`);
  process.exit(2);
}
const outDir = resolve(args.positionals[0] ?? 'gongkai-demo-report');
const asOf = args.values['as-of'] ?? shanghaiDate();
if (!isIsoDate(asOf)) {
  process.stderr.write(`错误：参数 --as-of 无效：“${asOf}”不是 YYYY-MM-DD 格式的有效日期\n`);
  process.exit(2);
}
const site = await startDemoSite({ asOf, port: 0 });
process.stdout.write(`演示网站已启动：${site.url}\n正在审计（基准日期 ${asOf}）……\n`);
const reporter = createProgressReporter(process.stderr);
let code = 0;
try {
  const run = await runAuditDetailed({
    url: site.url,
    outDir,
    asOf,
    polite: false,
    config: { newMedia: demoNewMediaConfig(site), report: { dataDir: resolve(outDir, '.gongkai'), formats: ['json', 'html', 'xlsx', 'csv'] } },
    recheckDelayMs: 200,
    onProgress: reporter.update,
    onLog: (m) => reporter.log(m),
  });
  reporter.stop();
  const a = run.audit;
  process.stdout.write(`审计完成：${a.audit.pagesCrawled} 个页面，${a.findings.length} 个问题\n`);
  process.stdout.write(`结果文件（findings.json）：${run.findingsPath}\n`);
  const html = run.reportFiles.find((f) => f.endsWith('.html'));
  if (html) process.stdout.write(`HTML 报告：${html}\n`);
  for (const w of run.warnings) process.stdout.write(`提示：${w}\n`);
} catch (error) {
  reporter.stop();
  const { code: exit, message } = exitFor(error);
  process.stderr.write(`错误：${message}\n`);
  code = exit;
} finally {
  await site.close();
}
process.exit(code);

// Serves the demo site until Ctrl-C: npx tsx test/demo-site/serve.ts [--as-of YYYY-MM-DD] [--port N] [--stale-home] [--gbk|--utf8]
import { startDemoSite } from './index.js';

function todayShanghai(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}

const args = process.argv.slice(2);
const value = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const asOf = value('--as-of') ?? todayShanghai();
const port = value('--port') ? Number(value('--port')) : 0;
try {
  const site = await startDemoSite({ asOf, port, staleHome: args.includes('--stale-home'), gbk: args.includes('--gbk') ? true : args.includes('--utf8') ? false : undefined });
  console.log(`演示站点已启动：${site.url}`);
  console.log(`基准日期：${asOf}；页面数：${[...site.routes.values()].filter((r) => r.headers['content-type']?.startsWith('text/html')).length}；预置问题：${site.groundTruth.expected.length} 个`);
  console.log('按 Ctrl+C 停止。');
  const stop = async () => {
    await site.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
} catch (err) {
  console.error(`演示站点启动失败：${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
}

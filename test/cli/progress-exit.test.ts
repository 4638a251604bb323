// The progress display (a bar on a terminal: pages done/total, rate, errors, ETA; plain lines otherwise) and the
// exit code of every kind of audit failure (0/1/2/3 contract; 130 for Ctrl-C).
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { AuditInterruptedError, OutputError, SiteUnreachableError, UsageError } from '../../crawler/audit-errors.js';
import { EXIT, exitFor } from '../../crawler/cli/audit-command.js';
import { createProgressReporter } from '../../crawler/cli/progress.js';
import { ConfigError } from '../../crawler/config/load-config.js';

function stream(tty: boolean) {
  const s = new PassThrough() as PassThrough & { isTTY?: boolean; columns?: number; cursorTo?: unknown; clearLine?: unknown; moveCursor?: unknown };
  let text = '';
  s.on('data', (d) => (text += d));
  if (tty) {
    s.isTTY = true;
    s.columns = 160;
    s.cursorTo = (_x: number, _y?: unknown, cb?: () => void) => (cb?.(), true);
    s.clearLine = (_d: number, cb?: () => void) => (cb?.(), true);
    s.moveCursor = (_x: number, _y: number, cb?: () => void) => (cb?.(), true);
  }
  return { s: s as unknown as NodeJS.WriteStream, text: () => text };
}

describe('progress display', () => {
  it('on a terminal: a bar with pages done/total, rate, errors, ETA and the links checked', () => {
    const { s, text } = stream(true);
    const r = createProgressReporter(s);
    r.update({ phase: 'crawl', done: 3, queued: 7, errors: 1 });
    r.update({ phase: 'links', done: 10, queued: 0, errors: 2, linksChecked: 42 });
    r.stop();
    const out = text();
    expect(out).toMatch(/抓取页面 \[.*\] 3\/10 页 \| [\d.]+ 页\/秒 \| 错误 1 \| 剩余 /);
    expect(out).toMatch(/检查链接 \[.*\] 10\/10 页 \| [\d.]+ 页\/秒 \| 错误 2 \| 已检查链接 42 \| 剩余 /);
  });

  it('elsewhere: plain zh-CN log lines, one per phase change or interval', () => {
    const { s, text } = stream(false);
    const r = createProgressReporter(s, 60_000);
    r.update({ phase: 'crawl', done: 1, queued: 4, errors: 0 });
    r.update({ phase: 'crawl', done: 2, queued: 3, errors: 0 }); // within the interval: no line
    r.update({ phase: 'links', done: 5, queued: 0, errors: 1, linksChecked: 9 });
    r.log('提示：测试');
    const lines = text().trim().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^\[抓取页面\] 已完成 1 页，待抓取 4 页，[\d.]+ 页\/秒，错误 0$/);
    expect(lines[1]).toMatch(/^\[检查链接\] 已完成 5 页，待抓取 0 页，[\d.]+ 页\/秒，错误 1，已检查链接 9$/);
    expect(text()).not.toMatch(/\x1b\[/);
  });
});

describe('exit codes', () => {
  it('maps each failure to the contract', () => {
    expect(exitFor(new UsageError('参数 --rate 无效', '--rate')).code).toBe(EXIT.usage);
    expect(exitFor(new ConfigError('配置项 crawl.rate 无效', 'crawl.rate')).code).toBe(EXIT.usage);
    expect(exitFor(new OutputError('无法写入')).code).toBe(EXIT.usage);
    expect(exitFor(new SiteUnreachableError('无法访问起始网址', 'http://x/')).code).toBe(EXIT.unreachable);
    expect(exitFor(new AuditInterruptedError()).code).toBe(130);
    // An unexpected error means the site was not audited: 3, with a zh-CN lead.
    const bug = exitFor(new TypeError('boom'));
    expect(bug.code).toBe(3);
    expect(bug.message).toMatch(/^审计失败：boom/);
    expect([EXIT.ok, EXIT.failOn, EXIT.usage, EXIT.unreachable]).toEqual([0, 1, 2, 3]);
  });
});

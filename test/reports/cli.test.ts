import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { diffAction, historyAction, reportAction, waiveAction, type Io } from '../../reports/cli/report-actions.js';
import { Command } from 'commander';
import { translateCommanderError, zhDescriptionExtras, zhHelp } from '../../reports/cli/commander-zh.js';
import { registerReportCommands } from '../../reports/cli/report-commands.js';
import { recordAudit } from '../../reports/history/record-audit.js';
import { FIXTURE, loadFixture } from './load-fixture.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gk-cli-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function io(): Io & { lines: string[]; errors: string[] } {
  const lines: string[] = [];
  const errors: string[] = [];
  return { lines, errors, out: (l) => lines.push(l), err: (l) => errors.push(l) };
}

describe('report/history/diff/waive actions', () => {
  it('report writes the chosen formats and rejects bad input with exit 2', async () => {
    const a = io();
    const dataDir = path.join(dir, 'rep-data');
    expect(await reportAction(FIXTURE, { out: path.join(dir, 'r'), format: 'csv,html', dataDir }, a)).toBe(0);
    expect(fs.readdirSync(path.join(dir, 'r')).sort()).toEqual(['report.csv', 'report.html']);
    expect(a.lines[0]).toContain('已生成报告');
    // the audit joins the history, once however often it is rendered
    expect(await reportAction(FIXTURE, { out: path.join(dir, 'r'), format: 'html', dataDir }, io())).toBe(0);
    const h = io();
    expect(historyAction({ dataDir, json: true }, h)).toBe(0);
    expect(JSON.parse(h.lines[0]!).map((x: { id: string }) => x.id)).toEqual([loadFixture().audit.id]);
    expect(await reportAction(FIXTURE, { out: path.join(dir, 'r2'), format: 'html', dataDir: path.join(dir, 'none'), history: false }, io())).toBe(0);
    expect(fs.existsSync(path.join(dir, 'none'))).toBe(false);
    const b = io();
    expect(await reportAction(FIXTURE, { format: 'pdf', dataDir }, b)).toBe(2);
    expect(b.errors[0]).toMatch(/参数 --format 无效：“pdf”/);
    const bad = path.join(dir, 'bad.json');
    fs.writeFileSync(bad, JSON.stringify({ schemaVersion: 1, findings: [] }));
    const c = io();
    expect(await reportAction(bad, { dataDir }, c)).toBe(2);
    expect(c.errors[0]).toMatch(/格式不符合 findings.json 规范：字段 tool 无效输入/);
    fs.writeFileSync(bad, '{');
    expect(await reportAction(bad, { dataDir }, io())).toBe(2);
  });

  it('history, diff and waive work against the store', async () => {
    const dataDir = path.join(dir, 'data');
    const base = loadFixture();
    const older = { ...base, audit: { ...base.audit, id: 'old', startedAt: '2024-01-01T00:00:00.000Z' }, findings: base.findings.slice(0, 5) };
    await recordAudit(older, { dataDir });
    await recordAudit(base, { dataDir });
    const h = io();
    expect(historyAction({ dataDir }, h)).toBe(0);
    expect(h.lines[0]).toBe('共 2 次审计（最新在前）：');
    expect(h.lines[2]).toContain(base.audit.id);
    expect(h.lines[2]).toContain('不合格');
    const d = io();
    expect(diffAction('old', base.audit.id, { dataDir }, d)).toBe(0);
    expect(d.lines[0]).toContain('新增 11 条，已整改 0 条，仍存在 5 条');
    const d2 = io();
    expect(diffAction('old', FIXTURE, { dataDir }, d2)).toBe(0);
    expect(d2.lines[0]).toContain('新增 11 条');
    expect(diffAction('old', 'missing-audit', { dataDir }, io())).toBe(2);
    const w = io();
    expect(waiveAction(base.findings[0]!.id, { reason: '已列入改版计划', until: '2099-12-31', by: '赵六', dataDir }, w)).toBe(0);
    expect(w.lines[0]).toContain('有效期至 2099-12-31');
    const bad = io();
    expect(waiveAction(base.findings[0]!.id, { reason: 'x', until: '2099/12/31', dataDir }, bad)).toBe(2);
    expect(bad.errors[0]).toMatch(/--until 无效/);
    expect(waiveAction('no-such-id', { reason: 'x', until: '2099-12-31', dataDir }, io())).toBe(2);
    expect(historyAction({ dataDir: path.join(dir, 'empty') }, io())).toBe(0);
  });

  it('translates commander usage errors', () => {
    expect(translateCommanderError("error: missing required argument 'findings'")).toMatch(/^错误：缺少必需的参数 findings/);
    expect(translateCommanderError("error: unknown option '--bogus'")).toMatch(/未知选项 --bogus/);
    expect(translateCommanderError("error: unknown command 'nosuch'")).toMatch(/^错误：未知命令 nosuch/);
    expect(translateCommanderError("error: too many arguments for 'history'. Expected 0 arguments but got 1.")).toMatch(/^错误：命令 history 的参数过多/);
  });
});

describe('zh-CN help', () => {
  it('translates headings and default-value notes of every command', () => {
    const program = new Command('gongkai').configureHelp(zhHelp);
    registerReportCommands(program);
    for (const cmd of program.commands) {
      const text = cmd.helpInformation();
      expect(text).toMatch(/^用法：gongkai /);
      expect(text).toContain('\n选项：\n');
      expect(text).not.toMatch(/Usage:|Options:|Arguments:|default:/);
    }
    const schedule = program.commands.find((c) => c.name() === 'schedule')!.helpInformation();
    expect(schedule).toContain('（默认："gongkai-reports"）');
    expect(program.helpInformation()).toContain('\n命令：\n');
    expect(zhDescriptionExtras('端口 (default: "7070", env: PORT)')).toBe('端口（默认："7070"，环境变量：PORT）');
    expect(zhDescriptionExtras('无附注')).toBe('无附注');
  });
});

describe('gongkai binary', () => {
  const run = (args: string[]) =>
    new Promise<{ status: number | null; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, ['bin/gongkai.js', ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (d) => (stderr += d));
      child.on('exit', (status) => resolve({ status, stderr }));
    });
  it('exits 2 with a zh-CN message on bad usage, whatever command registered its output last', async () => {
    const [waive, unknown, excess] = await Promise.all([run(['waive', 'abc', '--reason', 'x']), run(['nosuch']), run(['history', 'extra'])]);
    expect(waive.status).toBe(2);
    expect(waive.stderr).toContain('缺少必需的选项 --until');
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/^错误：未知命令 nosuch/);
    expect(excess.status).toBe(2);
    expect(excess.stderr).toMatch(/^错误：命令 history 的参数过多/);
    for (const r of [waive, unknown, excess]) expect(r.stderr).not.toMatch(/error:|unknown|too many/i);
  }, 60_000);
});

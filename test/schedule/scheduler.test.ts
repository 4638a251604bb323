import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { AuditResult, Finding } from '../../reports/audit-schema.js';
import { AuditScheduler, ScheduleError, type RunAuditFn } from '../../reports/schedule/scheduler.js';
import { postWebhook } from '../../reports/schedule/webhook.js';
import { HistoryStore } from '../../reports/history/history-store.js';
import { loadFixture } from '../reports/load-fixture.js';

const base = loadFixture();
const dirs: string[] = [];
const servers: http.Server[] = [];
afterEach(async () => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});
function tmp(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'gk-sched-'));
  dirs.push(d);
  return d;
}
function f(id: string, severity: Finding['severity']): Finding {
  return { id, rule: 'privacy/id-number', severity, url: `http://jtt.jl.gov.cn/p/${id}.html`, message: `问题 ${id}`, evidence: {} };
}
let n = 0;
function makeAudit(url: string, findings: Finding[]): AuditResult {
  n++;
  const t = new Date(Date.UTC(2024, 0, 1, 0, n)).toISOString();
  return { ...base, audit: { ...base.audit, id: `run-${n}`, site: url, startedAt: t, finishedAt: t }, findings };
}

/** A local webhook receiver that fails the first `failures` requests with 500. */
async function receiver(failures: number): Promise<{ url: string; bodies: unknown[]; hits: () => number }> {
  const bodies: unknown[] = [];
  let hits = 0;
  const server = http.createServer((req, res) => {
    let data = '';
    req.on('data', (c) => (data += c));
    req.on('end', () => {
      hits++;
      if (hits <= failures) {
        res.writeHead(500).end();
        return;
      }
      bodies.push(JSON.parse(data));
      res.writeHead(204).end();
    });
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, bodies, hits: () => hits };
}

const fixedNow = () => new Date('2024-03-15T18:00:00Z');

describe('AuditScheduler', () => {
  it('validates its input in zh-CN', () => {
    const runAudit: RunAuditFn = async () => base;
    expect(() => new AuditScheduler({ cron: 'not a cron', urls: ['http://a.gov.cn/'], runAudit, outDir: tmp(), dataDir: tmp() })).toThrow(ScheduleError);
    expect(() => new AuditScheduler({ cron: '0 2 * * *', urls: ['ftp://a'], runAudit, outDir: tmp(), dataDir: tmp() })).toThrow(/网址无效/);
  });

  it('computes the next run in Asia/Shanghai and logs with Shanghai timestamps', () => {
    const lines: string[] = [];
    const s = new AuditScheduler({ cron: '0 2 * * *', urls: ['http://jtt.jl.gov.cn/'], runAudit: async () => base, outDir: tmp(), dataDir: tmp(), log: (l) => lines.push(l), now: fixedNow });
    s.start();
    try {
      const next = s.nextRun()!;
      expect(new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit', hour12: false }).format(next)).toBe('02:00');
      expect(lines[0]).toMatch(/^\[2024-03-16 02:00:00\] 定时审计已启动（0 2 \* \* \*，北京时间）/);
    } finally {
      s.stop();
    }
    expect(s.nextRun()).toBeNull();
  });

  it('never runs two audits of one site at once, and survives a failed audit', async () => {
    const lines: string[] = [];
    let release!: () => void;
    let calls = 0;
    const runAudit: RunAuditFn = async ({ url }) => {
      calls++;
      if (calls === 1) {
        await new Promise<void>((r) => (release = r));
        return makeAudit(url, [f('a', 'critical')]);
      }
      if (calls === 2) throw new Error('站点无法访问');
      return makeAudit(url, [f('a', 'critical')]);
    };
    const dataDir = tmp();
    const s = new AuditScheduler({ cron: '0 2 * * *', urls: ['http://jtt.jl.gov.cn/'], runAudit, outDir: tmp(), dataDir, log: (l) => lines.push(l), now: fixedNow, formats: [] });
    const first = s.runSite('http://jtt.jl.gov.cn/');
    const second = await s.runSite('http://JTT.jl.gov.cn/index.html');
    expect(second.status).toBe('skipped');
    expect(lines.some((l) => l.includes('跳过 http://JTT.jl.gov.cn/index.html：上一次审计仍在进行'))).toBe(true);
    release();
    expect((await first).status).toBe('done');
    const failed = await s.runSite('http://jtt.jl.gov.cn/');
    expect(failed).toMatchObject({ status: 'failed', error: '站点无法访问' });
    expect(lines.some((l) => /审计失败 .*站点无法访问/.test(l))).toBe(true);
    const third = await s.tick();
    expect(third[0]?.status).toBe('done');
    expect(calls).toBe(3);
    const store = HistoryStore.open(dataDir);
    try {
      expect(store.listAudits()).toHaveLength(2);
    } finally {
      store.close();
    }
  });

  it('notifies the webhook of new critical/serious findings only, retrying failures', async () => {
    const hook = await receiver(2);
    const lines: string[] = [];
    let findings = [f('a', 'critical'), f('b', 'minor')];
    const s = new AuditScheduler({
      cron: '0 2 * * *',
      urls: ['http://jtt.jl.gov.cn/'],
      runAudit: async ({ url }) => makeAudit(url, findings),
      outDir: tmp(),
      dataDir: tmp(),
      webhook: hook.url,
      webhookOptions: { baseDelayMs: 5 },
      log: (l) => lines.push(l),
      now: fixedNow,
      formats: ['html'],
    });
    const r1 = await s.runSite('http://jtt.jl.gov.cn/');
    expect(r1.status === 'done' && r1.webhook).toMatchObject({ ok: true, attempts: 3 });
    expect(hook.bodies).toHaveLength(1);
    const body = hook.bodies[0] as { findings: { id: string }[]; text: string };
    expect(body.findings.map((x) => x.id)).toEqual(['a']);
    expect(body.text).toContain('新增 1 条严重或较重问题');
    expect(r1.status === 'done' && fs.existsSync(path.join(r1.outDir, 'report.html'))).toBe(true);
    // same findings again: nothing new, no notification
    await s.runSite('http://jtt.jl.gov.cn/');
    expect(hook.hits()).toBe(3);
    // a new serious finding is notified
    findings = [f('a', 'critical'), f('c', 'serious')];
    await s.runSite('http://jtt.jl.gov.cn/');
    expect((hook.bodies[1] as { findings: { id: string }[] }).findings.map((x) => x.id)).toEqual(['c']);
  });
});

describe('postWebhook', () => {
  it('gives up after the retries and does not retry a 4xx', async () => {
    const hook = await receiver(100);
    const delays: number[] = [];
    const res = await postWebhook(hook.url, { x: 1 }, { retries: 2, baseDelayMs: 10, sleep: async (ms) => void delays.push(ms) });
    expect(res).toMatchObject({ ok: false, attempts: 3, status: 500 });
    expect(delays).toEqual([10, 20]);
    const server = http.createServer((_req, res) => res.writeHead(400).end());
    servers.push(server);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const bad = await postWebhook(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`, {}, { retries: 3, sleep: async () => undefined });
    expect(bad).toMatchObject({ ok: false, attempts: 1, status: 400 });
    // a closed port: a network error, retried, reported in zh-CN
    const closed = http.createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((r) => closed.close(r));
    const down = await postWebhook(`http://127.0.0.1:${port}/`, {}, { retries: 1, sleep: async () => undefined });
    expect(down).toMatchObject({ ok: false, attempts: 2, error: '通知发送失败：连接被拒绝（ECONNREFUSED）' });
  });
});

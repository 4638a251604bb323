import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditResult } from '../../reports/audit-schema.js';
import { recordAudit } from '../../reports/history/record-audit.js';
import { ServeError, startServer, type RunningServer } from '../../reports/server/server.js';
import { loadFixture } from '../reports/load-fixture.js';

interface Res {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
  json: any;
}

function request(base: string, pathAndQuery: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Res> {
  return new Promise((resolve, reject) => {
    const req = http.request(new URL(pathAndQuery, base), { method: init.method ?? 'GET', headers: init.headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c) => (text += c));
      res.on('end', () => {
        let json: unknown;
        try {
          json = JSON.parse(text);
        } catch {
          json = undefined;
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
      });
    });
    req.on('error', reject);
    if (init.body !== undefined) req.write(init.body);
    req.end();
  });
}

const fixture = loadFixture();
const SITE = fixture.audit.site;
const older: AuditResult = {
  ...fixture,
  audit: { ...fixture.audit, id: 'older-1', asOf: '2024-02-15', startedAt: '2024-02-15T02:00:00.000Z', finishedAt: '2024-02-15T02:30:00.000Z' },
  findings: [...fixture.findings.slice(0, 3), { ...fixture.findings[0]!, id: 'fixed-one', message: '已整改的旧问题' }],
};
const other: AuditResult = { ...fixture, audit: { ...fixture.audit, id: 'other-1', site: 'http://www.jl.gov.cn/' }, findings: [] };

let dataDir: string;
let srv: RunningServer;
let tokenSrv: RunningServer;
const TOKEN = 'secret-token-123';

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gk-srv-'));
  for (const a of [older, fixture, other]) expect((await recordAudit(a, { dataDir })).stored).toBe(true);
  srv = await startServer({ dataDir, port: 0, host: '127.0.0.1', today: () => '2024-03-20', allowOrigins: ['http://localhost:5173'] });
  tokenSrv = await startServer({ dataDir, port: 0, host: '127.0.0.1', token: TOKEN, today: () => '2024-03-20' });
});
afterAll(async () => {
  await srv?.close();
  await tokenSrv?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('binding rules', () => {
  it('refuses a non-loopback host without a token', async () => {
    await expect(startServer({ dataDir, port: 0, host: '0.0.0.0' })).rejects.toThrow(ServeError);
    await expect(startServer({ dataDir, port: 0, host: '0.0.0.0' })).rejects.toThrow(/--token/);
    await expect(startServer({ dataDir, port: 0, host: '127.0.0.1', token: 'short' })).rejects.toThrow(/令牌过短/);
  });
  it('reports a corrupt database at start', async () => {
    const bad = fs.mkdtempSync(path.join(os.tmpdir(), 'gk-srv-bad-'));
    fs.writeFileSync(path.join(bad, 'history.db'), 'garbage'.repeat(500));
    await expect(startServer({ dataDir: bad, port: 0 })).rejects.toThrow(/已损坏/);
    fs.rmSync(bad, { recursive: true, force: true });
  });
});

describe('API', () => {
  it('GET /api/health', async () => {
    const r = await request(srv.url, '/api/health');
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ status: 'ok', audits: 3 });
  });

  it('GET /api/sites lists sites with their latest audit', async () => {
    const r = await request(srv.url, '/api/sites');
    expect(r.json.sites).toHaveLength(2);
    const jtt = r.json.sites.find((s: any) => s.site === SITE);
    expect(jtt).toMatchObject({ audits: 2, latest: { id: fixture.audit.id, total: 16, pass: false, score: 81.7 } });
  });

  it('GET /api/audits lists every audit, newest first', async () => {
    const r = await request(srv.url, '/api/audits');
    expect(r.status).toBe(200);
    expect(r.json.audits.map((a: any) => a.id).sort()).toEqual([fixture.audit.id, 'older-1', 'other-1'].sort());
    expect(r.json.audits[0]).toMatchObject({ bySeverity: expect.any(Object), total: expect.any(Number) });
    expect((await request(srv.url, '/api/audits?site=')).status).toBe(400);
  });

  it('GET /api/audits?site= and /api/audits/latest', async () => {
    const r = await request(srv.url, `/api/audits?site=${encodeURIComponent(SITE)}`);
    expect(r.json.audits.map((a: any) => a.id)).toEqual([fixture.audit.id, 'older-1']);
    const l = await request(srv.url, `/api/audits/latest?site=${encodeURIComponent('http://JTT.jl.gov.cn/index.html')}`);
    expect(l.status).toBe(200);
    expect(l.json.audit.id).toBe(fixture.audit.id);
    expect(l.json.counts).toEqual({ critical: 2, serious: 7, moderate: 4, minor: 3 });
    expect(l.json.verdict.pass).toBe(false);
    expect((await request(srv.url, '/api/audits/latest?site=http://nowhere.gov.cn/')).status).toBe(404);
    const bad = await request(srv.url, '/api/audits/latest?site=not-a-url');
    expect(bad.status).toBe(400);
    expect(bad.json.error).toMatch(/不是有效的 http\(s\) 网址/);
    expect((await request(srv.url, '/api/audits/latest')).json.error).toBe('缺少参数 site');
  });

  it('GET /api/findings?url= matches normalised page urls', async () => {
    const page = 'http://JTT.jl.gov.cn:80/index.html#top';
    const r = await request(srv.url, `/api/findings?url=${encodeURIComponent(page)}`);
    expect(r.status).toBe(200);
    expect(r.json.auditId).toBe(fixture.audit.id);
    expect(r.json.findings.map((f: any) => f.rule)).toEqual(['link/broken']);
    expect(r.json.findings[0]).toMatchObject({ waived: false, lifecycle: 'persisting', selector: 'body > div.main > ul.news-list > li:nth-child(3) > a' });
    const none = await request(srv.url, `/api/findings?url=${encodeURIComponent('http://unknown.gov.cn/a.html')}`);
    expect(none.json.findings).toEqual([]);
    expect((await request(srv.url, '/api/findings')).status).toBe(400);
    expect((await request(srv.url, '/api/findings?url=javascript:alert(1)')).status).toBe(400);
  });

  it('GET /api/findings?site= returns the whole latest audit', async () => {
    const r = await request(srv.url, `/api/findings?site=${encodeURIComponent(SITE)}`);
    expect(r.json.findings).toHaveLength(16);
  });

  it('GET /api/audits/:id/findings.json and report.html', async () => {
    const j = await request(srv.url, `/api/audits/${fixture.audit.id}/findings.json`);
    expect(j.json.audit.id).toBe(fixture.audit.id);
    const h = await request(srv.url, `/api/audits/${fixture.audit.id}/report.html`);
    expect(h.headers['content-type']).toMatch(/text\/html/);
    expect(h.text).toContain('与上次审计对比');
    expect(h.text).toContain('已整改的旧问题');
    expect(h.text).not.toContain('<script>alert(1)');
    expect((await request(srv.url, '/api/audits/nope/report.html')).status).toBe(404);
    const malformed = await request(srv.url, '/api/audits/%E0%A4%A/findings.json');
    expect(malformed.status).toBe(400);
    expect(malformed.json.error).toMatch(/审计编号不是有效的网址编码/);
  });

  it('POST and GET /api/waivers, and waived flags on findings', async () => {
    const id = fixture.findings[0]!.id;
    const body = JSON.stringify({ findingId: id, reason: '链接指向已归档文件，另行处理', until: '2024-06-30', by: '王五' });
    const p = await request(srv.url, '/api/waivers', { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    expect(p.status).toBe(201);
    expect(p.json.waiver).toMatchObject({ findingId: id, until: '2024-06-30', by: '王五' });
    const g = await request(srv.url, `/api/waivers?site=${encodeURIComponent(SITE)}`);
    expect(g.json.waivers.map((w: any) => w.findingId)).toContain(id);
    const f = await request(srv.url, `/api/findings?url=${encodeURIComponent(SITE)}`);
    expect(f.json.findings[0]).toMatchObject({ waived: true, waiver: { reason: '链接指向已归档文件，另行处理' } });
    // bad input
    const post = (b: string, type = 'application/json') => request(srv.url, '/api/waivers', { method: 'POST', headers: { 'content-type': type }, body: b });
    expect((await post('{not json')).status).toBe(400);
    const missing = await post(JSON.stringify({ findingId: id, until: '2024-06-30' }));
    expect(missing.status).toBe(400);
    expect(missing.json.error).toMatch(/reason/);
    expect((await post(JSON.stringify({ findingId: id, reason: 'x', until: '30/06/2024' }))).status).toBe(400);
    expect((await post(JSON.stringify({ findingId: id, reason: 'x', until: '2024-01-01' }))).json.error).toMatch(/早于今天/);
    expect((await post(JSON.stringify({ findingId: 'unknown', reason: 'x', until: '2024-06-30' }))).status).toBe(404);
    expect((await post('findingId=x', 'application/x-www-form-urlencoded')).status).toBe(415);
    const arr = await post('[]');
    expect(arr.status).toBe(400);
    expect(arr.json.error).toMatch(/^参数错误：请求体：无效输入/);
    expect(arr.json.error).not.toMatch(/Invalid|expected/);
  });

  it('404 JSON for unknown routes, 405 for wrong methods', async () => {
    const r = await request(srv.url, '/api/nothing');
    expect(r.status).toBe(404);
    expect(r.json.error).toMatch(/未知的接口/);
    expect((await request(srv.url, '/api/sites', { method: 'DELETE' })).status).toBe(405);
  });

  it('serves the dashboard with sites and report links', async () => {
    const r = await request(srv.url, '/');
    expect(r.status).toBe(200);
    expect(r.text).toContain('监管看板');
    expect(r.text).toContain(SITE);
    expect(r.text).toContain(`/api/audits/${fixture.audit.id}/report.html`);
    expect(r.text).toContain('<svg');
  });

  it('rejects foreign Host headers (DNS rebinding)', async () => {
    const r = await request(srv.url, '/api/health', { headers: { host: 'evil.example' } });
    expect(r.status).toBe(403);
  });
});

describe('CORS', () => {
  it('allows extension origins and configured ones, preflight included', async () => {
    for (const origin of ['chrome-extension://abcdefghijklmnopabcdefghijklmnop', 'moz-extension://0d5b1e2a-7e3c-4b7a-9f55-1a2b3c4d5e6f', 'http://localhost:5173']) {
      const r = await request(srv.url, '/api/health', { headers: { origin } });
      expect(r.headers['access-control-allow-origin']).toBe(origin);
      const pre = await request(srv.url, '/api/waivers', { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST' } });
      expect(pre.status).toBe(204);
      expect(pre.headers['access-control-allow-headers']).toMatch(/Authorization/);
    }
  });
  it('gives web origins no CORS headers and refuses their writes', async () => {
    const r = await request(srv.url, '/api/health', { headers: { origin: 'https://evil.example' } });
    expect(r.headers['access-control-allow-origin']).toBeUndefined();
    const pre = await request(srv.url, '/api/waivers', { method: 'OPTIONS', headers: { origin: 'https://evil.example' } });
    expect(pre.status).toBe(403);
    const post = await request(srv.url, '/api/waivers', { method: 'POST', headers: { origin: 'https://evil.example', 'content-type': 'application/json' }, body: '{}' });
    expect(post.status).toBe(403);
  });
});

describe('token', () => {
  it('is required on every route when set, by header or query', async () => {
    for (const p of ['/', '/api/health', '/api/sites']) {
      const r = await request(tokenSrv.url, p);
      expect(r.status).toBe(401);
      expect(r.json.error).toMatch(/访问令牌/);
    }
    expect((await request(tokenSrv.url, '/api/health', { headers: { authorization: 'Bearer wrong-token-000' } })).status).toBe(401);
    expect((await request(tokenSrv.url, '/api/health', { headers: { authorization: `Bearer ${TOKEN}` } })).status).toBe(200);
    expect((await request(tokenSrv.url, `/api/health?token=${TOKEN}`)).status).toBe(200);
    const dash = await request(tokenSrv.url, `/?token=${TOKEN}`);
    expect(dash.text).toContain(`report.html?token=${TOKEN}`);
    // preflight needs no token (browsers never send one)
    const pre = await request(tokenSrv.url, '/api/findings', { method: 'OPTIONS', headers: { origin: 'chrome-extension://abcdefghijklmnopabcdefghijklmnop' } });
    expect(pre.status).toBe(204);
  });
});

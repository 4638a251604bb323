// `gongkai serve`: the supervisor dashboard and the JSON API the browser extension reads (node:http, no framework).
// Binds loopback by default; any other address requires a token, which is then checked on every request.
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import { TOOL_VERSION } from '../../crawler/version.js';
import { severityCounts } from '../render/summary.js';
import { renderHtmlReport } from '../render/html-report.js';
import { HistoryStore } from '../history/history-store.js';
import { HistoryError } from '../history/history-error.js';
import { hostKey, pageKey } from '../url-key.js';
import { shanghaiDate } from '../time.js';
import { renderDashboard } from './dashboard.js';
import { HttpError, isLoopbackHost, originAllowed, readJsonBody, sendHtml, sendJson, tokenMatches } from './http-util.js';

export interface ServeOptions {
  dataDir: string;
  port?: number;
  host?: string;
  token?: string;
  /** Extra origins allowed by CORS besides browser extensions. */
  allowOrigins?: string[];
  /** Date used for waiver expiry (tests); default today in Asia/Shanghai. */
  today?: () => string;
}

export interface RunningServer {
  url: string;
  port: number;
  host: string;
  server: http.Server;
  close(): Promise<void>;
}

export class ServeError extends Error {}

const zhCN = z.locales.zhCN().localeError;

const waiverBody = z.object({
  findingId: z.string().min(1, 'findingId 不能为空'),
  reason: z.string().min(1, 'reason 不能为空'),
  until: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'until 应为 YYYY-MM-DD'),
  by: z.string().optional(),
});

function requireUrlParam(url: URL, name: string): string {
  const v = url.searchParams.get(name);
  if (!v) throw new HttpError(400, `缺少参数 ${name}`);
  if (!hostKey(v)) throw new HttpError(400, `参数 ${name} 不是有效的 http(s) 网址：${v}`);
  return v;
}

export function createHandler(store: HistoryStore, opts: ServeOptions) {
  const allow = opts.allowOrigins ?? [];
  const today = opts.today ?? (() => shanghaiDate());
  const loopbackOnly = isLoopbackHost(opts.host ?? '127.0.0.1');

  return async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const origin = req.headers.origin;
    const corsOk = originAllowed(origin, allow);
    if (corsOk) {
      res.setHeader('access-control-allow-origin', origin!);
      res.setHeader('vary', 'Origin');
    }
    try {
      // DNS-rebinding guard: a loopback server without a token only answers to loopback host names.
      const hostHeader = String(req.headers.host ?? '').replace(/:\d+$/, '');
      if (loopbackOnly && !opts.token && hostHeader && !isLoopbackHost(hostHeader)) throw new HttpError(403, `拒绝访问：主机名 ${hostHeader} 不是本机地址`);
      if (req.method === 'OPTIONS') {
        if (!corsOk) throw new HttpError(403, '不允许该来源跨域访问');
        res.writeHead(204, {
          'access-control-allow-methods': 'GET, POST, OPTIONS',
          'access-control-allow-headers': 'Authorization, Content-Type',
          'access-control-max-age': '600',
        });
        res.end();
        return;
      }
      if (origin && !corsOk && req.method !== 'GET' && req.method !== 'HEAD') throw new HttpError(403, '不允许该来源跨域访问');
      if (opts.token && !tokenMatches(req, url, opts.token)) throw new HttpError(401, '缺少或错误的访问令牌（请使用 Authorization: Bearer <令牌> 或 ?token=）');
      await route(req, res, url);
    } catch (err) {
      if (err instanceof HttpError) return sendJson(res, err.status, { error: err.message });
      if (err instanceof HistoryError) return sendJson(res, err.code === 'not-found' ? 404 : err.code === 'invalid' ? 400 : 503, { error: err.message });
      sendJson(res, 500, { error: `服务器内部错误：${err instanceof Error ? err.message : String(err)}` });
    }
  };

  async function route(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const p = url.pathname;
    const get = req.method === 'GET' || req.method === 'HEAD';
    if (p === '/' && get) return sendHtml(res, renderDashboard(store, url.searchParams.get('token') ?? ''));
    if (p === '/api/health' && get) return sendJson(res, 200, { status: 'ok', version: TOOL_VERSION, audits: store.listAudits().length });
    if (p === '/api/sites' && get) {
      const sites = store.sites().map((latest) => ({
        site: latest.site,
        host: latest.host,
        audits: store.listAudits(latest.site).length,
        latest: { id: latest.id, asOf: latest.asOf, startedAt: latest.startedAt, total: latest.total, bySeverity: latest.bySeverity, score: latest.score, pass: latest.pass },
      }));
      return sendJson(res, 200, { sites });
    }
    if (p === '/api/audits' && get) {
      const site = url.searchParams.has('site') ? requireUrlParam(url, 'site') : undefined;
      return sendJson(res, 200, { audits: store.listAudits(site) });
    }
    if (p === '/api/audits/latest' && get) {
      const site = requireUrlParam(url, 'site');
      const row = store.latestAudit(site);
      if (!row) throw new HttpError(404, `没有该网站的审计记录：${site}`);
      const audit = store.getAudit(row.id)!;
      return sendJson(res, 200, { audit: row, counts: severityCounts(audit.findings), verdict: audit.verdict ?? null });
    }
    const m = /^\/api\/audits\/([^/]+)\/(findings\.json|report\.html)$/.exec(p);
    if (m && get) {
      let id: string;
      try {
        id = decodeURIComponent(m[1]!);
      } catch {
        throw new HttpError(400, `审计编号不是有效的网址编码：${m[1]}`);
      }
      const audit = store.getAudit(id);
      if (!audit) throw new HttpError(404, `未找到审计：${id}`);
      if (m[2] === 'findings.json') return sendJson(res, 200, audit);
      return sendHtml(res, renderHtmlReport(audit, { history: store.contextFor(audit) }));
    }
    if (p === '/api/findings' && get) return findings(res, url);
    if (p === '/api/waivers' && get) {
      const site = url.searchParams.has('site') ? requireUrlParam(url, 'site') : undefined;
      return sendJson(res, 200, { waivers: store.waivers({ site, onDate: today() }) });
    }
    if (p === '/api/waivers' && req.method === 'POST') {
      const parsed = waiverBody.safeParse(await readJsonBody(req), { error: zhCN });
      if (!parsed.success) throw new HttpError(400, `参数错误：${parsed.error.issues.map((i) => `${i.path.join('.') || '请求体'}：${i.message}`).join('；')}`);
      const waiver = store.waive(parsed.data, today());
      return sendJson(res, 201, { waiver });
    }
    if (['/', '/api/health', '/api/sites', '/api/audits', '/api/audits/latest', '/api/findings', '/api/waivers'].includes(p) || m) {
      throw new HttpError(405, `不支持的请求方法：${req.method}`);
    }
    throw new HttpError(404, `未知的接口：${p}`);
  }

  function findings(res: ServerResponse, url: URL): void {
    const pageParam = url.searchParams.get('url');
    const site = pageParam ? requireUrlParam(url, 'url') : url.searchParams.has('site') ? requireUrlParam(url, 'site') : undefined;
    if (!site) throw new HttpError(400, '缺少参数 url 或 site');
    const row = store.latestAudit(site);
    if (!row) return sendJson(res, 200, { site: null, auditId: null, asOf: null, findings: [] });
    const audit = store.getAudit(row.id)!;
    const key = pageParam ? pageKey(pageParam) : undefined;
    const waivers = new Map(store.waivers({ site: row.site, onDate: today() }).map((w) => [w.findingId, w]));
    const life = store.lifecycleOf(row.id);
    const list = audit.findings
      .filter((f) => !key || pageKey(f.url) === key)
      .map((f) => {
        const w = waivers.get(f.id);
        return { ...f, waived: !!w, waiver: w ?? null, lifecycle: life.get(f.id) ?? 'new' };
      });
    sendJson(res, 200, { site: row.site, auditId: row.id, asOf: row.asOf, findings: list });
  }
}

export async function startServer(opts: ServeOptions): Promise<RunningServer> {
  const host = opts.host ?? '127.0.0.1';
  const port = opts.port ?? 7070;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ServeError(`端口无效：${port}`);
  if (!isLoopbackHost(host) && !opts.token) {
    throw new ServeError(`拒绝绑定非本机地址 ${host}：请同时用 --token 设置访问令牌`);
  }
  if (opts.token !== undefined && opts.token.length < 8) throw new ServeError('访问令牌过短：至少 8 个字符');
  let store: HistoryStore;
  try {
    store = HistoryStore.open(opts.dataDir, { busyTimeoutMs: 2000 });
  } catch (err) {
    throw new ServeError(err instanceof Error ? err.message : String(err));
  }
  const handler = createHandler(store, { ...opts, host });
  const server = http.createServer((req, res) => void handler(req, res));
  server.requestTimeout = 30_000;
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (err) {
    store.close();
    const code = (err as { code?: string }).code;
    throw new ServeError(code === 'EADDRINUSE' ? `端口 ${port} 已被占用，请用 --port 指定其他端口` : `无法监听 ${host}:${port}：${err instanceof Error ? err.message : String(err)}`);
  }
  const addr = server.address() as AddressInfo;
  const shownHost = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address;
  return {
    url: `http://${shownHost}:${addr.port}`,
    port: addr.port,
    host,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          store.close();
          resolve();
        });
      }),
  };
}

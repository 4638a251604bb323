// Stand-ins for the demo site and `gongkai serve` (same routes and shapes), used until those land.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AuditResult } from '../../reports/audit-schema.js';

export interface Started {
  url: string;
  close(): Promise<void>;
}

function listen(server: http.Server): Promise<Started> {
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({ url: `http://127.0.0.1:${port}`, close: () => new Promise((r) => server.close(() => r())) });
    });
  });
}

export const POLICY_PATH = '/zwgk/zcwj/202405/t20240506_1.html';

export function policyPage(): string {
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>关于印发运输服务质量提升方案的通知</title>
<style>body{font:16px serif;margin:40px} a{display:inline-block;margin:8px 0} #draft{border:1px solid #ccc;padding:8px;min-height:40px}</style>
</head><body><div id="main"><h1>关于印发运输服务质量提升方案的通知</h1>
<p id="p1">各市（州）交通运输局：现将《运输服务质量提升方案》印发给你们，请认真贯彻执行。</p>
<p><a id="dead1" href="/files/fangan.pdf">附件：运输服务质量提升方案.pdf</a></p>
<p><a id="dead2" href="/old/col/index.html">原栏目（已撤销）</a></p>
<p><a id="ok" href="/zwgk/index.html">返回政务公开</a></p>
<p id="draft" contenteditable="true">草稿：</p>
<script>window.pageScriptOk = true;</script>
</div></body></html>`;
}

export function startSite(): Promise<Started> {
  return listen(
    http.createServer((req, res) => {
      if (req.url === POLICY_PATH) {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        res.end(policyPage());
      } else {
        res.writeHead(404, { 'content-type': 'text/html; charset=utf-8' });
        res.end('<h1>404</h1>');
      }
    }),
  );
}

/** The API of `gongkai serve` for one stored audit: findings by page, latest audit, bearer token, CORS. */
export function startApi(audit: AuditResult, token: string): Promise<Started> {
  return listen(
    http.createServer((req, res) => {
      const cors = {
        'access-control-allow-origin': req.headers.origin ?? '*',
        'access-control-allow-headers': 'authorization, content-type',
        'access-control-allow-methods': 'GET, OPTIONS',
        vary: 'origin',
      };
      if (req.method === 'OPTIONS') {
        res.writeHead(204, cors);
        return res.end();
      }
      const send = (status: number, body: unknown) => {
        res.writeHead(status, { ...cors, 'content-type': 'application/json; charset=utf-8' });
        res.end(JSON.stringify(body));
      };
      if (req.headers.authorization !== `Bearer ${token}`) return send(401, { error: '未授权' });
      const url = new URL(req.url ?? '/', 'http://x');
      if (url.pathname === '/api/findings') {
        const page = url.searchParams.get('url');
        return send(200, { audit: audit.audit, findings: audit.findings.filter((f) => f.url === page) });
      }
      if (url.pathname === '/api/audits/latest') {
        const counts: Record<string, number> = {};
        for (const f of audit.findings) counts[f.severity] = (counts[f.severity] ?? 0) + 1;
        return send(200, { audit: audit.audit, counts, verdict: audit.verdict });
      }
      send(404, { error: 'not found' });
    }),
  );
}

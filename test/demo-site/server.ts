// node:http servers for the demo site and its stand-in external host, on 127.0.0.1 only.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { DemoResponse } from './types.js';

const NOT_FOUND_HTML = new TextEncoder().encode(
  '<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>404 页面不存在</title></head><body><h1>404</h1><p>您访问的页面不存在或已被删除。</p></body></html>',
);

export interface RunningServer {
  origin: string;
  port: number;
  close(): Promise<void>;
}

function pathOf(rawUrl: string): string {
  const path = (rawUrl.split('?')[0] ?? '/').split('#')[0] || '/';
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

/** Serves a route map; unknown paths answer 404. `routes` may be filled after start (read per request). */
export async function serveRoutes(routes: () => Map<string, DemoResponse>, port = 0): Promise<RunningServer> {
  const server = http.createServer((req, res) => {
    const route = routes().get(pathOf(req.url ?? '/'));
    const r: DemoResponse = route ?? { status: 404, headers: { 'content-type': 'text/html; charset=utf-8' }, body: NOT_FOUND_HTML };
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD', 'content-length': '0' }).end();
      return;
    }
    res.writeHead(r.status, { ...r.headers, 'content-length': String(r.body.byteLength) });
    res.end(req.method === 'HEAD' ? undefined : r.body);
  });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const actual = (server.address() as AddressInfo).port;
  return {
    origin: `http://127.0.0.1:${actual}`,
    port: actual,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A port on 127.0.0.1 that nothing listens on (bound once, then released). */
export async function closedPort(): Promise<number> {
  const s = http.createServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', () => resolve()));
  const port = (s.address() as AddressInfo).port;
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return port;
}

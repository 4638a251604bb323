// A tiny static server on 127.0.0.1:0 for the demo section's routes (unknown paths answer 404).
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { DemoResponse } from '../demo-site/types.js';

export interface RouteServer {
  url: string;
  hits: string[];
  close(): Promise<void>;
}

export async function serveRoutes(routes: Map<string, DemoResponse>): Promise<RouteServer> {
  const hits: string[] = [];
  const server = http.createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    hits.push(path);
    const r = routes.get(path);
    if (!r) {
      res.writeHead(404, { 'content-type': 'text/html; charset=utf-8' });
      res.end('<html><body>404 页面不存在</body></html>');
      return;
    }
    res.writeHead(r.status, r.headers);
    res.end(req.method === 'HEAD' ? undefined : Buffer.from(r.body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    hits,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

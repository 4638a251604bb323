// A fault-injecting site on 127.0.0.1:0 for crawler and link-audit tests. Every planted fault is listed in
// `planted` with the outcome a correct audit must give, so tests assert exact sets.
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { gzipSync } from 'node:zlib';

export interface FaultServerOptions {
  /** Requests per second above which the site answers 429 with Retry-After (0 = no limit). */
  rateLimit?: number;
  /** Retry-After seconds sent with a 429. */
  retryAfter?: number;
  /** robots.txt body (default: allow everything). */
  robots?: string;
}

export interface FaultServer {
  url: string;
  /** A second origin that answers 403 to everything (a bot-blocking external site). */
  externalUrl: string;
  /** A port on 127.0.0.1 with nothing listening. */
  closedUrl: string;
  /** Requests seen, by "METHOD path" on the main origin. */
  hits: Map<string, number>;
  /** Total requests per origin. */
  requests(): number;
  /** 429 answers given. */
  throttled(): number;
  /** Planted link targets → expected state ('broken' | 'unverified'); targets not listed must come out ok. */
  planted: Map<string, 'broken' | 'unverified'>;
  /** Pages of the site (to assert what was crawled). */
  pages: string[];
  close(): Promise<void>;
}

const html = (title: string, body: string, head = '') =>
  `<!DOCTYPE html><html><head><meta charset="utf-8"><title>${title}</title>${head}</head><body>${body}</body></html>`;

function listen(server: http.Server): Promise<number> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));
}

export async function startFaultServer(options: FaultServerOptions = {}): Promise<FaultServer> {
  const hits = new Map<string, number>();
  const sockets = new Set<Socket>();
  const recent: number[] = [];
  let total = 0;
  let throttled = 0;
  const flakySeen = new Set<string>();
  const bigPage = Buffer.from(
    html('大页面', `<h1>大页面</h1><a href="/live.html">正常</a>` + `<p>${'交通运输政务公开内容。'.repeat(170)}</p>`.repeat(1_000)),
  );
  const binary = Buffer.alloc(64 * 1024);
  for (let i = 0; i < binary.length; i++) binary[i] = (i * 7919 + 13) & 0xff;

  const ext = http.createServer((req, res) => {
    total++;
    if (req.url === '/robots.txt') {
      res.writeHead(404).end();
      return;
    }
    if (req.url?.startsWith('/alive')) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html('外部', '外部网站'));
      return;
    }
    res.writeHead(403, { 'content-type': 'text/html' }).end('Forbidden');
  });
  const extPort = await listen(ext);
  const externalUrl = `http://127.0.0.1:${extPort}`;

  const closed = http.createServer();
  const closedPort = await listen(closed);
  await new Promise<void>((resolve) => closed.close(() => resolve()));
  const closedUrl = `http://127.0.0.1:${closedPort}`;

  const home = html(
    '故障测试站',
    `<div id="nav"><a href="/">首页</a><a href="/list/index.html">列表</a></div>
     <div id="links">
       <a href="/live.html">正常页面</a>
       <a href="/missing.html">丢失页面</a>
       <a href="/flaky/a.html">偶发503</a>
       <a href="/head405.pdf">HEAD不支持</a>
       <a href="/r1">两跳重定向</a>
       <a href="/loop-a">重定向循环</a>
       <a href="/hang">不响应</a>
       <a href="${closedUrl}/x.html">拒绝连接</a>
       <a href="/big.html">大页面</a>
       <a href="/malformed.html">畸形页面</a>
       <a href="/binary.html">二进制</a>
       <a href="/bomb.html">压缩炸弹</a>
       <a href="${externalUrl}/blocked">外部网站</a>
       <a href="${externalUrl}/alive">外部正常</a>
       <a href="mailto:ban@example.gov.cn">邮箱</a>
       <a href="tel:043112345">电话</a>
       <a href="javascript:void(0)">脚本</a>
       <a href="#top">顶部</a>
       <img src="/logo.png">
     </div>`,
  );

  const main = http.createServer((req, res) => {
    total++;
    const path = (req.url ?? '/').split('?')[0];
    const key = `${req.method} ${path}`;
    hits.set(key, (hits.get(key) ?? 0) + 1);
    if (options.rateLimit && path !== '/robots.txt') {
      const now = Date.now();
      recent.push(now);
      while (recent.length && recent[0] < now - 1000) recent.shift();
      if (recent.length > options.rateLimit) {
        throttled++;
        res.writeHead(429, { 'retry-after': String(options.retryAfter ?? 1) }).end('Too Many Requests');
        return;
      }
    }
    const page = (body: string, status = 200) => {
      res.writeHead(status, { 'content-type': 'text/html; charset=utf-8' });
      res.end(req.method === 'HEAD' ? undefined : body);
    };
    switch (path) {
      case '/robots.txt':
        if (options.robots) res.writeHead(200, { 'content-type': 'text/plain' }).end(options.robots);
        else res.writeHead(404).end();
        return;
      case '/':
      case '/index.html':
        return page(home);
      case '/list/index.html':
        return page(html('列表', `<ul><li><a href="/list/p1.html">文章一</a> 2022-03-01</li><li><a href="/list/p2.html">文章二</a></li></ul>
          <script>createPageHTML(2, 0, "index", "html");</script><a href="/list/index_1.html">下一页</a>`));
      case '/list/index_1.html':
        return page(html('列表第二页', `<ul><li><a href="/list/p3.html">文章三</a></li></ul><a href="/list/index.html">上一页</a>`));
      case '/list/p1.html':
      case '/list/p2.html':
      case '/list/p3.html':
      case '/live.html':
        return page(html('正常', `<p>正常页面</p><a href="/">首页</a>`));
      case '/logo.png':
        res.writeHead(200, { 'content-type': 'image/png' }).end(req.method === 'HEAD' ? undefined : Buffer.from([137, 80, 78, 71]));
        return;
      case '/flaky/a.html':
        if (!flakySeen.has(key)) {
          flakySeen.add(key);
          res.writeHead(503, { 'content-type': 'text/html' }).end('Service Unavailable');
          return;
        }
        return page(html('偶发', '<p>恢复</p>'));
      case '/head405.pdf':
        if (req.method === 'HEAD') {
          res.writeHead(405).end();
          return;
        }
        res.writeHead(200, { 'content-type': 'application/pdf', 'content-length': String(200_000) });
        res.end(Buffer.alloc(200_000, 0x25));
        return;
      case '/r1':
        res.writeHead(301, { location: '/r2' }).end();
        return;
      case '/r2':
        res.writeHead(301, { location: `http://127.0.0.1:${mainPort}/live.html` }).end();
        return;
      case '/loop-a':
        res.writeHead(302, { location: '/loop-b' }).end();
        return;
      case '/loop-b':
        res.writeHead(302, { location: '/loop-a' }).end();
        return;
      case '/hang':
        return; // never answers
      case '/big.html':
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-length': String(bigPage.length) });
        res.end(req.method === 'HEAD' ? undefined : bigPage);
        return;
      case '/malformed.html':
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        res.end(req.method === 'HEAD' ? undefined : '<html><head><title>畸形<body><div><p>未闭合<table><tr><td><a href="/live.html">正常</a><a href="/list/p1.html"</div></span>&&&<<<>>>');
        return;
      case '/binary.html':
        res.writeHead(200, { 'content-type': 'text/html' });
        res.end(req.method === 'HEAD' ? undefined : binary);
        return;
      case '/bomb.html': {
        // ~50 MB of zeros gzipped to ~50 KB.
        res.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'gzip' });
        res.end(req.method === 'HEAD' ? undefined : bomb);
        return;
      }
      default:
        return page(html('未找到', '<p>404</p>'), 404);
    }
  });
  const bomb = gzipSync(Buffer.alloc(50 * 1024 * 1024, 0x20), { level: 9 });
  main.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  ext.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  const mainPort = await listen(main);
  const url = `http://127.0.0.1:${mainPort}`;
  const planted = new Map<string, 'broken' | 'unverified'>([
    [`${url}/missing.html`, 'broken'],
    [`${url}/loop-a`, 'broken'],
    [`${url}/hang`, 'broken'],
    [`${closedUrl}/x.html`, 'broken'],
    [`${externalUrl}/blocked`, 'unverified'],
  ]);
  return {
    url,
    externalUrl,
    closedUrl,
    hits,
    requests: () => total,
    throttled: () => throttled,
    planted,
    pages: ['/', '/list/index.html', '/list/index_1.html', '/list/p1.html', '/list/p2.html', '/list/p3.html', '/live.html'].map(
      (p) => url + p,
    ),
    close: async () => {
      for (const s of sockets) s.destroy();
      await Promise.all([new Promise((r) => main.close(r)), new Promise((r) => ext.close(r))]);
    },
  };
}

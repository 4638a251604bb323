// A generated government-style site of N pages for the benchmark: home, columns with paginated TRS-style lists,
// document pages with disclosure tables, attachments, ~30 links a page and 1 % of pages carrying a planted broken
// link. Pages are rendered on request from their URL (nothing held in memory), so 100,000 pages cost nothing.
import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

const COLUMNS = [
  ['zwgk/zcwj', '政策文件'],
  ['zwgk/zcjd', '政策解读'],
  ['zwgk/gfxwj', '规范性文件'],
  ['zwgk/tzgg', '通知公告'],
  ['jtyw/gzdt', '工作动态'],
  ['zwgk/rsxx', '人事信息'],
  ['zwgk/ghjh', '规划计划'],
  ['zwgk/czyjs', '财政预决算'],
  ['zwgk/zfcg', '政府采购'],
  ['zwgk/zdjsxm', '重大建设项目'],
] as const;

const PER_LIST_PAGE = 20;
const LAST_MODIFIED = 'Thu, 30 Jun 2022 08:00:00 GMT';
const SENTENCES = [
  '为深入贯彻落实省委省政府关于交通运输高质量发展的部署要求，进一步做好公路水路基础设施建设工作。',
  '各市（州）交通运输局要高度重视，明确责任分工，切实抓好各项任务落实。',
  '本通知自印发之日起施行，执行中遇到的问题请及时向省交通运输厅反映。',
  '加快推进农村公路提档升级，持续改善群众出行条件，助力乡村振兴。',
  '严格落实安全生产责任制，加强道路运输行业安全监管，防范化解重大风险。',
];

export interface BenchSite {
  url: string;
  pages: number;
  /** Planted broken links: page URL → broken target URL. */
  broken: Map<string, string>;
  close(): Promise<void>;
}

interface Layout {
  /** Articles per column. */
  perColumn: number[];
}

function layoutFor(pages: number): Layout {
  // pages = 1 home + list pages + articles; solve roughly for articles.
  const articles = Math.max(COLUMNS.length, Math.floor((pages - 1) / (1 + 1 / PER_LIST_PAGE)));
  const perColumn = COLUMNS.map((_, i) => Math.floor(articles / COLUMNS.length) + (i < articles % COLUMNS.length ? 1 : 0));
  return { perColumn };
}

function listPageCount(entries: number): number {
  return Math.max(1, Math.ceil(entries / PER_LIST_PAGE));
}

/** Total pages the layout produces (home + list pages + articles). */
export function countPages(layout: Layout): number {
  return 1 + layout.perColumn.reduce((sum, n) => sum + listPageCount(n) + n, 0);
}

function dateOf(col: number, idx: number): string {
  const day = new Date(Date.UTC(2022, 5, 30) - ((idx * 3 + col) % 900) * 86_400_000);
  return day.toISOString().slice(0, 10);
}

function articlePath(col: number, idx: number): string {
  const d = dateOf(col, idx).replaceAll('-', '');
  return `/${COLUMNS[col][0]}/${d.slice(0, 6)}/t${d}_${100000 + col * 100000 + idx}.html`;
}

function listPath(col: number, page: number): string {
  return `/${COLUMNS[col][0]}/${page === 0 ? 'index.html' : `index_${page}.html`}`;
}

/** Every 100th article (1 %) carries one broken link. */
function isBrokenCarrier(col: number, idx: number): boolean {
  return (col * 7919 + idx) % 100 === 0;
}

function brokenTarget(col: number, idx: number): string {
  return `/${COLUMNS[col][0]}/missing/t_${col}_${idx}.html`;
}

function nav(): string {
  return COLUMNS.map(([path, name]) => `<li><a href="/${path}/index.html">${name}</a></li>`).join('');
}

function frame(title: string, column: string, body: string): string {
  return `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>${title}_吉林省交通运输厅</title>
<meta name="SiteName" content="吉林省交通运输厅"><meta name="SiteDomain" content="jtyst.jl.gov.cn">
<meta name="SiteIDCode" content="2200000012"><meta name="ColumnName" content="${column}">
<link rel="stylesheet" href="/css/main.css"><script src="/js/common.js"></script></head>
<body><div class="header"><img src="/images/logo.png" alt="吉林省交通运输厅"></div>
<ul class="nav"><li><a href="/index.html">首页</a></li>${nav()}</ul>
<div class="main">${body}</div>
<div class="footer">主办：吉林省交通运输厅 网站标识码：2200000012 吉ICP备05002265号
<a href="/zwgk/xxgkzn/index.html">政府信息公开指南</a> <a href="/sitemap.html">网站地图</a></div></body></html>`;
}

function renderArticle(layout: Layout, col: number, idx: number): string {
  const date = dateOf(col, idx);
  const related: string[] = [];
  for (let k = 1; k <= 8; k++) {
    const j = (idx + k * 37) % layout.perColumn[col];
    related.push(`<li><a href="${articlePath(col, j)}">相关文件${j}</a></li>`);
  }
  const broken = isBrokenCarrier(col, idx) ? `<p><a href="${brokenTarget(col, idx)}">附件说明（已失效）</a></p>` : '';
  const text = Array.from({ length: 6 }, (_, k) => `<p>${SENTENCES[(idx + k) % SENTENCES.length]}</p>`).join('');
  const body = `<div class="location">当前位置：<a href="/index.html">首页</a> &gt; <a href="${listPath(col, 0)}">${COLUMNS[col][1]}</a></div>
<table class="xxgk"><tr><td>索引号：</td><td>11220000013544357T/2022-${String(idx).padStart(5, '0')}</td><td>发布机构：</td><td>吉林省交通运输厅</td></tr>
<tr><td>成文日期：</td><td>${date}</td><td>发布日期：</td><td>${date}</td></tr>
<tr><td>文号：</td><td>吉交发〔2022〕${idx + 1}号</td><td>有效性：</td><td>有效</td></tr></table>
<h1>关于做好交通运输工作的通知（${idx}）</h1><div class="TRS_Editor">${text}
<p><img src="/images/photo${idx % 3}.jpg" alt="配图"></p>
<p>附件：<a href="/files/${COLUMNS[col][0].replace('/', '_')}_${idx % 5}.pdf">附件1.pdf</a>
<a href="/files/${COLUMNS[col][0].replace('/', '_')}_${idx % 5}.xlsx">附件2.xlsx</a></p>${broken}</div>
<ul class="related">${related.join('')}</ul>`;
  return frame(`关于做好交通运输工作的通知（${idx}）`, COLUMNS[col][1], body);
}

function renderList(layout: Layout, col: number, page: number): string {
  const count = layout.perColumn[col];
  const pages = listPageCount(count);
  const items: string[] = [];
  for (let i = page * PER_LIST_PAGE; i < Math.min(count, (page + 1) * PER_LIST_PAGE); i++) {
    items.push(`<li><a href="${articlePath(col, i)}">关于做好交通运输工作的通知（${i}）</a><span>${dateOf(col, i)}</span></li>`);
  }
  const pager = `<script>createPageHTML(${pages}, ${page}, "index", "html");</script>` +
    (page + 1 < pages ? `<a href="${listPath(col, page + 1)}">下一页</a>` : '');
  return frame(COLUMNS[col][1], COLUMNS[col][1], `<ul class="list">${items.join('')}</ul><div class="page">${pager}</div>`);
}

function renderHome(layout: Layout): string {
  const items = COLUMNS.map((_, col) =>
    Array.from({ length: Math.min(5, layout.perColumn[col]) }, (_, i) =>
      `<li><a href="${articlePath(col, i)}">关于做好交通运输工作的通知（${i}）</a><span>${dateOf(col, i)}</span></li>`).join(''),
  ).join('');
  return frame('首页', '首页', `<ul class="news">${items}</ul>`);
}

type Route = { kind: 'home' } | { kind: 'list'; col: number; page: number } | { kind: 'article'; col: number; idx: number } | { kind: 'asset' };

function route(layout: Layout, path: string): Route | undefined {
  if (path === '/' || path === '/index.html') return { kind: 'home' };
  if (/^\/(css|js|images|files)\//.test(path)) return { kind: 'asset' };
  if (path === '/zwgk/xxgkzn/index.html' || path === '/sitemap.html') return { kind: 'asset' };
  for (let col = 0; col < COLUMNS.length; col++) {
    const prefix = `/${COLUMNS[col][0]}/`;
    if (!path.startsWith(prefix)) continue;
    const rest = path.slice(prefix.length);
    const list = /^index(?:_(\d+))?\.html$/.exec(rest);
    if (list) {
      const page = list[1] ? Number(list[1]) : 0;
      return page < listPageCount(layout.perColumn[col]) ? { kind: 'list', col, page } : undefined;
    }
    const art = /^\d{6}\/t(\d{8})_(\d+)\.html$/.exec(rest);
    if (art) {
      const idx = Number(art[2]) - 100000 - col * 100000;
      if (idx >= 0 && idx < layout.perColumn[col] && articlePath(col, idx) === path) return { kind: 'article', col, idx };
    }
  }
  return undefined;
}

export async function startBenchSite(pages: number): Promise<BenchSite> {
  const layout = layoutFor(pages);
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const r = route(layout, path);
    if (!r) {
      res.writeHead(404, { 'content-type': 'text/html; charset=utf-8' });
      res.end('<html><body>404 页面不存在</body></html>');
      return;
    }
    if (r.kind === 'asset') {
      const type = path.endsWith('.css') ? 'text/css' : path.endsWith('.js') ? 'application/javascript' : path.endsWith('.html') ? 'text/html; charset=utf-8' : 'application/octet-stream';
      // Files carry validators too, as from a real static server (attachments are revalidated by a re-audit).
      const etag = `"asset-${path.length}"`;
      if (req.headers['if-none-match'] === etag) {
        res.writeHead(304, { etag, 'last-modified': LAST_MODIFIED });
        res.end();
        return;
      }
      res.writeHead(200, { 'content-type': type, 'content-length': '64', etag, 'last-modified': LAST_MODIFIED });
      res.end(req.method === 'HEAD' ? undefined : Buffer.alloc(64, 32));
      return;
    }
    const html = r.kind === 'home' ? renderHome(layout) : r.kind === 'list' ? renderList(layout, r.col, r.page) : renderArticle(layout, r.col, r.idx);
    const body = Buffer.from(html);
    // Validators like a real static server's, so that incremental re-audits can ask conditionally.
    const etag = `"${createHash('sha1').update(body).digest('hex').slice(0, 20)}"`;
    if (req.headers['if-none-match'] === etag) {
      res.writeHead(304, { etag, 'last-modified': LAST_MODIFIED });
      res.end();
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-length': String(body.length), etag, 'last-modified': LAST_MODIFIED });
    res.end(req.method === 'HEAD' ? undefined : body);
  });
  server.keepAliveTimeout = 30_000;
  server.maxConnections = 4096;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}/`;
  const broken = new Map<string, string>();
  for (let col = 0; col < COLUMNS.length; col++) {
    for (let idx = 0; idx < layout.perColumn[col]; idx++) {
      if (isBrokenCarrier(col, idx)) broken.set(new URL(articlePath(col, idx), url).href, new URL(brokenTarget(col, idx), url).href);
    }
  }
  return {
    url,
    pages: countPages(layout),
    broken,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

// SiteBuilder: sections add pages, files and redirects to it and record their ground truth next to what they plant.
import iconv from 'iconv-lite';
import { addDays, assertDate, parts } from './dates.js';
import type { BuildOptions, BuiltSite, Decoy, DemoResponse, ExpectedFinding } from './types.js';

/** Placeholder in templates' <head>; replaced by the charset declaration the page is served with. */
export const CHARSET_SLOT = '<!--charset-->';

/** How a page declares GBK: by the Content-Type header only, or by a meta tag only (header without charset). */
export type GbkDeclaration = 'header' | 'meta';

export interface PageOptions {
  /** Serve this page in GBK (in the default mixed mode); ignored when the build forces all-GBK or all-UTF-8. */
  gbk?: GbkDeclaration;
  status?: number;
  headers?: Record<string, string>;
}

export interface ColumnRef {
  /** Label the site shows. */
  name: string;
  /** First list page. */
  path: string;
  /** Listed on the 政府信息公开 hub (法定主动公开内容). */
  inHub: boolean;
  /** Short description for ColumnDescription. */
  description?: string;
}

const enc = new TextEncoder();

function hashPath(path: string): number {
  let h = 0;
  for (const c of path) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  return h;
}

export class SiteBuilder {
  readonly asOf: string;
  readonly asOfYear: number;
  readonly staleHome: boolean;
  readonly externalOrigin: string;
  readonly refusedOrigin: string;
  private readonly gbkMode: 'mixed' | 'all' | 'none';
  private readonly routes = new Map<string, DemoResponse>();
  private readonly external = new Map<string, DemoResponse>();
  private readonly expected: ExpectedFinding[] = [];
  private readonly decoys: Decoy[] = [];
  private readonly columnRefs: ColumnRef[] = [];
  private readonly shared = new Map<string, unknown>();
  private idSeq = 8_412_345;
  private readonly counters = new Map<string, number>();
  /** Pages served in GBK, with how they declare it. */
  readonly gbkPages = new Map<string, GbkDeclaration>();

  constructor(opts: BuildOptions) {
    this.asOf = assertDate(opts.asOf);
    this.asOfYear = parts(this.asOf).y;
    this.staleHome = opts.staleHome ?? false;
    this.gbkMode = opts.gbk === undefined ? 'mixed' : opts.gbk ? 'all' : 'none';
    this.externalOrigin = (opts.externalOrigin ?? 'http://127.0.0.1:2').replace(/\/$/, '');
    this.refusedOrigin = (opts.refusedOrigin ?? 'http://127.0.0.1:1').replace(/\/$/, '');
  }

  daysAgo(n: number): string {
    return addDays(this.asOf, -n);
  }

  daysAfter(n: number): string {
    return addDays(this.asOf, n);
  }

  /** Next TRS/Hanweb document id (deterministic sequence). */
  nextId(): number {
    return this.idSeq++;
  }

  /** Per-build counter by name (1, 2, 3, ...), for deterministic sequence numbers. */
  count(name: string): number {
    const n = (this.counters.get(name) ?? 0) + 1;
    this.counters.set(name, n);
    return n;
  }

  has(path: string): boolean {
    return this.routes.has(path);
  }

  private put(path: string, res: DemoResponse): void {
    if (!path.startsWith('/')) throw new Error(`路径须以 / 开头：${path}`);
    if (this.routes.has(path)) throw new Error(`路径重复：${path}`);
    this.routes.set(path, res);
  }

  /** An HTML page. The template's CHARSET_SLOT is replaced by the page's charset declaration. */
  addPage(path: string, htmlText: string, opts: PageOptions = {}): void {
    if (!htmlText.includes(CHARSET_SLOT)) throw new Error(`页面模板缺少字符集占位：${path}`);
    let decl: GbkDeclaration | undefined;
    if (this.gbkMode === 'all') decl = opts.gbk ?? (hashPath(path) % 2 === 0 ? 'header' : 'meta');
    else if (this.gbkMode === 'mixed') decl = opts.gbk;
    let body: Uint8Array;
    let contentType: string;
    if (decl) {
      // A header-declared page has no meta; a meta-declared page gets a bare text/html header, like old servers.
      const text = htmlText.replace(CHARSET_SLOT, decl === 'meta' ? '<meta http-equiv="Content-Type" content="text/html; charset=gb2312">' : '');
      const bytes = iconv.encode(text, 'gbk');
      if (iconv.decode(bytes, 'gb18030') !== text) throw new Error(`页面含有 GBK 无法表示的字符：${path}`);
      body = new Uint8Array(bytes);
      contentType = decl === 'header' ? 'text/html; charset=GBK' : 'text/html';
      this.gbkPages.set(path, decl);
    } else {
      body = enc.encode(htmlText.replace(CHARSET_SLOT, '<meta charset="utf-8">'));
      contentType = 'text/html; charset=utf-8';
    }
    this.put(path, { status: opts.status ?? 200, headers: { 'content-type': contentType, ...opts.headers }, body });
  }

  addFile(path: string, body: Uint8Array | string, contentType: string): void {
    this.put(path, { status: 200, headers: { 'content-type': contentType }, body: typeof body === 'string' ? enc.encode(body) : body });
  }

  addRedirect(path: string, location: string, status = 301): void {
    this.put(path, { status, headers: { location, 'content-type': 'text/html; charset=utf-8' }, body: enc.encode('<html><body>已迁移</body></html>') });
  }

  /** A response of the stand-in external host. */
  addExternal(path: string, status: number, htmlText = '<html><head><meta charset="utf-8"><title>外部站点</title></head><body>外部站点</body></html>'): string {
    this.external.set(path, { status, headers: { 'content-type': 'text/html; charset=utf-8' }, body: enc.encode(htmlText) });
    return this.externalOrigin + path;
  }

  /** A file (feed, JSON, GBK bytes) of the stand-in external host; returns its absolute URL. */
  addExternalFile(path: string, body: Uint8Array | string, contentType: string, status = 200): string {
    if (!path.startsWith('/')) throw new Error(`路径须以 / 开头：${path}`);
    if (this.external.has(path)) throw new Error(`外部站点路径重复：${path}`);
    this.external.set(path, { status, headers: { 'content-type': contentType }, body: typeof body === 'string' ? enc.encode(body) : body });
    return this.externalOrigin + path;
  }

  hasExternal(path: string): boolean {
    return this.external.has(path);
  }

  /** Absolute URL of a path on the stand-in external host. */
  externalUrl(path: string): string {
    return this.externalOrigin + path;
  }

  expect(finding: ExpectedFinding): void {
    this.expected.push(finding);
  }

  decoy(decoy: Decoy): void {
    this.decoys.push(decoy);
  }

  registerColumn(ref: ColumnRef): ColumnRef {
    this.columnRefs.push(ref);
    return ref;
  }

  get columns(): readonly ColumnRef[] {
    return this.columnRefs;
  }

  /** Data one section publishes for another (e.g. news items for the home page). */
  share<T>(key: string, value: T): void {
    this.shared.set(key, value);
  }

  read<T>(key: string): T {
    if (!this.shared.has(key)) throw new Error(`演示站点分区顺序错误，缺少共享数据：${key}`);
    return this.shared.get(key) as T;
  }

  build(): BuiltSite {
    return {
      routes: new Map(this.routes),
      externalRoutes: new Map(this.external),
      groundTruth: { expected: [...this.expected], decoys: [...this.decoys], externalOrigin: this.externalOrigin },
    };
  }
}

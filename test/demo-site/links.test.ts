import { describe, expect, it } from 'vitest';
import * as cheerio from 'cheerio';
import { buildDemoSite } from './index.js';
import { decodeRoute, isHtml } from './route-text.js';
import type { DemoResponse } from './types.js';

// URL resolution only: nothing is requested.
const BASE = 'http://127.0.0.1:8000';
const EXTERNAL = 'http://127.0.0.1:8001';
const REFUSED = 'http://127.0.0.1:8002';
const site = buildDemoSite({ asOf: '2022-03-15', externalOrigin: EXTERNAL, refusedOrigin: REFUSED });

interface Edge {
  from: string;
  to: string;
}

function linksOf(path: string, r: DemoResponse, base = BASE): Edge[] {
  const $ = cheerio.load(decodeRoute(r));
  const out: Edge[] = [];
  const add = (raw: string | undefined) => {
    if (!raw || /^(mailto|tel|javascript|data):/i.test(raw) || raw.startsWith('#')) return;
    const u = new URL(raw, base + path);
    u.hash = '';
    out.push({ from: path, to: u.href });
  };
  $('a[href], link[href]').each((_, el) => add($(el).attr('href')));
  $('img[src], script[src], iframe[src]').each((_, el) => add($(el).attr('src')));
  // TRS pagers announced by script only.
  for (const m of decodeRoute(r).matchAll(/createPageHTML\((\d+),\s*(\d+),\s*"(\w+)",\s*"(\w+)"\)/g)) {
    for (let i = 0; i < Number(m[1]); i++) add(i === 0 ? `${m[3]}.${m[4]}` : `${m[3]}_${i}.${m[4]}`);
  }
  return out;
}

/** Follows redirects inside the route map; returns the final status or an error code. */
function outcome(url: string): number | string {
  const seen = new Set<string>();
  let current = new URL(url);
  for (let hop = 0; hop < 10; hop++) {
    if (current.origin === REFUSED) return 'ECONNREFUSED';
    const routes = current.origin === EXTERNAL ? site.externalRoutes : site.routes;
    const r = routes.get(decodeURIComponent(current.pathname));
    if (!r) return 404;
    if (r.status >= 300 && r.status < 400) {
      if (seen.has(current.href)) return 'REDIRECT_LOOP';
      seen.add(current.href);
      current = new URL(r.headers.location, current);
      continue;
    }
    return r.status;
  }
  return 'TOO_MANY_REDIRECTS';
}

const edges = [...site.routes].filter(([, r]) => isHtml(r) && r.status === 200).flatMap(([p, r]) => linksOf(p, r));

describe('demo site links', () => {
  it('resolves every link except the planted broken and unverified ones', () => {
    const failing = new Set<string>();
    for (const e of edges) {
      const o = outcome(e.to);
      if (o !== 200) failing.add(`${e.from} -> ${e.to} [${o}]`);
    }
    const expected = new Set(
      site.groundTruth.expected
        .filter((f) => f.rule === 'link/broken' || f.rule === 'link/unverified')
        .map((f) => {
          const target = new URL(f.target!, BASE).href;
          return `${f.path} -> ${target} [${outcome(target)}]`;
        }),
    );
    expect([...failing].sort()).toEqual([...expected].sort());
  });

  it('records the status each planted link case really gives', () => {
    for (const f of site.groundTruth.expected.filter((x) => x.rule.startsWith('link/') && x.evidence?.status !== undefined)) {
      expect(outcome(new URL(f.target!, BASE).href), `${f.path} -> ${f.target}`).toBe(f.evidence!.status);
    }
  });

  it('reaches every page and attachment from the home page (pagination via createPageHTML included)', () => {
    const byFrom = new Map<string, string[]>();
    for (const e of edges) byFrom.set(e.from, [...(byFrom.get(e.from) ?? []), e.to]);
    const seen = new Set<string>(['/']);
    const queue = ['/'];
    while (queue.length) {
      const path = queue.shift()!;
      for (const to of byFrom.get(path) ?? []) {
        let u = new URL(to);
        if (u.origin !== BASE) continue;
        // follow redirects
        for (let i = 0; i < 5; i++) {
          const r = site.routes.get(decodeURIComponent(u.pathname));
          if (r && r.status >= 300 && r.status < 400) u = new URL(r.headers.location, u);
          else break;
        }
        const p = decodeURIComponent(u.pathname);
        if (!seen.has(p) && site.routes.get(p)?.status === 200) {
          seen.add(p);
          queue.push(p);
        }
      }
    }
    const unreachable = [...site.routes]
      .filter(([p, r]) => r.status === 200 && !seen.has(p) && !['/robots.txt', '/favicon.ico'].includes(p))
      .map(([p]) => p);
    expect(unreachable).toEqual([]);
  });

  it('links the external host\'s new-media pages (account list page) only to posts it serves', () => {
    const externalEdges = [...site.externalRoutes]
      .filter(([, r]) => isHtml(r) && r.status === 200)
      .flatMap(([p, r]) => linksOf(p, r, EXTERNAL));
    expect(externalEdges.length).toBeGreaterThan(0);
    for (const e of externalEdges) expect(outcome(e.to), `${e.from} -> ${e.to}`).toBe(200);
  });

  it('points external cases only at 127.0.0.1', () => {
    for (const e of edges) expect(new URL(e.to).hostname, `${e.from} -> ${e.to}`).toBe('127.0.0.1');
  });
});

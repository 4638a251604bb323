// The link graph: edges for requested links only; targets once each in graph order; a site model given a builder
// builds its edges on each read instead of holding them, and hands them out one at a time to the link rules.
import { describe, expect, it } from 'vitest';
import { eachLinkEdge, linkEdges, linkTargets } from '../../crawler/links/link-graph.js';
import { edgesWithState } from '../../rules/national/link-edges-by-state.js';
import { pageRecordSchema } from '../../crawler/page-record.js';
import { buildSiteModel } from '../../rules/site-model-builder.js';
import type { LinkOutcome } from '../../rules/site-model.js';

const pages = [
  pageRecordSchema.parse({
    url: 'http://127.0.0.1/',
    status: 200,
    kind: 'home',
    links: [
      { url: 'http://127.0.0.1/a.html', raw: 'a.html', tag: 'a', attr: 'href', text: '甲', selector: 'a:nth-of-type(1)', internal: true },
      { url: 'http://127.0.0.1/search', raw: '/search', tag: 'form', attr: 'action', selector: 'form', internal: true },
      { url: 'mailto:ban@example.gov.cn', raw: 'mailto:ban@example.gov.cn', tag: 'a', attr: 'href', selector: 'a:nth-of-type(2)' },
      { url: 'http://127.0.0.1/logo.png', raw: 'logo.png', tag: 'img', attr: 'src', selector: 'img', internal: true },
    ],
  }),
  pageRecordSchema.parse({
    url: 'http://127.0.0.1/a.html',
    status: 200,
    kind: 'article',
    links: [
      { url: 'http://127.0.0.1/', raw: '/', tag: 'a', attr: 'href', text: '首页', selector: 'nav > a', internal: true },
      { url: 'http://127.0.0.1/logo.png', raw: 'logo.png', tag: 'img', attr: 'src', selector: 'img', internal: true },
    ],
  }),
];

describe('link graph', () => {
  it('has an edge per requested link and each target once, in graph order', () => {
    const edges = linkEdges(pages);
    expect(edges.map((e) => `${e.from} -> ${e.to}`)).toEqual([
      'http://127.0.0.1/ -> http://127.0.0.1/a.html',
      'http://127.0.0.1/ -> http://127.0.0.1/logo.png',
      'http://127.0.0.1/a.html -> http://127.0.0.1/',
      'http://127.0.0.1/a.html -> http://127.0.0.1/logo.png',
    ]);
    expect(linkTargets(pages)).toEqual([...new Set(edges.map((e) => e.to))]);
  });

  it('a site model given a builder reads the same edges, built afresh on each read', () => {
    let builds = 0;
    const site = buildSiteModel({
      startUrl: 'http://127.0.0.1/',
      pages,
      links: () => {
        builds++;
        return linkEdges(pages);
      },
      outcomes: new Map(),
    });
    expect(builds).toBe(0);
    expect(site.links).toEqual(linkEdges(pages));
    expect(site.links).toEqual(linkEdges(pages));
    expect(builds).toBe(2);
    expect(Object.keys(site)).toContain('links');
  });

  it('hands the edges out one at a time, and link rules keep only those with a broken or unverified target', () => {
    let yielded = 0;
    const site = buildSiteModel({
      startUrl: 'http://127.0.0.1/',
      pages,
      links: function* () {
        for (const e of eachLinkEdge(pages)) {
          yielded++;
          yield e;
        }
      },
      outcomes: new Map<string, LinkOutcome>([
        ['http://127.0.0.1/logo.png', { url: 'http://127.0.0.1/logo.png', state: 'broken', status: 404, internal: true }],
        ['http://127.0.0.1/a.html', { url: 'http://127.0.0.1/a.html', state: 'ok', status: 200, internal: true }],
      ]),
    });
    expect([...site.eachLink!()]).toEqual(linkEdges(pages));
    yielded = 0;
    const broken = edgesWithState(site, 'broken');
    expect(yielded).toBe(4);
    expect(broken.map((b) => `${b.edge.from} -> ${b.edge.to}`)).toEqual(['http://127.0.0.1/ -> http://127.0.0.1/logo.png', 'http://127.0.0.1/a.html -> http://127.0.0.1/logo.png']);
    // A model built from an array hands out that array.
    const fixed = buildSiteModel({ startUrl: 'http://127.0.0.1/', pages, links: linkEdges(pages), outcomes: new Map() });
    expect(fixed.eachLink!()).toBe(fixed.links);
  });
});

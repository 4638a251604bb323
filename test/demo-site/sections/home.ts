// Home page: dated 交通动态 and 通知公告 lists, column entrances, a 友情链接 block (external cases: alive, 404,
// connection refused, 403 and 999), a broken banner image, a 2-hop redirect to a live page and non-request links.
import type { SiteBuilder } from '../site-builder.js';
import { esc } from '../html.js';
import type { ListItem } from '../templates/lists.js';
import { tableList, ulList } from '../templates/lists.js';
import { trsLayout } from '../templates/layouts.js';
import { SITE } from '../templates/site-info.js';
import type { DemoSection } from './types.js';

const TINY_PNG = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=';

export const homeSection: DemoSection = {
  name: 'home',
  build(b: SiteBuilder) {
    const news = b.read<ListItem[]>('news');
    const notices = b.read<ListItem[]>('notices');
    const banner = '/images/banner_2019.jpg';
    const extOk = b.addExternal('/mot/index.html', 200);
    const ext404 = b.addExternal('/gone/index.html', 404);
    const ext403 = b.addExternal('/waf/index.html', 403);
    const ext999 = b.addExternal('/linked/index.html', 999);
    const refused = `${b.refusedOrigin}/index.html`;
    b.addRedirect('/old/zwgk.html', '/old/zwgk2.html', 301);
    b.addRedirect('/old/zwgk2.html', '/zwgk/index.html', 301);

    const sorted = [...notices].sort((x, y) => (x.date < y.date ? 1 : -1));
    const entrances = b.columns
      .filter((c) => c.inHub)
      .map((c) => `<li><a href="${esc(c.path)}">${esc(c.name)}</a></li>`)
      .join('');
    const main = `<div class="banner"><img src="${banner}" alt="交通强国 吉林先行"></div>
<div class="index-news"><h2><a href="/xwzx/jtdt/index.html">交通动态</a></h2>${ulList(news.slice(0, 8))}</div>
<div class="index-notice"><h2><a href="/zwgk/tzgg/index.html">通知公告</a></h2>${tableList(sorted.slice(0, 5))}</div>
<div class="index-columns"><h2><a href="/zwgk/index.html">政府信息公开</a></h2><ul>${entrances}<li><a href="/old/zwgk.html">旧版政务公开</a></li></ul></div>
<div class="index-contact"><a href="mailto:jtt@jl.gov.cn">联系我们</a> <a href="tel:043188901234">服务热线</a> <a href="javascript:void(0)" onclick="window.print()">打印本页</a> <a href="#top">返回顶部</a> <img src="${TINY_PNG}" alt=""></div>
<div class="friend-links"><h3>友情链接</h3><ul>
<li><a href="${esc(extOk)}" target="_blank">交通运输部</a></li>
<li><a href="${esc(ext404)}" target="_blank">吉林省公路学会</a></li>
<li><a href="${esc(refused)}" target="_blank">吉林省道路运输协会</a></li>
<li><a href="${esc(ext403)}" target="_blank">吉林省人民政府</a></li>
<li><a href="${esc(ext999)}" target="_blank">吉林省交通运输综合行政执法局</a></li>
</ul></div>`;
    b.addPage('/', trsLayout({ title: SITE.name, meta: { SiteName: SITE.name, SiteDomain: SITE.domain, SiteIDCode: SITE.idCode, Description: SITE.name, Keywords: '交通运输,吉林' }, breadcrumb: [], main }));
    b.addRedirect('/index.html', '/', 302);

    b.expect({ rule: 'link/broken', path: '/', target: banner, evidence: { status: 404 }, note: 'home banner <img> that does not exist (404).' });
    b.expect({ rule: 'link/broken', path: '/', target: ext404, evidence: { status: 404 }, note: '友情链接 to an external page answering 404 (checked, never crawled).' });
    b.expect({ rule: 'link/broken', path: '/', target: refused, evidence: { status: 'ECONNREFUSED' }, note: '友情链接 to a closed port on 127.0.0.1 (connection refused).' });
    b.expect({ rule: 'link/unverified', path: '/', target: ext403, evidence: { status: 403 }, note: 'external host answers 403 every time (firewall-like).' });
    b.expect({ rule: 'link/unverified', path: '/', target: ext999, evidence: { status: 999 }, note: 'external host answers 999 every time (LinkedIn-style bot block).' });
    b.decoy({ rule: 'link/broken', path: '/', target: '/old/zwgk.html', note: 'two 301 hops end at the live /zwgk/index.html.' });
    b.decoy({ rule: 'link/broken', path: '/', target: extOk, note: 'external link that answers 200.' });
    b.decoy({ rule: 'link/broken', path: '/', note: 'mailto:, tel:, javascript:, data: and #fragment links are not requests.' });
    if (b.staleHome) b.expect({ rule: 'homepage/not-updated', path: '/', note: 'staleHome variant: newest dated item on the home page is 20 days old (> 14).' });
    else b.decoy({ rule: 'homepage/not-updated', path: '/', note: 'newest 交通动态 item on the home page is 1 day old.' });
  },
};

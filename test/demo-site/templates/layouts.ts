// Two page layouts, as the two common CMSs render them: TRS WCM (div header/nav/position/footer, TRS_Editor body)
// and Hanweb 大汉 (table frame, 您的位置, #zoom body). Both carry the same footer identifiers.
import { esc } from '../html.js';
import { CHARSET_SLOT } from '../site-builder.js';
import { renderMeta, type MetaTags } from './meta.js';
import { NAV, SITE } from './site-info.js';

export interface Crumb {
  text: string;
  href?: string;
}

export interface LayoutInput {
  title: string;
  meta: MetaTags;
  breadcrumb: Crumb[];
  /** Main content, already escaped HTML. */
  main: string;
  /** Footer 网站标识码 override (to plant a mismatch only when asked; default the site's). */
  footerIdCode?: string;
}

function footer(idCode: string): string {
  return `<div class="footer">
<p>主办单位：${esc(SITE.name)}　地址：${esc(SITE.address)}　联系电话：${esc(SITE.phone)}</p>
<p>网站标识码：${esc(idCode)}　<span class="icp">${esc(SITE.icp)}</span>　<span class="police">${esc(SITE.police)}</span></p>
<p><span id="_ideConac"><img src="/images/dzjg.png" alt="党政机关"></span><script id="_jiucuo_" sitecode="${esc(idCode)}" src="/js/jiucuo.js"></script></p>
</div>`;
}

function crumbs(items: Crumb[], sep: string): string {
  return items.map((c) => (c.href ? `<a href="${esc(c.href)}">${esc(c.text)}</a>` : `<span>${esc(c.text)}</span>`)).join(sep);
}

export function trsLayout(p: LayoutInput): string {
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
${CHARSET_SLOT}
<title>${esc(p.title)}</title>
${renderMeta(p.meta)}
<link rel="stylesheet" href="/css/style.css">
<script src="/js/common.js"></script>
</head>
<body>
<div class="header"><a href="/" class="logo"><img src="/images/logo.png" alt="${esc(SITE.name)}"></a>
<ul class="nav">${NAV.map((n) => `<li><a href="${esc(n.href)}">${esc(n.text)}</a></li>`).join('')}</ul></div>
<div class="position">当前位置：${crumbs([{ text: '首页', href: '/' }, ...p.breadcrumb], ' &gt; ')}</div>
<div class="main">
${p.main}
</div>
${footer(p.footerIdCode ?? SITE.idCode)}
</body>
</html>
`;
}

export function hanwebLayout(p: LayoutInput): string {
  return `<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN">
<html>
<head>
${CHARSET_SLOT}
<title>${esc(p.title)}</title>
${renderMeta(p.meta)}
<link href="/css/style.css" rel="stylesheet" type="text/css">
<script type="text/javascript" src="/js/common.js"></script>
</head>
<body>
<table width="1000" border="0" align="center" cellpadding="0" cellspacing="0" class="top">
<tr><td><img src="/images/logo.png" alt="${esc(SITE.name)}"></td></tr>
<tr><td class="menu">${NAV.map((n) => `<a href="${esc(n.href)}">${esc(n.text)}</a>`).join(' | ')}</td></tr>
</table>
<table width="1000" border="0" align="center" cellpadding="0" cellspacing="0">
<tr><td class="bt-position">您的位置：${crumbs([{ text: '首页', href: '/' }, ...p.breadcrumb], ' &gt;&gt; ')}</td></tr>
<tr><td id="container">
${p.main}
</td></tr>
</table>
${footer(p.footerIdCode ?? SITE.idCode)}
</body>
</html>
`;
}

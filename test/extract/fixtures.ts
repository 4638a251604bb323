// HTML fixtures for the page-model tests: realistic TRS/Hanweb-style markups with Chinese content.
export const SITE = 'http://jt.jl.gov.cn/';

const page = (title: string, body: string, head = '') =>
  `<!DOCTYPE html><html><head><meta charset="utf-8"><title>${title}</title>${head}</head><body>${body}</body></html>`;

const NAV = `<div class="nav"><ul><li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li>
<li><a href="/zwdt/">政务动态</a></li><li><a href="/hdjl/">互动交流</a></li></ul></div>`;
const FOOTER = `<div class="footer"><p>主办：吉林省交通运输厅　网站标识码：2200000012</p>
<p><a href="https://beian.miit.gov.cn/">吉ICP备05001234号-1</a>　吉公网安备 22010202000123号</p></div>`;

/** TRS article, disclosure as a table: spaces inside labels, label-only cells, label：value cells. */
export const trsArticle = {
  url: 'http://jt.jl.gov.cn/zwgk/zcwj/202203/t20220315_8412345.html',
  html: page(
    '关于印发《吉林省交通运输行政执法规范》的通知_吉林省交通运输厅',
    `${NAV}
<div class="location">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; <a href="/zwgk/zcwj/">政策文件</a></div>
<table class="xxgk" style="border:1px solid #ccc"><tbody>
<tr><td>索 引 号：</td><td>000014349/2022-00039</td><td>发布机构：</td><td>吉林省交通运输厅</td></tr>
<tr><td>成文日期</td><td>2022年3月10日</td><td>文号：吉交发〔2022〕12号</td><td>有效性：有效</td></tr>
<tr><td>主题分类：</td><td>交通运输\\综合政务</td><td>发布日期：</td><td>2022-03-15</td></tr>
<tr><td>公开方式：</td><td>主动公开</td><td>有效期至：</td><td>2027年3月9日</td></tr>
</tbody></table>
<div class="TRS_Editor"><p>各市（州）交通运输局：</p><p>现将《吉林省交通运输行政执法规范》印发给你们，请认真贯彻执行。联系人：王某，电话 0431-88888888。</p>
<p>附件：<a href="./P020220315512345678901.pdf">吉林省交通运输行政执法规范.pdf</a></p>
<p><a href="./P020220315512345678902.docx">附件2.docx</a> <a href="/zwgk/zcjd/202203/t20220316_8412400.html">政策解读</a></p></div>
${FOOTER}`,
    `<meta name="SiteName" content="吉林省交通运输厅"><meta name="SiteDomain" content="jt.jl.gov.cn">
<meta name="SiteIDCode" content="2200000012"><meta name="ColumnName" content="政策文件"><meta name="ColumnType" content="政策文件">
<meta name="ArticleTitle" content="关于印发《吉林省交通运输行政执法规范》的通知"><meta name="PubDate" content="2022-03-15 09:30">
<meta name="ContentSource" content="吉林省交通运输厅">`,
  ),
};

/** dl/dt/dd disclosure with the synonym labels and full-width colons. */
export const dlArticle = {
  url: 'http://jt.jl.gov.cn/zwgk/gfxwj/202201/t20220105_8300001.html',
  html: page(
    '吉林省公路养护管理暂行办法',
    `<div class="crumb"><span>您现在的位置：</span><a href="/index.html">网站首页</a> › <a href="/zwgk/">信息公开</a> › <span>规范性文件</span></div>
<dl class="info"><dt>信息索引号：</dt><dd>11220000013544357T/2022-00002</dd><dt>发文机关：</dt><dd>吉林省交通运输厅</dd>
<dt>发文字号：</dt><dd>吉交规〔2022〕1号</dd><dt>发文日期：</dt><dd>2022年1月5日</dd><dt>效力状态：</dt><dd>有效</dd>
<dt>失效日期：</dt><dd>2024-01-04</dd><dt>公开属性：</dt><dd>主动公开</dd></dl>
<div id="zoom"><p>第一条 为加强公路养护管理，制定本办法。</p><p>第二条 本办法自2022年2月1日起施行，有效期2年。</p></div>`,
  ),
};

/** div/span label-value pairs, several pairs in one line, 时效, 公开形式. */
export const divArticle = {
  url: 'http://jt.jl.gov.cn/art/2022/4/2/art_123_4567.html',
  html: page(
    '关于2022年道路运输工作的意见',
    `<div class="position">位置：<a href="/">首页</a> / <a href="/col/col123/index.html">通知公告</a></div>
<div class="detail-info"><div class="row"><span class="label">索引号</span><span class="value">000014349/2022-00120</span></div>
<div class="row"><span class="label">发文单位</span><span class="value">吉林省交通运输厅运输处</span></div>
<div class="row"><span class="label">主题分类</span><span class="value">道路运输</span></div>
<div class="row"><span class="label">时效</span><span class="value">失效</span></div></div>
<p class="line">发布日期：２０２２年４月２日　有效期：2023-04-01　公开形式：依申请公开</p>
<div class="article"><p>为做好2022年道路运输工作，提出如下意见。</p><p>一、总体要求。</p></div>`,
  ),
};

/** ul/li list with span dates, a nav menu, TRS createPageHTML pagination. */
export const ulList = {
  url: 'http://jt.jl.gov.cn/zwdt/jtyw/index.html',
  html: page(
    '交通要闻_吉林省交通运输厅',
    `${NAV}
<div class="breadcrumb"><a href="/">首页</a> » <a href="/zwdt/">政务动态</a> » 交通要闻</div>
<ul class="list">
<li><a href="./202203/t20220315_8412345.html" title="全省交通运输工作会议召开">全省交通运输工作会议召开</a><span>2022-03-15</span></li>
<li><a href="./202203/t20220310_8412300.html" title="春运工作圆满完成，全省共发送旅客一千二百万人次">春运工作圆满完成，全省共发送旅客...</a><span>[2022-03-10]</span></li>
<li><a href="./202202/t20220228_8412200.html">厅党组召开理论学习中心组会议</a><span>2022-02-28</span></li>
</ul>
<div class="page"><script language="JavaScript">
var currentPage = 0;
var countPage = 5;
createPageHTML(countPage, currentPage, "index", "html");
</script></div>`,
    `<meta name="ColumnName" content="交通要闻"><meta name="ColumnType" content="列表">
<script>function createPageHTML(_nPageCount, _nCurrIndex, _sPageName, _sPageExt){}</script>`,
  ),
};

/** Legacy table list with inline styles, bracketed dates, plain TRS pager links. */
export const tableList = {
  url: 'http://jt.jl.gov.cn/zwgk/tzgg/index_1.html',
  html: page(
    '通知公告',
    `<table width="100%" border="0" cellspacing="0" cellpadding="0"><tbody>
<tr><td width="20" style="color:#999">·</td><td style="font-size:14px"><a href="./202203/t20220301_8410001.html" target="_blank">关于开展2022年度安全生产检查的通知</a></td><td width="90" style="color:#999">(2022-03-01)</td></tr>
<tr><td width="20">·</td><td><a href="./202202/t20220215_8410000.html" target="_blank">关于春节期间值班安排的通知</a></td><td width="90">(2022-02-15)</td></tr>
<tr><td width="20">·</td><td><a href="http://www.jl.gov.cn/zw/tz/202201/t20220120_1.html">省政府关于做好冬季运输保障的通知</a></td><td width="90">(2022-01-20)</td></tr>
</tbody></table>
<div class="pages">共3页 <a href="index.html">首页</a> <a href="index.html">上一页</a> <a href="index_2.html">下一页</a> <a href="index_2.html">尾页</a></div>`,
  ),
};

/** Div cards with p.time, full-width digits and 【】 brackets; also an undated "more" block that is not a list. */
export const cardList = {
  url: 'http://jt.jl.gov.cn/zwgk/zcjd/',
  html: page(
    '政策解读',
    `<div class="sidebar"><div class="box"><a href="/zwgk/zcwj/">政策文件</a></div><div class="box"><a href="/zwgk/zcjd/">政策解读</a></div></div>
<div class="news-cards">
<div class="item"><a href="./202203/t20220316_8412400.html"><h3>《吉林省交通运输行政执法规范》解读</h3></a><div class="date">２０２２年０３月１６日</div></div>
<div class="item"><a href="./202201/t20220110_8300100.html"><h3>一图读懂公路养护管理暂行办法</h3></a><p class="time">【2022/01/10】</p></div>
<div class="item"><a href="./202112/t20211220_8200100.html"><h3>2021年交通运输工作回顾</h3></a><p class="time">2021.12.20</p></div>
</div>`,
  ),
};

/** Hanweb column page with ?uid=&pageNum= pager links and 共N页. */
export const hanwebList = {
  url: 'http://jt.jl.gov.cn/col/col123/index.html?uid=4567&pageNum=2',
  html: page(
    '通知公告',
    `<div id="4567"><div class="default_pgContainer">
<li><a href="/art/2022/3/15/art_123_4567.html">关于做好清明节期间道路运输工作的通知</a><span class="bt_time">2022年3月15日</span></li>
<li><a href="/art/2022/3/1/art_123_4560.html">关于公布2022年第一批道路运输企业名单的公告</a><span class="bt_time">2022年3月1日</span></li>
</div>
<div class="default_pgToolbar">共4页 <a href="/col/col123/index.html?uid=4567&amp;pageNum=1">上一页</a> <a href="/col/col123/index.html?uid=4567&amp;pageNum=3">下一页</a> <a href="/col/col123/index.html?uid=4567&amp;pageNum=4">尾页</a></div></div>`,
  ),
};

/** Hanweb column page whose list exists only as datastore records for the jpage script. */
export const hanwebDatastore = {
  url: 'http://jt.jl.gov.cn/col/col456/index.html',
  html: page(
    '政策解读',
    `<div id="78901"><script type="text/xml"><datastore>
<nextgroup><![CDATA[<a href="/module/web/jpage/dataproxy.jsp?page=1&webid=1&columnid=456&unitid=78901&perpage=15"></a>]]></nextgroup>
<recordset>
<record><![CDATA[<li><a href="/art/2022/3/16/art_456_1001.html" title="《吉林省交通运输行政执法规范》解读" target="_blank">《吉林省交通运输行政执法规范》解读</a><span>2022-03-16</span></li>]]></record>
<record><![CDATA[<li><a href='/art/2022/1/10/art_456_1000.html' title="一图读懂公路养护管理暂行办法（全文）">一图读懂公路养护管理暂行...</a><span>2022-01-10</span></li>]]></record>
</recordset></datastore></script></div>
<script>$('#78901').jpage({ dataStore: [], perPage: 15, totalRecord: 32 });</script>`,
  ),
};

/** Home page with news blocks and the footer. */
export const home = {
  url: 'http://jt.jl.gov.cn/index.html',
  html: page(
    '吉林省交通运输厅',
    `${NAV}
<div class="news"><h2>交通要闻</h2><ul>
<li><a href="/zwdt/jtyw/202203/t20220315_8412345.html">全省交通运输工作会议召开</a><em>03-15</em><span class="date">2022-03-15</span></li>
<li><a href="/zwdt/jtyw/202203/t20220310_8412300.html">春运工作圆满完成</a><span class="date">2022-03-10</span></li></ul></div>
<div class="links"><a href="mailto:jtt@jl.gov.cn">联系我们</a> <a href="tel:043188888888">电话</a> <a href="javascript:void(0)">收藏</a> <a href="#top">返回顶部</a> <a href="">空</a></div>
${FOOTER}`,
    `<meta name="SiteName" content="吉林省交通运输厅"><meta name="SiteDomain" content="jt.jl.gov.cn"><meta name="SiteIDCode" content="2200000012">`,
  ),
};

/** Every link-bearing element, <base href>, srcset, session ids. */
export const linksPage = {
  url: 'http://jt.jl.gov.cn/special/zt2022/index.html',
  html: page(
    '专题',
    `<map name="m"><area href="area.html" alt="区域"></map>
<img src="logo.png" srcset="logo-1x.png 1x, logo-2x.png 2x" alt="标志">
<picture><source srcset="banner.webp 1200w,banner-small.webp 600w" type="image/webp"><img src="banner.jpg" alt="横幅"></picture>
<iframe src="https://map.example.com/embed?id=1" title="地图"></iframe>
<video src="v.mp4" poster="v.jpg"><source src="v.webm"></video><audio src="a.mp3"></audio>
<embed src="flash.swf"><object data="doc.pdf"></object>
<a href="list.jsp;jsessionid=ABC123?id=5&amp;jsessionid=x">列表</a>
<a href="  /zwgk/附件.xls  ">统计表</a>
<a href="data:text/plain,hi">数据</a><a href="ftp://files.example.com/a.zip">FTP</a>
<a href="https://WWW.JT.JL.GOV.CN:443/a/b.html#sec">同站</a>
<a href="http://other.gov.cn/x.DOCX"><img src="icon.gif" alt="下载文件"></a>`,
    `<base href="http://jt.jl.gov.cn/static/"><link rel="stylesheet" href="css/main.css"><link rel="preconnect" href="https://fonts.example.com">
<script src="js/jquery.js"></script>`,
  ),
};

export const brokenHtml = {
  url: 'http://jt.jl.gov.cn/broken.html',
  html: `<html><head><title>残缺</title><body><div><p>未闭合段落<table><tr><td>单元格<a href="x.html">链接<div></td></tr><li>孤立列表项<span>2022-03-15</b></i></font>
<script>var a = "</div>";</script><!-- 未闭合注释`,
};

export const emptyDoc = { url: 'http://jt.jl.gov.cn/empty.html', html: '' };

/** Binary bytes decoded as text (a file served as text/html). */
export const binaryGarbage = {
  url: 'http://jt.jl.gov.cn/download.html',
  html: Array.from({ length: 3000 }, (_, i) => String.fromCharCode((i * 7919) % 256)).join('') + '\ufffd'.repeat(200),
};

export const ALL_FIXTURES = {
  trsArticle, dlArticle, divArticle, ulList, tableList, cardList, hanwebList, hanwebDatastore, home, linksPage, brokenHtml, emptyDoc, binaryGarbage,
};

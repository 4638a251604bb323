// Static assets every page references (css, js with the TRS createPageHTML function, images) and robots.txt.
import type { SiteBuilder } from '../site-builder.js';
import type { DemoSection } from './types.js';

const PNG_1X1 = Uint8Array.from(
  Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64'),
);
const GIF_1X1 = Uint8Array.from(Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64'));

// Writes the pager the way TRS templates do, at the script's position.
const COMMON_JS = `function createPageHTML(_nPageCount, _nCurrIndex, _sPageName, _sPageExt) {
  if (_nPageCount == null || _nPageCount <= 1) { return; }
  var html = '';
  var name = function (i) { return i == 0 ? _sPageName + '.' + _sPageExt : _sPageName + '_' + i + '.' + _sPageExt; };
  html += '<span class="page-count">共' + _nPageCount + '页</span> ';
  html += _nCurrIndex == 0 ? '<span>首页</span> ' : '<a href="' + name(0) + '">首页</a> ';
  for (var i = 0; i < _nPageCount; i++) {
    html += i == _nCurrIndex ? '<span class="current">' + (i + 1) + '</span> ' : '<a href="' + name(i) + '">' + (i + 1) + '</a> ';
  }
  html += _nCurrIndex == _nPageCount - 1 ? '<span>尾页</span>' : '<a href="' + name(_nPageCount - 1) + '">尾页</a>';
  document.write(html);
}
`;

export const assetsSection: DemoSection = {
  name: 'assets',
  build(b: SiteBuilder) {
    b.addFile('/css/style.css', 'body{font-family:"Microsoft YaHei",SimSun,sans-serif;margin:0}.nav li{display:inline-block;margin:0 10px}.list li{line-height:32px}.list .date{float:right;color:#999}\n', 'text/css; charset=utf-8');
    b.addFile('/js/common.js', COMMON_JS, 'application/javascript; charset=utf-8');
    b.addFile('/js/jiucuo.js', '/* 政府网站找错 */\n', 'application/javascript; charset=utf-8');
    b.addFile('/images/logo.png', PNG_1X1, 'image/png');
    b.addFile('/images/dzjg.png', PNG_1X1, 'image/png');
    b.addFile('/images/dot.gif', GIF_1X1, 'image/gif');
    b.addFile('/favicon.ico', PNG_1X1, 'image/x-icon');
    b.addFile('/robots.txt', 'User-agent: *\nDisallow: /admin/\n', 'text/plain; charset=utf-8');
  },
};

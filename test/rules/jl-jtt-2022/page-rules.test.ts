// RuleTester cases for the jl-jtt-2022 page rule: each HTML case runs through extractPage on the cheerio AND the
// happy-dom adapter, and fails when the two disagree or differ from the expectation.
import { describe, it } from 'vitest';
import { RuleTester } from '../../../rules/rule-tester.js';
import { disclosureAttributeMissing } from '../../../rules/jl-jtt-2022/index.js';

const tester = new RuleTester({ describe, it, asOf: '2024-06-30' });
const TITLE = '吉林省交通运输厅关于加强农村公路养护管理工作的通知';

function doc(table: string, body = '<p>现将有关事项通知如下。</p>', head = ''): string {
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><title>${TITLE}_吉林省交通运输厅</title>
<meta name="ArticleTitle" content="${TITLE}">${head}</head>
<body><div class="header"><a href="/">首页</a><a href="/zwgk/ysqgk/">依申请公开</a></div>
<div class="position">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/zcwj/">政策文件</a></div>
<div class="article">${table}<h1>${TITLE}</h1><div class="TRS_Editor" id="content">${body}</div></div></body></html>`;
}

const TRS_TABLE = (extra = '') => `<table class="xxgk"><tr><td>索 引 号：</td><td>000014349/2024-00039</td><td>发布机构：</td><td>吉林省交通运输厅</td></tr>
<tr><td>文　　号：</td><td>吉交发〔2024〕12号</td><td>成文日期：</td><td>2024年05月28日</td></tr>${extra}</table>`;
const DIV_LIST = (extra = '') => `<div class="xxgk-info"><span>信息索引号：11220000013544012X/2024-00088</span><span>发文字号：吉交规〔2024〕3号</span>${extra}</div>`;

const MESSAGE = `文件《${TITLE}》未标明公开属性，请在信息公开要素中补充“公开方式”或在正文标注“此件公开发布”等公开属性`;

describe('jl-jtt-2022 page rules (RuleTester: cheerio and DOM adapters)', () => {
  tester.run(disclosureAttributeMissing, {
    valid: [
      { name: '公开方式 in a TRS table', html: doc(TRS_TABLE('<tr><td>公开方式：</td><td>主动公开</td></tr>')) },
      { name: '公开属性 in a div list with spaces', html: doc(DIV_LIST('<span>公开 属性： 依申请公开</span>')) },
      { name: '（此件公开发布） at the end of the text', html: doc(TRS_TABLE(), '<p>特此通知。</p><p>（此件公开发布）</p>') },
      { name: 'a news article without a disclosure table', html: doc('', '<p>6月1日，厅召开专题会议。</p>') },
      {
        name: 'requireDocNo: an index-number-only page is not a document',
        html: doc('<table><tr><td>索引号：</td><td>000014349/2024-00040</td></tr></table>'),
        options: { requireDocNo: true },
      },
    ],
    invalid: [
      { name: 'TRS table with 文号 and no 公开方式', html: doc(TRS_TABLE()), findings: [{ messageId: 'missing', message: MESSAGE, evidence: { docNo: '吉交发〔2024〕12号' } }] },
      {
        name: 'div list with 发文字号, full-width colons, no 公开属性 (a nav link named 依申请公开 does not count)',
        html: doc(DIV_LIST()),
        findings: [{ messageId: 'missing', evidence: { docNo: '吉交规〔2024〕3号' } }],
      },
      {
        name: 'index-number-only page is a document by default',
        html: doc('<table><tr><td>索引号：</td><td>000014349/2024-00040</td></tr></table>'),
        findings: [{ messageId: 'missing', message: /补充“公开方式”/ }],
      },
    ],
  });
});

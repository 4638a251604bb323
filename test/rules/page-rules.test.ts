// RuleTester cases for every national page rule: each HTML case runs through extractPage on the cheerio AND the
// happy-dom adapter, and fails when the two disagree or differ from the expectation.
import { describe, expect, it } from 'vitest';
import { RuleTester } from '../../rules/rule-tester.js';
import { contentSeriousError, metaMissing, privacyIdNumber, privacyMobile } from '../../rules/national/index.js';
import { makeId } from './helpers.js';

const tester = new RuleTester({ describe, it, asOf: '2024-06-30' });

const META_ALL = {
  SiteName: '吉林省交通运输厅',
  SiteDomain: 'jtt.example.gov.cn',
  SiteIDCode: '2200000012',
  ColumnName: '通知公告',
  ArticleTitle: '关于某事项的公示',
  PubDate: '2024-06-01 09:00',
  ContentSource: '吉林省交通运输厅',
};

function article(body: string, opts: { meta?: Record<string, string>; footerId?: string; title?: string } = {}): string {
  const meta = opts.meta ?? META_ALL;
  const tags = Object.entries(meta)
    .map(([k, v]) => `<meta name="${k}" content="${v}">`)
    .join('\n');
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><title>${opts.title ?? '关于某事项的公示_吉林省交通运输厅'}</title>${tags}</head>
<body><div class="header"><a href="/">首页</a></div>
<div class="position">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/tzgg/">通知公告</a></div>
<div class="article"><h1>${opts.title ?? '关于某事项的公示'}</h1><div class="info">发布时间：2024-06-01</div>
<div class="TRS_Editor" id="content">${body}</div></div>
<div class="footer"><p>主办单位：吉林省交通运输厅 网站标识码：${opts.footerId ?? '2200000012'} 吉ICP备05001234号</p></div></body></html>`;
}

const ID = makeId('220102', '19880716', '023');
const ID2 = makeId('220104', '19910203', '046');
const FAILING = ID.slice(0, 17) + (ID[17] === '1' ? '2' : '1');
const CREDIT = makeId('122200', '00412760', '123'); // a credit-code-like run that passes the checksum

describe('national page rules (RuleTester: cheerio and DOM adapters)', () => {
  tester.run(privacyIdNumber, {
    valid: [
      { name: 'masked ID', html: article('<p>身份证号：220102********1234</p>') },
      { name: 'checksum-failing 18 digits', html: article(`<p>证件号码：${FAILING}</p>`) },
      { name: '索引号 credit code passes checksum', html: article(`<table><tr><td>索引号：</td><td>${CREDIT}/2024-00039</td></tr></table>`) },
      { name: 'inside a longer run', html: article(`<p>流水号：20${ID}77</p>`) },
      { name: 'future birth date', html: article(`<p>编号：${makeId('220102', '20300101')}</p>`) },
      { name: 'attachment with a masked ID', text: '姓名 张三 身份证 220102********1234', record: { kind: 'attachment' } },
    ],
    invalid: [
      {
        name: 'unmasked ID in a table cell, evidence masked',
        html: article(`<table><tbody><tr><td>张某某</td><td>${ID}</td></tr></tbody></table><p>联系人 ${ID}</p>`),
        findings: [
          {
            messageId: 'page',
            selector: '#content > table > tbody > tr > td:nth-of-type(2)',
            evidence: { masked: `${ID.slice(0, 6)}********${ID.slice(-4)}`, count: 2 },
          },
        ],
      },
      {
        name: 'two distinct IDs',
        html: article(`<p>甲：${ID}</p><p>乙：${ID2.toLowerCase()}</p>`),
        findings: [{ messageId: 'page', selector: '#content > p:nth-of-type(1)' }, { messageId: 'page', selector: '#content > p:nth-of-type(2)' }],
      },
      {
        name: 'xlsx attachment record',
        text: `序号 姓名 身份证号\n1 王某 ${ID}\n2 李某 220102********1234`,
        url: 'https://jtt.example.gov.cn/zwgk/rsxx/202406/P020240601.xlsx',
        record: { kind: 'attachment', parentUrl: 'https://jtt.example.gov.cn/zwgk/rsxx/202406/t20240601_1.html' },
        findings: [{ messageId: 'attachment', url: 'https://jtt.example.gov.cn/zwgk/rsxx/202406/P020240601.xlsx', evidence: { parentUrl: 'https://jtt.example.gov.cn/zwgk/rsxx/202406/t20240601_1.html' } }],
      },
    ],
  });

  tester.run(privacyMobile, {
    valid: [
      { name: 'landline and masked mobile', html: article('<p>咨询电话：0431-88905678；联系人手机 138****1234。</p>') },
      { name: 'mobile-like run inside a 22-digit serial', html: article('<p>登记流水号：2022031513904311234567</p>') },
      { name: 'inside an ID number', html: article(`<p>证件：${makeId('220102', '19880716', '023')}</p>`) },
      { name: 'csv attachment with a landline only', text: '单位,电话\n财务处,0431-88905678\n联系人,139****5678', record: { kind: 'attachment' } },
    ],
    invalid: [
      {
        name: 'unmasked mobile in a paragraph',
        html: article('<p>公示期间如有异议，请联系 13943125678（张先生）。</p>'),
        findings: [{ messageId: 'page', selector: '#content > p', evidence: { masked: '139****5678' }, message: /139\*\*\*\*5678/ }],
      },
      {
        name: 'txt attachment',
        text: '申请须知：咨询联系人手机17743109876',
        record: { kind: 'attachment' },
        findings: [{ messageId: 'attachment', evidence: { masked: '177****9876' } }],
      },
    ],
  });

  tester.run(contentSeriousError, {
    valid: [
      { name: 'correct formulations', html: article('<p>以习近平新时代中国特色社会主义思想为指导，迎接党的二十大胜利召开，学习《中华人民共和国安全生产法》。</p>') },
      { name: 'builtin dictionary off', html: article('<p>学习《中华人名共和国安全生产法》</p>'), options: { builtin: false } },
    ],
    invalid: [
      {
        name: 'misspelt country name',
        html: article('<p>深入学习贯彻《中华人名共和国安全生产法》，压实责任。</p>'),
        findings: [{ messageId: 'error', selector: '#content > p', evidence: { wrong: '中华人名共和国', right: '中华人民共和国' }, message: /应为“中华人民共和国”/ }],
      },
      {
        name: 'mis-ordered formulation in the title',
        html: article('<p>正文。</p>', { title: '坚持以新时代习近平中国特色社会主义思想为指导' }),
        findings: [{ messageId: 'error', evidence: { wrong: '新时代习近平中国特色社会主义思想' } }],
      },
      {
        name: 'context snippet masks a nearby mobile number',
        html: article('<p>联系人手机13943125678，学习《中华人名共和国安全生产法》。</p>'),
        findings: [{ messageId: 'error', evidence: { context: '…139****5678，学习《中华人名共和国安全生产法》。' } }],
      },
      {
        name: 'config seriousErrors entry',
        html: article('<p>吉林省交通运输厅厅长张三出席。</p>'),
        settings: { seriousErrors: [{ wrong: '厅长张三', right: '厅长李四' }] },
        findings: [{ messageId: 'error', evidence: { wrong: '厅长张三', right: '厅长李四', category: '配置词条' } }],
      },
    ],
  });

  tester.run(metaMissing, {
    valid: [
      { name: 'article with all meta and matching footer', html: article('<p>正文</p>'), record: { kind: 'article' } },
      { name: 'lower-case meta names', html: article('<p>正文</p>', { meta: Object.fromEntries(Object.entries(META_ALL).map(([k, v]) => [k.toLowerCase(), v])) }), record: { kind: 'article' } },
      {
        name: 'list page needs only the first three',
        html: article('<ul><li><a href="a.html">a</a></li></ul>', { meta: { SiteName: 'x', SiteDomain: 'y', SiteIDCode: '2200000012' } }),
        record: { kind: 'list' },
      },
    ],
    invalid: [
      {
        name: 'article lacking ContentSource and PubDate',
        html: article('<p>正文</p>', { meta: { ...META_ALL, ContentSource: '', PubDate: '' } }),
        record: { kind: 'article' },
        findings: [{ messageId: 'missing', evidence: { missing: ['PubDate', 'ContentSource'] }, message: /PubDate、ContentSource/ }],
      },
      {
        name: 'footer 网站标识码 differs from SiteIDCode',
        html: article('<p>正文</p>', { meta: { ...META_ALL, SiteIDCode: '2200000021' } }),
        record: { kind: 'article' },
        findings: [{ messageId: 'idMismatch', evidence: { footer: '2200000012', meta: '2200000021' } }],
      },
    ],
  });
});

describe('privacy findings never carry a number in full', () => {
  it('masks the number in every field of the finding', async () => {
    const html = article(`<p>身份证${ID}，手机13943125678，另${ID2}</p>`);
    for (const rule of [privacyIdNumber, privacyMobile]) {
      const { findings } = await tester.runPageCase(rule, { html });
      expect(findings.length).toBeGreaterThan(0);
      for (const f of findings) {
        const text = JSON.stringify(f);
        for (const n of [ID, ID2, '13943125678']) expect(text).not.toContain(n);
        expect(f.message).toMatch(/[\u4e00-\u9fff]/);
      }
    }
  });
});

// The reports' 政务新媒体 section: every account with its zh-CN status and last post, in the HTML report and as
// a sheet of report.xlsx; account names and titles from feeds are escaped, never markup.
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { parseAudit, type NewMediaAccountSummary } from '../../reports/audit-schema.js';
import { renderHtmlReport } from '../../reports/render/html-report.js';
import { buildWorkbook } from '../../reports/render/xlsx-report.js';

const accounts: NewMediaAccountSummary[] = [
  { name: '吉林交通', platform: 'wechat', owner: '办公室', status: 'ok', posts: 3, listedOnSite: true, feed: 'https://rsshub.example/jljt', lastPost: { date: '2022-06-14', title: '全省交通运输安全生产工作视频会议召开', url: 'https://mp.weixin.qq.com/s/1' } },
  { name: '吉林交通发布', platform: 'weibo', owner: '办公室', status: 'stale', posts: 2, listedOnSite: true, lastPost: { date: '2022-05-26', title: '端午假期高速公路出行指南' } },
  { name: '吉林航道', platform: 'wechat', owner: '航道局', status: 'unreachable', posts: 0, listedOnSite: true },
  { name: '吉林交通执法', platform: 'toutiao', status: 'unlisted', posts: 3, listedOnSite: false },
  { name: '吉林交通', platform: 'douyin', status: 'unconfigured', posts: 0, listedOnSite: true },
  { name: '<img src=x onerror=alert(1)>', platform: 'bilibili', status: 'nofeed', posts: 0, lastPost: { title: '<b>标题</b>', url: 'javascript:alert(1)' } },
];

const audit = parseAudit({
  schemaVersion: 1,
  tool: { name: 'gongkai', version: '0.0.0' },
  audit: { id: 'a1', site: 'https://jtt.example.gov.cn/', asOf: '2022-06-15', startedAt: '2022-06-15T01:00:00Z', finishedAt: '2022-06-15T01:05:00Z', pagesCrawled: 10, rulePacks: ['national'] },
  findings: [],
  newMedia: { accounts },
});

describe('政务新媒体 section of the reports', () => {
  it('HTML: one row per account with platform, owner, status, last post and listing, all escaped', () => {
    const html = renderHtmlReport(audit);
    const section = /<section id="newmedia">[\s\S]*?<\/section>/.exec(html)?.[0] ?? '';
    expect(section).toContain('<h2>政务新媒体</h2>');
    expect(section.match(/<tr>/g)).toHaveLength(accounts.length + 1);
    for (const label of ['正常', '不更新', '无法访问', '未在网站公布', '网站公布但未列入配置', '未配置订阅源']) expect(section).toContain(`<td>${label}</td>`);
    expect(section).toContain('<td>2022-05-26</td>');
    expect(section).toContain('href="https://mp.weixin.qq.com/s/1"');
    expect(section).not.toContain('<img src=x');
    expect(section).not.toContain('<b>标题</b>');
    expect(section).not.toMatch(/href="javascript:/);
  });

  it('XLSX: a 政务新媒体账号 sheet with the same rows', async () => {
    const buf = await buildWorkbook(audit).xlsx.writeBuffer();
    const read = new ExcelJS.Workbook();
    await read.xlsx.load(buf as ArrayBuffer);
    const ws = read.getWorksheet('政务新媒体账号')!;
    expect(ws).toBeDefined();
    const rows = (ws.getSheetValues() as unknown[][]).filter(Boolean).map((r) => r.slice(1, 9).map((v) => (v && typeof v === 'object' && 'text' in v ? (v as { text: string }).text : (v ?? ''))));
    expect(rows[0]).toEqual(['账号', '平台', '主管处室', '状态', '最近发布日期', '最近发布', '近期发文', '网站公布']);
    expect(rows.slice(1, 3)).toEqual([
      ['吉林交通', '微信公众号', '办公室', '正常', '2022-06-14', '全省交通运输安全生产工作视频会议召开', 3, '是'],
      ['吉林交通发布', '微博', '办公室', '不更新', '2022-05-26', '端午假期高速公路出行指南', 2, '是'],
    ]);
    expect(rows.map((r) => r[3])).toEqual(['状态', '正常', '不更新', '无法访问', '未在网站公布', '网站公布但未列入配置', '未配置订阅源']);
    // A javascript: URL is never a hyperlink.
    expect(JSON.stringify(ws.getSheetValues())).not.toContain('javascript:');
    const none = await buildWorkbook(parseAudit({ ...audit, newMedia: undefined })).xlsx.writeBuffer();
    const empty = new ExcelJS.Workbook();
    await empty.xlsx.load(none as ArrayBuffer);
    expect(empty.getWorksheet('政务新媒体账号')).toBeUndefined();
  });
});

import { describe, expect, it } from 'vitest';
import { defineRule } from '../../rules/define-rule.js';
import { RuleTester, RuleTesterError, siteModelFrom } from '../../rules/rule-tester.js';
import { columnEmpty, privacyMobile } from '../../rules/national/index.js';

const tester = new RuleTester({ asOf: '2024-06-30' });
const html = '<html><body><div id="content"><p>手机13943125678</p></div></body></html>';

// Reports only on the cheerio side (domhandler nodes carry a `type`), to prove that disagreement is caught.
const adapterSensitive = defineRule({
  meta: {
    id: 'test/adapter-sensitive',
    scope: 'page',
    severity: 'minor',
    tags: [],
    docs: { title: '测试', description: '测试', source: '测试', fix: '测试' },
    messages: { hit: '测试命中' },
  },
  check(ctx) {
    if (ctx.dom && 'type' in (ctx.dom.root() as object)) ctx.report({ messageId: 'hit' });
  },
});

describe('RuleTester', () => {
  it('fails when the cheerio and DOM adapters disagree', async () => {
    await expect(tester.runPageCase(adapterSensitive, { html })).rejects.toThrow(/cheerio 与 DOM 适配器结果不一致/);
  });

  it('fails on a wrong count, selector, messageId or evidence, and passes a matching expectation', async () => {
    await expect(tester.check(privacyMobile, { html }, [])).rejects.toBeInstanceOf(RuleTesterError);
    await expect(tester.check(privacyMobile, { html }, [{ selector: '#content' }])).rejects.toThrow(/selector/);
    await expect(tester.check(privacyMobile, { html }, [{ messageId: 'attachment' }])).rejects.toThrow(/messageId/);
    await expect(tester.check(privacyMobile, { html }, [{ evidence: { masked: '139****0000' } }])).rejects.toThrow(/evidence\.masked/);
    const ok = await tester.check(privacyMobile, { html }, [{ messageId: 'page', selector: '#content > p', evidence: { masked: '139****5678' } }]);
    expect(ok.findings).toHaveLength(1);
  });

  it('runs site-rule cases on a partial site model', async () => {
    const site = {
      pages: [{ url: 'https://jtt.example.gov.cn/a/', status: 200, kind: 'list' as const }],
      columns: [{ name: '人事信息', url: 'https://jtt.example.gov.cn/a/', listPages: ['https://jtt.example.gov.cn/a/'], entries: [], inDisclosureHub: true, foundBy: ['hub'] }],
    };
    expect(siteModelFrom(site).pageByUrl('https://jtt.example.gov.cn/a/')?.kind).toBe('list');
    await tester.check(columnEmpty, { site }, [{ messageId: 'empty', url: 'https://jtt.example.gov.cn/a/', evidence: { column: '人事信息' } }]);
  });
});

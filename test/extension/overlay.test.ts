// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Overlay, HOST_TAG } from '../../extension/lib/overlay/overlay.js';
import { evidenceLabel, evidenceText } from '../../extension/lib/overlay/evidence.js';
import { finding } from './fixtures.js';

const PAGE = `
  <div id="content">
    <p id="p1">身份证号码 ...</p>
    <a id="dead" href="/files/gone.pdf">附件</a>
    <a id="alive" href="/ok.html">正常</a>
  </div>`;

beforeEach(() => {
  document.body.innerHTML = PAGE;
  // happy-dom does no layout: give every element a visible rect so boxes are placed.
  vi.spyOn(Element.prototype, 'getBoundingClientRect').mockImplementation(function (this: Element) {
    if (this.tagName.toLowerCase() === HOST_TAG) return new DOMRect(0, 0, 0, 0);
    return new DOMRect(10, 20, 100, 30);
  });
});

afterEach(() => {
  vi.restoreAllMocks();
  document.documentElement.querySelectorAll(HOST_TAG).forEach((n) => n.remove());
});

describe('Overlay', () => {
  it('outlines elements by selector and links by target, and banners page-level findings', () => {
    const overlay = new Overlay(document);
    const placed = overlay.render([
      { finding: finding({ id: 'sel', selector: '#p1', severity: 'critical', message: '页面公开了未遮盖的公民身份号码' }), origin: 'live', fix: '遮盖号码' },
      { finding: finding({ id: 'tgt', target: `${location.origin}/files/gone.pdf` }), origin: 'audit' },
      { finding: finding({ id: 'page', rule: 'policy/interpretation-missing', message: '缺少政策解读' }), origin: 'audit' },
    ]);
    expect([...placed].sort()).toEqual(['sel', 'tgt']);
    const boxes = [...overlay.root.querySelectorAll('.box')] as HTMLElement[];
    expect(boxes).toHaveLength(2);
    expect(boxes.map((b) => b.dataset.ids).sort()).toEqual(['sel', 'tgt']);
    // Positioned over the element's rect (2px outset), live findings drawn dashed.
    const live = boxes.find((b) => b.dataset.ids === 'sel')!;
    expect(live.classList.contains('live')).toBe(true);
    expect(live.style.top).toBe('18px');
    expect(live.style.width).toBe('104px');
    const tip = live.querySelector('.tip')!.textContent!;
    expect(tip).toContain('页面公开了未遮盖的公民身份号码');
    expect(tip).toContain('严重');
    expect(tip).toContain('实时检查');
    expect(tip).toContain('整改建议：遮盖号码');
    expect(boxes.find((b) => b.dataset.ids === 'tgt')!.querySelector('.tip')!.textContent).toContain('审计结果');
    // The page-level finding is in the banner, which is shown.
    expect(overlay.bannerVisible).toBe(true);
    expect(overlay.root.querySelector('.banner li')!.textContent).toContain('缺少政策解读');
  });

  it('outlines a broken image by its target and shows evidence in zh-CN (labels and values)', () => {
    document.getElementById('content')!.insertAdjacentHTML('beforeend', '<img id="logo" src="/img/logo.png" alt="">');
    const overlay = new Overlay(document);
    const placed = overlay.render([
      {
        finding: finding({ id: 'img', target: `${location.origin}/img/logo.png`, message: '图片无法显示', evidence: { status: 404, tag: 'img', internal: true, redirects: ['/a', '/b'] } }),
        origin: 'audit',
      },
      { finding: finding({ id: 'col', rule: 'column/stale', message: '栏目长期未更新', evidence: { column: '通知公告', class: 'notice', thresholdDays: 90, custom: 'x' } }), origin: 'audit' },
    ]);
    expect([...placed]).toEqual(['img']);
    const tip = overlay.root.querySelector('.box .tip')!.textContent!;
    expect(tip).toContain('HTTP 状态：404');
    expect(tip).toContain('元素：图片');
    expect(tip).toContain('站内链接：是');
    expect(tip).toContain('跳转：/a、/b');
    expect(tip).not.toMatch(/internal|tag：|true/);
    expect(overlay.root.querySelector('.banner li')!.textContent).toContain('栏目长期未更新');
    expect([evidenceLabel('class'), evidenceText('notice', 'class'), evidenceText('wechat', 'platform'), evidenceText(false)]).toEqual(['栏目类别', '通知公告类', '微信', '否']);
    expect(evidenceText('x'.repeat(300))).toHaveLength(201);
  });

  it('renders hostile finding text inert (text only, no elements created, no script run)', () => {
    const w = window as unknown as { __pwned?: number };
    const overlay = new Overlay(document);
    const evil = '<script>window.__pwned=1</script><img src=x onerror="window.__pwned=2">';
    overlay.render([
      { finding: finding({ id: 'e1', selector: '#p1', message: evil, evidence: { context: evil, nested: { html: evil } } }), origin: 'audit', fix: evil, ruleTitle: evil },
      { finding: finding({ id: 'e2', message: evil, target: evil }), origin: 'live' },
    ]);
    expect(overlay.root.querySelectorAll('script, img').length).toBe(0);
    expect(document.querySelectorAll('img').length).toBe(0);
    expect(w.__pwned).toBeUndefined();
    const tip = overlay.root.querySelector('.tip')!;
    expect(tip.textContent).toContain('<script>window.__pwned=1</script>');
    expect(overlay.root.querySelector('.banner li')!.textContent).toContain('<img src=x onerror=');
  });

  it('survives an invalid selector from the data by falling back to the banner', () => {
    const overlay = new Overlay(document);
    const placed = overlay.render([{ finding: finding({ id: 'bad', selector: 'p:::nope(' }), origin: 'audit' }]);
    expect(placed.size).toBe(0);
    expect(overlay.root.querySelectorAll('.banner li')).toHaveLength(1);
  });

  it('lives in one closed shadow root on a zero-size host and leaves the page untouched', () => {
    const before = document.body.innerHTML;
    const overlay = new Overlay(document);
    overlay.render([{ finding: finding({ id: 'x', selector: '#p1' }), origin: 'audit' }]);
    expect(document.body.innerHTML).toBe(before);
    const hosts = document.documentElement.querySelectorAll(HOST_TAG);
    expect(hosts).toHaveLength(1);
    expect(hosts[0]!.shadowRoot).toBeNull(); // closed: the page cannot reach in
    expect(overlay.host.style.getPropertyValue('width')).toMatch(/^0(px)?$/);
    expect(overlay.host.style.getPropertyPriority('position')).toBe('important');
    expect(overlay.host.style.getPropertyValue('pointer-events')).toBe('none');
    expect(overlay.isOwnNode(overlay.root.querySelector('.box')!)).toBe(false); // shadow nodes are not light DOM descendants
    expect(overlay.isOwnNode(overlay.host)).toBe(true);
    expect(overlay.isOwnNode(document.getElementById('p1')!)).toBe(false);
    overlay.destroy();
    expect(document.documentElement.querySelectorAll(HOST_TAG)).toHaveLength(0);
  });

  it('dismisses the banner until a new page-level finding appears, and flashes findings on jump', () => {
    const overlay = new Overlay(document);
    const a = { finding: finding({ id: 'pa', message: '缺少解读' }), origin: 'audit' as const };
    overlay.render([a]);
    (overlay.root.querySelector('.close') as HTMLButtonElement).click();
    expect(overlay.bannerVisible).toBe(false);
    overlay.render([a]);
    expect(overlay.bannerVisible).toBe(false);
    overlay.render([a, { finding: finding({ id: 'pb', message: '缺少元数据' }), origin: 'live' }]);
    expect(overlay.bannerVisible).toBe(true);

    const scroll = vi.fn();
    document.getElementById('dead')!.scrollIntoView = scroll;
    overlay.render([{ finding: finding({ id: 'j', selector: '#dead' }), origin: 'audit' }]);
    expect(overlay.flash('j')).toBe(true);
    expect(scroll).toHaveBeenCalled();
    expect(overlay.root.querySelector('.box')!.classList.contains('flash')).toBe(true);
    expect(overlay.flash('missing')).toBe(false);
  });

  it('groups several findings on one element into one box with a count badge, worst severity first', () => {
    const overlay = new Overlay(document);
    overlay.render([
      { finding: finding({ id: 'm1', selector: '#alive', severity: 'minor' }), origin: 'audit' },
      { finding: finding({ id: 'm2', selector: '#alive', severity: 'critical' }), origin: 'live' },
    ]);
    const boxes = overlay.root.querySelectorAll('.box');
    expect(boxes).toHaveLength(1);
    expect(boxes[0]!.querySelector('.badge')!.textContent).toBe('2');
    expect((boxes[0] as HTMLElement).style.getPropertyValue('--sev')).toBe('#cf222e');
  });
});

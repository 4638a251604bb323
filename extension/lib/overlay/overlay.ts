// The on-page overlay: outlines and badges for findings on elements, and a dismissible banner for page-level
// findings. Everything lives in one closed shadow root on a zero-size host, drawn as absolutely positioned boxes
// that track the elements' rects, so the page's layout and styles are never touched. All finding text is set with
// textContent: page and finding data are never parsed as HTML.
import { SEVERITY_LABEL_ZH, SEVERITY_RANK, type Finding, type Severity } from '../../../reports/audit-schema.js';
import { OVERLAY_CSS, SEVERITY_COLOR } from './styles.js';
import { resolveElements } from './resolve.js';
import { evidenceLabel, evidenceText } from './evidence.js';

export interface OverlayEntry {
  finding: Finding;
  origin: 'audit' | 'live';
  /** zh-CN fix text from the rule's docs, when the rule is known. */
  fix?: string;
  /** zh-CN rule title, when the rule is known. */
  ruleTitle?: string;
}

export const ORIGIN_LABEL: Record<OverlayEntry['origin'], string> = { audit: '审计结果', live: '实时检查' };
export const HOST_TAG = 'gongkai-overlay';

interface Placed {
  el: Element;
  box: HTMLElement;
  ids: Set<string>;
}

const HOST_STYLE: Record<string, string> = {
  all: 'initial',
  position: 'absolute',
  top: '0',
  left: '0',
  width: '0',
  height: '0',
  margin: '0',
  padding: '0',
  border: '0',
  overflow: 'visible',
  'z-index': '2147483647',
  'pointer-events': 'none',
  display: 'block',
};

function worst(entries: OverlayEntry[]): Severity {
  return entries.reduce<Severity>((w, e) => (SEVERITY_RANK[e.finding.severity] > SEVERITY_RANK[w] ? e.finding.severity : w), 'minor');
}

export class Overlay {
  readonly host: HTMLElement;
  /** Kept private to the extension: the page cannot reach a closed root. Exposed for tests. */
  readonly root: ShadowRoot;
  private readonly layer: HTMLElement;
  private readonly banner: HTMLElement;
  private readonly bannerList: HTMLElement;
  private placed: Placed[] = [];
  private bannerIds = new Set<string>();
  private dismissed = new Set<string>();
  private frame = 0;
  private readonly onViewportChange = () => this.scheduleUpdate();
  private resizeObserver?: ResizeObserver;

  constructor(private readonly doc: Document) {
    const win = doc.defaultView;
    this.host = doc.createElement(HOST_TAG);
    for (const [prop, value] of Object.entries(HOST_STYLE)) this.host.style.setProperty(prop, value, 'important');
    this.root = this.host.attachShadow({ mode: 'closed' });
    const style = doc.createElement('style');
    style.textContent = OVERLAY_CSS;
    this.layer = doc.createElement('div');
    this.layer.className = 'layer';
    this.banner = doc.createElement('div');
    this.banner.className = 'banner hidden';
    this.banner.setAttribute('role', 'region');
    this.banner.setAttribute('aria-label', '公开 Gongkai：本页问题');
    const heading = doc.createElement('h2');
    heading.textContent = '本页存在的问题';
    const close = doc.createElement('button');
    close.className = 'close';
    close.type = 'button';
    close.textContent = '×';
    close.title = '关闭提示';
    close.setAttribute('aria-label', '关闭提示');
    close.addEventListener('click', () => {
      for (const id of this.bannerIds) this.dismissed.add(id);
      this.banner.classList.add('hidden');
    });
    this.bannerList = doc.createElement('ul');
    this.banner.append(heading, this.bannerList, close);
    this.root.append(style, this.layer, this.banner);
    this.attach();
    win?.addEventListener('scroll', this.onViewportChange, { capture: true, passive: true });
    win?.addEventListener('resize', this.onViewportChange, { passive: true });
    if (win && 'ResizeObserver' in win) {
      this.resizeObserver = new win.ResizeObserver(this.onViewportChange);
      this.resizeObserver.observe(doc.documentElement);
    }
  }

  /** Re-attach when a page script replaced the document's content. */
  private attach(): void {
    if (!this.host.isConnected) this.doc.documentElement.append(this.host);
  }

  isOwnNode(node: Node): boolean {
    return node === this.host || this.host.contains(node);
  }

  get bannerVisible(): boolean {
    return !this.banner.classList.contains('hidden');
  }

  /** Draw the given findings; returns the ids placed on elements (the rest went to the banner). */
  render(entries: OverlayEntry[]): Set<string> {
    this.attach();
    this.layer.replaceChildren();
    this.bannerList.replaceChildren();
    this.placed = [];
    this.bannerIds = new Set();
    const byElement = new Map<Element, OverlayEntry[]>();
    const pageLevel: OverlayEntry[] = [];
    const placedIds = new Set<string>();
    for (const entry of entries) {
      const els = resolveElements(this.doc, entry.finding, (n) => this.isOwnNode(n));
      if (!els.length) {
        pageLevel.push(entry);
        continue;
      }
      placedIds.add(entry.finding.id);
      for (const el of els) {
        const list = byElement.get(el) ?? [];
        list.push(entry);
        byElement.set(el, list);
      }
    }
    for (const [el, list] of byElement) this.placed.push(this.drawBox(el, list));
    for (const entry of pageLevel) {
      const li = this.doc.createElement('li');
      li.dataset.id = entry.finding.id;
      li.append(this.describe(entry, false));
      this.bannerList.append(li);
      this.bannerIds.add(entry.finding.id);
    }
    const fresh = [...this.bannerIds].some((id) => !this.dismissed.has(id));
    this.banner.classList.toggle('hidden', !fresh);
    this.update();
    return placedIds;
  }

  private drawBox(el: Element, entries: OverlayEntry[]): Placed {
    const sev = worst(entries);
    const box = this.doc.createElement('div');
    box.className = entries.every((e) => e.origin === 'live') ? 'box live' : 'box';
    box.style.setProperty('--sev', SEVERITY_COLOR[sev] ?? '#cf222e');
    const badge = this.doc.createElement('button');
    badge.type = 'button';
    badge.className = 'badge';
    badge.textContent = entries.length > 1 ? String(entries.length) : '!';
    badge.setAttribute('aria-label', `${entries.length} 个问题：${entries.map((e) => e.finding.message).join('；')}`);
    const tip = this.doc.createElement('div');
    tip.className = 'tip';
    tip.setAttribute('role', 'tooltip');
    for (const entry of entries) {
      const item = this.doc.createElement('div');
      item.className = 'item';
      item.append(this.describe(entry, true));
      tip.append(item);
    }
    box.append(badge, tip);
    box.dataset.ids = entries.map((e) => e.finding.id).join(' ');
    this.layer.append(box);
    return { el, box, ids: new Set(entries.map((e) => e.finding.id)) };
  }

  /** Message, severity, origin, evidence and fix of one finding, as text nodes only. */
  private describe(entry: OverlayEntry, full: boolean): DocumentFragment {
    const d = this.doc;
    const frag = d.createDocumentFragment();
    const f = entry.finding;
    const head = d.createElement('div');
    const sevTag = d.createElement('span');
    sevTag.className = 'tag';
    sevTag.style.setProperty('--sev', SEVERITY_COLOR[f.severity] ?? '#cf222e');
    sevTag.textContent = SEVERITY_LABEL_ZH[f.severity] ?? f.severity;
    const originTag = d.createElement('span');
    originTag.className = `tag origin ${entry.origin}`;
    originTag.textContent = ORIGIN_LABEL[entry.origin];
    head.append(sevTag, originTag);
    if (entry.ruleTitle) head.append(d.createTextNode(entry.ruleTitle));
    const msg = d.createElement('div');
    msg.className = 'msg';
    msg.textContent = f.message;
    frag.append(head, msg);
    if (full || f.target) {
      const evidence = Object.entries(f.evidence ?? {}).slice(0, 6);
      if (f.target) evidence.unshift(['目标', f.target]);
      for (const [key, value] of evidence) {
        const ev = d.createElement('div');
        ev.className = 'ev';
        ev.textContent = `${evidenceLabel(key)}：${evidenceText(value, key)}`;
        frag.append(ev);
      }
    }
    if (entry.fix) {
      const fix = d.createElement('div');
      fix.className = 'fix';
      fix.textContent = `整改建议：${entry.fix}`;
      frag.append(fix);
    }
    return frag;
  }

  private scheduleUpdate(): void {
    const win = this.doc.defaultView;
    if (this.frame || !win) return;
    this.frame = win.requestAnimationFrame(() => {
      this.frame = 0;
      this.update();
    });
  }

  /** Move every box onto its element's current rect. The layer is fixed to the viewport and clips, so boxes and
   *  tooltips never add scrollable overflow to the page; boxes are clamped to the viewport so badges stay visible. */
  update(): void {
    const win = this.doc.defaultView;
    const vw = win?.innerWidth ?? 0;
    const vh = win?.innerHeight ?? 0;
    for (const { el, box } of this.placed) {
      const rect = el.getBoundingClientRect();
      const onScreen = rect.bottom >= 0 && rect.top <= vh && rect.right >= 0 && rect.left <= vw;
      const visible = el.isConnected && (rect.width > 0 || rect.height > 0) && (onScreen || !vw);
      box.classList.toggle('hidden', !visible);
      if (!visible) continue;
      const left = vw ? Math.max(rect.left - 2, 0) : rect.left - 2;
      const right = vw ? Math.min(rect.right + 2, vw) : rect.right + 2;
      box.style.top = `${rect.top - 2}px`;
      box.style.left = `${left}px`;
      box.style.width = `${right - left}px`;
      box.style.height = `${rect.height + 4}px`;
      box.classList.toggle('at-right', !!vw && right + 12 > vw);
      box.classList.toggle('at-top', rect.top - 12 < 0);
      // Tooltips open upwards in the lower half of the viewport so they are not cut off at its bottom.
      box.classList.toggle('tip-up', !!vh && rect.top > vh / 2);
    }
  }

  /** Scroll to the finding's element (or the banner) and flash it; false when it is not on this page. */
  flash(id: string): boolean {
    const hit = this.placed.find((p) => p.ids.has(id));
    if (hit) {
      hit.el.scrollIntoView?.({ block: 'center', inline: 'nearest' });
      this.update();
      this.pulse(hit.box);
      return true;
    }
    const li = [...this.bannerList.children].find((c) => (c as HTMLElement).dataset.id === id) as HTMLElement | undefined;
    if (li) {
      this.dismissed.delete(id);
      this.banner.classList.remove('hidden');
      li.scrollIntoView?.({ block: 'nearest' });
      this.pulse(li);
      return true;
    }
    return false;
  }

  private pulse(el: HTMLElement): void {
    el.classList.remove('flash');
    void el.offsetWidth; // restart the animation
    el.classList.add('flash');
    this.doc.defaultView?.setTimeout(() => el.classList.remove('flash'), 2200);
  }

  destroy(): void {
    const win = this.doc.defaultView;
    win?.removeEventListener('scroll', this.onViewportChange, { capture: true });
    win?.removeEventListener('resize', this.onViewportChange);
    this.resizeObserver?.disconnect();
    if (this.frame) win?.cancelAnimationFrame(this.frame);
    this.host.remove();
  }
}

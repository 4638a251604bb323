// The popup: the open page's findings (audited and live), jump to each, filter by severity, and the site's latest
// audit summary with when it ran (Asia/Shanghai). Talks to the content script of the tab and to the background.
import { SEVERITIES, SEVERITY_LABEL_ZH, SEVERITY_RANK, type Severity } from '../../../reports/audit-schema.js';
import { pageStateSchema, auditSummarySchema, type AuditSummary, type PageState } from '../messages.js';
import { ORIGIN_LABEL } from '../overlay/overlay.js';
import { shanghaiDateTime } from '../time.js';
import { byId, el } from './dom.js';

export interface PopupBrowser {
  tabs: {
    query(q: { active: boolean; currentWindow: boolean }): Promise<{ id?: number; url?: string }[]>;
    get(id: number): Promise<{ id?: number; url?: string }>;
    sendMessage(tabId: number, message: unknown): Promise<unknown>;
  };
  runtime: { sendMessage(message: unknown): Promise<unknown>; openOptionsPage(): Promise<void> };
  scripting: { executeScript(opts: { target: { tabId: number }; files?: string[]; func?: () => void }): Promise<unknown> };
}


export class PopupView {
  private state?: PageState;
  private tabId?: number;

  constructor(
    private readonly doc: Document,
    private readonly browser: PopupBrowser,
    private readonly contentFile = 'content-scripts/content.js',
  ) {}

  async start(tabIdParam?: number): Promise<void> {
    const sel = byId<HTMLSelectElement>(this.doc, 'severity');
    sel.replaceChildren(el(this.doc, 'option', { text: '全部严重程度', attrs: { value: '' } }));
    for (const s of SEVERITIES) sel.append(el(this.doc, 'option', { text: `${SEVERITY_LABEL_ZH[s]}及以上`, attrs: { value: s } }));
    sel.addEventListener('change', () => this.renderList());
    byId(this.doc, 'open-options').addEventListener('click', () => void this.browser.runtime.openOptionsPage());
    byId(this.doc, 'activate').addEventListener('click', () => void this.activate());

    const tab = tabIdParam !== undefined ? await this.browser.tabs.get(tabIdParam) : (await this.browser.tabs.query({ active: true, currentWindow: true }))[0];
    this.tabId = tab?.id;
    let site: string | undefined;
    try {
      if (tab?.url && /^https?:/.test(tab.url)) site = `${new URL(tab.url).origin}/`;
    } catch {
      site = undefined;
    }
    await Promise.all([this.loadState(), site ? this.loadSummary(site) : this.renderSummary(undefined, '此页不是网站页面')]);
  }

  private setStatus(text: string): void {
    byId(this.doc, 'status').textContent = text;
  }

  async loadState(): Promise<void> {
    if (this.tabId === undefined) return this.setStatus('没有可检查的标签页');
    let raw: unknown;
    try {
      raw = await this.browser.tabs.sendMessage(this.tabId, { type: 'gongkai:state' });
    } catch {
      raw = undefined;
    }
    const parsed = pageStateSchema.safeParse(raw);
    if (!parsed.success) {
      this.state = undefined;
      byId(this.doc, 'activate').hidden = false;
      this.setStatus('此页未启用检查：可在设置中添加该网站，或点击“检查此页”临时检查。');
      this.renderList();
      return;
    }
    this.state = parsed.data;
    byId(this.doc, 'activate').hidden = true;
    const notes: string[] = [];
    if (parsed.data.error) notes.push(parsed.data.error);
    if (parsed.data.source === 'none') notes.push('未找到本页的审计结果（可在设置中配置服务器或导入 findings.json）');
    if (!parsed.data.liveChecks) notes.push('实时检查已关闭');
    if (parsed.data.liveErrors.length) notes.push(`实时检查有 ${parsed.data.liveErrors.length} 条规则出错`);
    this.setStatus(notes.join('；'));
    this.renderList();
  }

  private async activate(): Promise<void> {
    if (this.tabId === undefined) return;
    try {
      // Same isolated world as the content script: tells it to run although the site is not configured.
      await this.browser.scripting.executeScript({
        target: { tabId: this.tabId },
        func: () => {
          (window as unknown as { __gongkaiForce?: boolean }).__gongkaiForce = true;
        },
      });
      await this.browser.scripting.executeScript({ target: { tabId: this.tabId }, files: [this.contentFile] });
      await new Promise((r) => setTimeout(r, 300));
      await this.loadState();
    } catch (error) {
      this.setStatus(`无法在此页运行检查：${error instanceof Error ? error.message : String(error)}`);
    }
  }

  async loadSummary(site: string): Promise<void> {
    let audit: AuditSummary | undefined;
    let error: string | undefined;
    try {
      const raw = (await this.browser.runtime.sendMessage({ type: 'gongkai:latest-audit', site })) as { audit?: unknown; error?: unknown } | undefined;
      const parsed = auditSummarySchema.safeParse(raw?.audit);
      audit = parsed.success ? parsed.data : undefined;
      error = typeof raw?.error === 'string' ? raw.error : undefined;
    } catch (e) {
      error = e instanceof Error ? e.message : String(e);
    }
    this.renderSummary(audit, error);
  }

  renderSummary(audit: AuditSummary | undefined, error?: string): void {
    const box = byId(this.doc, 'summary');
    const d = this.doc;
    box.replaceChildren(el(d, 'h2', { text: '网站最近一次审计' }));
    if (!audit) {
      box.append(el(d, 'p', { className: 'muted', text: error ?? '暂无审计记录' }));
      return;
    }
    const when = audit.finishedAt ? shanghaiDateTime(audit.finishedAt) : '未知';
    const rows: [string, string][] = [
      ['完成时间', `${when}（北京时间）`],
      ['来源', audit.source === 'server' ? '审计服务器' : '导入的 findings.json'],
    ];
    if (audit.site) rows.push(['网站', audit.site]);
    if (audit.asOf) rows.push(['基准日期', audit.asOf]);
    if (audit.pagesCrawled !== undefined) rows.push(['检查页面', `${audit.pagesCrawled} 页`]);
    const counts = SEVERITIES.filter((s) => audit.counts[s]).map((s) => `${SEVERITY_LABEL_ZH[s]} ${audit.counts[s]}`);
    const total = audit.total ?? Object.values(audit.counts).reduce((a, b) => a + b, 0);
    rows.push(['问题', counts.length ? `共 ${total} 条（${counts.join('，')}）` : `共 ${total} 条`]);
    if (audit.verdict) rows.push(['结论', `${audit.verdict.pass ? '合格' : '不合格'}，得分 ${audit.verdict.score}`]);
    const dl = el(d, 'dl');
    for (const [k, v] of rows) dl.append(el(d, 'dt', { text: k }), el(d, 'dd', { text: v }));
    box.append(dl);
    if (error) box.append(el(d, 'p', { className: 'muted', text: error }));
  }

  renderList(): void {
    const d = this.doc;
    const list = byId(d, 'list');
    const counts = byId(d, 'page-counts');
    const items = this.state?.items ?? [];
    const audited = items.filter((i) => i.origin === 'audit').length;
    const live = items.length - audited;
    counts.dataset.audit = String(audited);
    counts.dataset.live = String(live);
    counts.textContent = this.state ? `本页：审计结果 ${audited} 条，实时检查 ${live} 条` : '';
    const min = byId<HTMLSelectElement>(d, 'severity').value as Severity | '';
    const shown = items
      .filter((i) => !min || SEVERITY_RANK[i.finding.severity] >= SEVERITY_RANK[min])
      .sort((a, b) => SEVERITY_RANK[b.finding.severity] - SEVERITY_RANK[a.finding.severity]);
    list.replaceChildren();
    for (const item of shown) {
      const f = item.finding;
      const jump = el(d, 'button', { className: 'jump', text: item.placed ? '定位' : '查看', attrs: { type: 'button' } });
      jump.addEventListener('click', () => void this.jump(f.id));
      list.append(
        el(d, 'li', { attrs: { 'data-id': f.id, 'data-severity': f.severity, 'data-origin': item.origin } }, [
          el(d, 'span', { className: `tag sev-${f.severity}`, text: SEVERITY_LABEL_ZH[f.severity] }),
          el(d, 'span', { className: `tag origin-${item.origin}`, text: ORIGIN_LABEL[item.origin] }),
          el(d, 'span', { className: 'msg', text: f.message }),
          jump,
        ]),
      );
    }
    if (this.state && !shown.length) list.append(el(d, 'li', { className: 'muted', text: items.length ? '没有符合筛选条件的问题' : '本页未发现问题' }));
  }

  private async jump(id: string): Promise<void> {
    if (this.tabId === undefined) return;
    try {
      const res = (await this.browser.tabs.sendMessage(this.tabId, { type: 'gongkai:jump', id })) as { ok?: boolean } | undefined;
      if (!res?.ok) this.setStatus('页面上找不到该元素');
    } catch {
      this.setStatus('无法与页面通信，请刷新页面后重试');
    }
  }
}

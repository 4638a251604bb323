// Progress of an audit: a cli-progress bar on a terminal (pages done/queued, rate, errors, ETA), plain log
// lines every few seconds otherwise (CI logs, cron mail).
import cliProgress from 'cli-progress';
import type { AuditProgress } from '../audit.js';

const PHASE_ZH: Record<AuditProgress['phase'], string> = {
  crawl: '抓取页面',
  attachments: '检查附件',
  links: '检查链接',
  rules: '运行规则',
  reports: '生成报告',
};

export interface ProgressReporter {
  update(progress: AuditProgress): void;
  log(message: string): void;
  stop(): void;
}

export function createProgressReporter(stream: NodeJS.WriteStream, intervalMs = 5000): ProgressReporter {
  const started = Date.now();
  let last: AuditProgress | undefined;
  const rate = (p: AuditProgress) => {
    const seconds = (Date.now() - started) / 1000;
    return seconds > 0 ? (p.done / seconds).toFixed(1) : '0.0';
  };
  if (stream.isTTY) {
    const bar = new cliProgress.SingleBar(
      {
        stream,
        format: '{phase} [{bar}] {value}/{total} 页 | {speed} 页/秒 | 错误 {errors}{links} | 剩余 {eta_formatted}',
        barsize: 24,
        hideCursor: true,
        clearOnComplete: false,
        etaBuffer: 50,
      },
      cliProgress.Presets.shades_classic,
    );
    let running = false;
    return {
      update(p) {
        last = p;
        const total = p.done + p.queued;
        const links = p.linksChecked !== undefined ? ` | 已检查链接 ${p.linksChecked}` : '';
        const payload = { phase: PHASE_ZH[p.phase], speed: rate(p), errors: p.errors, links };
        if (!running) {
          bar.start(Math.max(total, 1), p.done, payload);
          running = true;
        } else {
          bar.setTotal(Math.max(total, 1));
          bar.update(p.done, payload);
        }
      },
      log(message) {
        if (running) bar.stop();
        running = false;
        stream.write(`${message}\n`);
        if (last) this.update(last);
      },
      stop() {
        if (running) bar.stop();
        running = false;
      },
    };
  }
  let lastLine = 0;
  let lastPhase: string | undefined;
  return {
    update(p) {
      last = p;
      const now = Date.now();
      if (p.phase === lastPhase && now - lastLine < intervalMs) return;
      lastPhase = p.phase;
      lastLine = now;
      const links = p.linksChecked !== undefined ? `，已检查链接 ${p.linksChecked}` : '';
      stream.write(`[${PHASE_ZH[p.phase]}] 已完成 ${p.done} 页，待抓取 ${p.queued} 页，${rate(p)} 页/秒，错误 ${p.errors}${links}\n`);
    },
    log(message) {
      stream.write(`${message}\n`);
    },
    stop() {},
  };
}

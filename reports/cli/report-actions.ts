// The actions behind `gongkai report|history|diff|waive|schedule|serve`, as functions returning an exit code
// (0 ok, 1 failed, 2 bad usage or input) so they are testable without spawning the CLI.
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { SEVERITY_LABEL_ZH, auditSchema, type AuditResult, type Finding } from '../audit-schema.js';
import { HistoryError } from '../history/history-error.js';
import { HistoryStore, diffFindings } from '../history/history-store.js';
import { recordAudit } from '../history/record-audit.js';
import { REPORT_FORMATS, writeReports, type ReportFormat } from '../write-reports.js';
import { isIsoDate, shanghaiDateTime } from '../time.js';

export interface Io {
  out(line: string): void;
  err(line: string): void;
}

export const stdio: Io = {
  out: (l) => process.stdout.write(l + '\n'),
  err: (l) => process.stderr.write(l + '\n'),
};

export class CliUsageError extends Error {}

export const DEFAULT_DATA_DIR = '.gongkai';

export function parseFormats(value: string | undefined): ReportFormat[] {
  if (value === undefined) return REPORT_FORMATS;
  const list = value.split(',').map((s) => s.trim().toLowerCase()).filter(Boolean);
  const bad = list.find((f) => !(REPORT_FORMATS as string[]).includes(f));
  if (bad !== undefined || list.length === 0) throw new CliUsageError(`参数 --format 无效：“${bad ?? value}”（可选：${REPORT_FORMATS.join(',')}）`);
  return [...new Set(list)] as ReportFormat[];
}

/** Read and validate a findings.json; zh-CN errors name the file and the bad field. */
export function readAuditFile(file: string): AuditResult {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw new CliUsageError(`无法读取审计结果文件 ${file}：${(err as NodeJS.ErrnoException).code === 'ENOENT' ? '文件不存在' : (err as Error).message}`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    throw new CliUsageError(`审计结果文件 ${file} 不是有效的 JSON`);
  }
  const parsed = auditSchema.safeParse(data, { error: z.locales.zhCN().localeError });
  if (parsed.success) return parsed.data;
  const i = parsed.error.issues[0];
  throw new CliUsageError(`审计结果文件 ${file} 格式不符合 findings.json 规范：字段 ${i?.path.join('.') || '(根)'} ${i?.message ?? ''}`);
}

function fail(io: Io, err: unknown): number {
  if (err instanceof CliUsageError) {
    io.err(`错误：${err.message}`);
    return 2;
  }
  if (err instanceof HistoryError) {
    io.err(`错误：${err.message}`);
    return err.code === 'invalid' || err.code === 'not-found' ? 2 : 1;
  }
  io.err(`错误：${err instanceof Error ? err.message : String(err)}`);
  return 1;
}

function withStore<T>(dataDir: string, readonly: boolean, fn: (store: HistoryStore) => T): T {
  const store = HistoryStore.open(dataDir, { readonly });
  try {
    return fn(store);
  } finally {
    store.close();
  }
}

export async function reportAction(
  file: string,
  opts: { out?: string; format?: string; evidence?: boolean; dataDir?: string; history?: boolean },
  io: Io = stdio,
): Promise<number> {
  try {
    const formats = parseFormats(opts.format);
    const audit = readAuditFile(file);
    const outDir = opts.out ?? path.dirname(path.resolve(file));
    const dataDir = opts.dataDir ?? DEFAULT_DATA_DIR;
    // An audit run elsewhere (CI, another machine, --format json) joins the history here; recording is
    // idempotent (same audit id) and a store that cannot be written only costs a warning.
    if (opts.history !== false) {
      const rec = await recordAudit(audit, { dataDir });
      if (!rec.stored) io.err(`警告：审计未记入历史数据库：${rec.error}`);
    }
    const res = await writeReports(audit, outDir, { formats, evidence: opts.evidence, dataDir: fs.existsSync(dataDir) ? dataDir : undefined });
    for (const w of res.warnings ?? []) io.err(`警告：${w}`);
    io.out(`已生成报告（${audit.audit.site}，检查基准日 ${audit.audit.asOf}，问题 ${audit.findings.length} 条）：`);
    for (const f of res.files) io.out(`  ${f}`);
    return 0;
  } catch (err) {
    return fail(io, err);
  }
}

export function historyAction(opts: { site?: string; dataDir?: string; json?: boolean }, io: Io = stdio): number {
  try {
    const rows = withStore(opts.dataDir ?? DEFAULT_DATA_DIR, true, (s) => s.listAudits(opts.site));
    if (opts.json) {
      io.out(JSON.stringify(rows, null, 2));
      return 0;
    }
    if (rows.length === 0) {
      io.out(opts.site ? `没有网站 ${opts.site} 的审计记录` : '尚无审计记录');
      return 0;
    }
    io.out(`共 ${rows.length} 次审计（最新在前）：`);
    io.out(['审计编号', '检查基准日', '审计时间', '网站', '问题数', '严重', '较重', '结论'].join('\t'));
    for (const r of rows) {
      io.out(
        [r.id, r.asOf, shanghaiDateTime(r.startedAt), r.site, r.total, r.bySeverity.critical, r.bySeverity.serious, r.pass === undefined ? '—' : r.pass ? '合格' : '不合格'].join('\t'),
      );
    }
    return 0;
  } catch (err) {
    if (err instanceof HistoryError && err.code === 'not-found') {
      io.out('尚无审计记录');
      return 0;
    }
    return fail(io, err);
  }
}

function line(f: Finding): string {
  return `  [${SEVERITY_LABEL_ZH[f.severity]}] ${f.message}（${f.rule}，${f.url}${f.owner ? `，${f.owner}` : ''}）`;
}

/** Each side is an audit id in the history or a findings.json path. */
export function diffAction(a: string, b: string, opts: { dataDir?: string; json?: boolean }, io: Io = stdio): number {
  try {
    const load = (ref: string, store?: HistoryStore): { label: string; findings: Finding[] } => {
      if (ref.endsWith('.json') || fs.existsSync(ref)) {
        const audit = readAuditFile(ref);
        return { label: `${ref}（${audit.audit.asOf}）`, findings: audit.findings };
      }
      const audit = store?.getAudit(ref);
      if (!audit) throw new CliUsageError(`未找到审计：${ref}（既不是历史记录中的审计编号，也不是 findings.json 文件）`);
      return { label: `${ref}（${audit.audit.asOf}）`, findings: audit.findings };
    };
    const needsStore = [a, b].some((r) => !(r.endsWith('.json') || fs.existsSync(r)));
    const [from, to] = needsStore ? withStore(opts.dataDir ?? DEFAULT_DATA_DIR, true, (s) => [load(a, s), load(b, s)]) : [load(a), load(b)];
    const d = diffFindings(from!.findings, to!.findings);
    if (opts.json) {
      io.out(JSON.stringify({ from: from!.label, to: to!.label, new: d.new, fixed: d.fixed, persisting: d.persisting }, null, 2));
      return 0;
    }
    io.out(`对比 ${from!.label} → ${to!.label}：新增 ${d.new.length} 条，已整改 ${d.fixed.length} 条，仍存在 ${d.persisting.length} 条`);
    io.out(`新增（${d.new.length}）：`);
    d.new.forEach((f) => io.out(line(f)));
    io.out(`已整改（${d.fixed.length}）：`);
    d.fixed.forEach((f) => io.out(line(f)));
    io.out(`仍存在（${d.persisting.length}）：`);
    d.persisting.forEach((f) => io.out(line(f)));
    return 0;
  } catch (err) {
    if (err instanceof HistoryError && err.code === 'not-found') return fail(io, new CliUsageError(err.message));
    return fail(io, err);
  }
}

export function waiveAction(findingId: string, opts: { reason?: string; until?: string; by?: string; dataDir?: string }, io: Io = stdio): number {
  try {
    if (!opts.reason?.trim()) throw new CliUsageError('请用 --reason 说明豁免理由');
    if (!opts.until || !isIsoDate(opts.until)) throw new CliUsageError(`参数 --until 无效：“${opts.until ?? ''}”应为 YYYY-MM-DD 格式的日期`);
    const w = withStore(opts.dataDir ?? DEFAULT_DATA_DIR, false, (s) => s.waive({ findingId, reason: opts.reason!, until: opts.until!, by: opts.by }));
    io.out(`已豁免问题 ${w.findingId}，有效期至 ${w.until}${w.by ? `，批准人：${w.by}` : ''}；到期后该问题将重新计入报告`);
    return 0;
  } catch (err) {
    return fail(io, err);
  }
}

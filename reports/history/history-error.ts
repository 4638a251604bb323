// Database failures as one error type with a zh-CN message that tells the user what to do.
export class HistoryError extends Error {
  constructor(
    message: string,
    readonly code: 'corrupt' | 'locked' | 'unavailable' | 'too-new' | 'not-found' | 'invalid',
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'HistoryError';
  }
}

export function toHistoryError(err: unknown, file: string): HistoryError {
  if (err instanceof HistoryError) return err;
  const code = (err as { code?: string })?.code ?? '';
  const detail = err instanceof Error ? err.message : String(err);
  if (code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT')) {
    return new HistoryError(`历史数据库已损坏或不是 SQLite 数据库：${file}（请备份后删除该文件，或改用 --data-dir 指定其他目录）`, 'corrupt', { cause: err });
  }
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
    return new HistoryError(`历史数据库被其他进程锁定，暂时无法写入：${file}（请稍后重试，或检查是否有其他 gongkai 进程在运行）`, 'locked', { cause: err });
  }
  return new HistoryError(`无法打开历史数据库：${file}（${detail}）`, 'unavailable', { cause: err });
}

// Errors of the audit pipeline that the CLI maps to exit codes (2 bad usage/config, 3 site not auditable).

/** Bad usage: invalid URL, date or number (exit 2). `field` names the flag or option. */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly field: string,
  ) {
    super(message);
    this.name = 'UsageError';
  }
}

/** The start URL could not be fetched at all (exit 3). */
export class SiteUnreachableError extends Error {
  constructor(
    message: string,
    readonly url: string,
    readonly code?: string | number,
  ) {
    super(message);
    this.name = 'SiteUnreachableError';
  }
}

/** Stopped by a signal; the journal is kept for --resume. */
export class AuditInterruptedError extends Error {
  constructor(message = '审计已中断，进度已保存，可使用 --resume 继续') {
    super(message);
    this.name = 'AuditInterruptedError';
  }
}

/** The output directory cannot be written (disk full, permissions). */
export class OutputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OutputError';
  }
}

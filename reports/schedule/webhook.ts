// Webhook notification: JSON POST, retried with exponential backoff on network errors, 429 and 5xx.
export interface WebhookOptions {
  /** Retries after the first attempt (default 3). */
  retries?: number;
  /** First backoff delay in ms, doubled each retry (default 1000). */
  baseDelayMs?: number;
  timeoutMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

export interface WebhookResult {
  ok: boolean;
  attempts: number;
  status?: number;
  /** zh-CN reason when not delivered. */
  error?: string;
}

const defaultSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export async function postWebhook(url: string, payload: unknown, opts: WebhookOptions = {}): Promise<WebhookResult> {
  const retries = opts.retries ?? 3;
  const sleep = opts.sleep ?? defaultSleep;
  let last: WebhookResult = { ok: false, attempts: 0 };
  for (let attempt = 1; attempt <= retries + 1; attempt++) {
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json; charset=utf-8', 'user-agent': 'gongkai-webhook' },
        body: JSON.stringify(payload),
        signal: AbortSignal.timeout(opts.timeoutMs ?? 10_000),
        redirect: 'error',
      });
      await res.arrayBuffer().catch(() => undefined);
      if (res.ok) return { ok: true, attempts: attempt, status: res.status };
      last = { ok: false, attempts: attempt, status: res.status, error: `通知地址返回 HTTP ${res.status}` };
      if (res.status < 500 && res.status !== 429) return last;
    } catch (err) {
      last = { ok: false, attempts: attempt, error: `通知发送失败：${networkReason(err)}` };
    }
    if (attempt <= retries) await sleep((opts.baseDelayMs ?? 1000) * 2 ** (attempt - 1));
  }
  return last;
}

/** undici's "fetch failed" says nothing; the cause's code (ECONNREFUSED, ENOTFOUND …) or a timeout does. */
function networkReason(err: unknown): string {
  const e = err as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (e?.name === 'TimeoutError') return '请求超时';
  const code = e?.cause?.code;
  if (code === 'ECONNREFUSED') return '连接被拒绝（ECONNREFUSED）';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return `无法解析域名（${code}）`;
  if (code) return `网络错误（${code}）`;
  return e?.cause?.message ?? e?.message ?? String(err);
}

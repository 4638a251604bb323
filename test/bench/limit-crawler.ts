// The benchmark's "practical limit": the least work that still finds broken links — undici keep-alive,
// htmlparser2 href/src extraction, a Set of seen URLs, 32 requests in flight. No politeness, no rules.
import { Agent, request } from 'undici';
import { Parser } from 'htmlparser2';

export interface LimitResult {
  pages: number;
  /** page URL → broken target URLs */
  broken: Array<{ page: string; target: string }>;
}

export async function runLimitCrawler(start: string, inFlight = 32): Promise<LimitResult> {
  const origin = new URL(start).origin;
  const agent = new Agent({ connections: inFlight, pipelining: 1, keepAliveTimeout: 30_000 });
  const seen = new Set<string>([start]);
  const parents = new Map<string, string>();
  const queue: string[] = [start];
  const broken: LimitResult['broken'] = [];
  let pages = 0;
  let active = 0;

  await new Promise<void>((resolve) => {
    const pump = (): void => {
      while (active < inFlight && queue.length > 0) {
        const url = queue.shift()!;
        active++;
        visit(url).finally(() => {
          active--;
          if (queue.length === 0 && active === 0) resolve();
          else pump();
        });
      }
    };
    const visit = async (url: string): Promise<void> => {
      try {
        const res = await request(url, { dispatcher: agent });
        const type = String(res.headers['content-type'] ?? '');
        if (res.statusCode >= 400) {
          await res.body.dump();
          broken.push({ page: parents.get(url) ?? '', target: url });
          return;
        }
        if (!type.includes('html')) {
          await res.body.dump();
          return;
        }
        const html = await res.body.text();
        pages++;
        const parser = new Parser({
          onopentag(_name, attrs) {
            const ref = attrs.href ?? attrs.src;
            if (!ref || ref.startsWith('#') || /^(mailto|tel|javascript|data):/i.test(ref)) return;
            let abs: URL;
            try {
              abs = new URL(ref, url);
            } catch {
              return;
            }
            abs.hash = '';
            const key = abs.href;
            if (abs.origin !== origin || seen.has(key)) return;
            seen.add(key);
            parents.set(key, url);
            queue.push(key);
          },
        });
        parser.write(html);
        parser.end();
      } catch {
        broken.push({ page: parents.get(url) ?? '', target: url });
      }
    };
    pump();
  });
  await agent.close();
  return { pages, broken };
}

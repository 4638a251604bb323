// robots.txt per origin, fetched once (concurrent callers share the promise). A missing or failing robots.txt
// allows everything, as crawlers customarily do.
import robotsParser from 'robots-parser';

type Robot = ReturnType<typeof robotsParser>;

export class RobotsCache {
  private readonly cache = new Map<string, Promise<Robot | undefined>>();

  constructor(
    private readonly get: (url: string) => Promise<{ status: number; body: Buffer }>,
    private readonly userAgent: string,
    private readonly onCrawlDelay?: (host: string, delayMs: number) => void,
  ) {}

  async allowed(url: URL): Promise<boolean> {
    if (url.pathname === '/robots.txt') return true;
    const robot = await this.robotFor(url);
    if (!robot) return true;
    return robot.isAllowed(url.href, this.userAgent) !== false;
  }

  private robotFor(url: URL): Promise<Robot | undefined> {
    let entry = this.cache.get(url.origin);
    if (!entry) {
      const robotsUrl = `${url.origin}/robots.txt`;
      entry = this.get(robotsUrl).then(
        (res) => {
          if (res.status !== 200) return undefined;
          const robot = robotsParser(robotsUrl, res.body.toString('utf8'));
          const delay = robot.getCrawlDelay(this.userAgent);
          if (delay && delay > 0) this.onCrawlDelay?.(url.host, delay * 1000);
          return robot;
        },
        () => undefined,
      );
      this.cache.set(url.origin, entry);
    }
    return entry;
  }
}

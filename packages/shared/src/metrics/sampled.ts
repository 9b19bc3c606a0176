/** What a scrape gets from a source: its value, or why there is none this time. */
export type Sample<T> = { ok: true; value: T } | { ok: false; error: string };

export interface SampledOptions {
  /** A value younger than this is served again: scrapes, however frequent, cost one read per period. */
  ttlMs: number;
  /** A scrape waits no longer than this; the read goes on and serves the next scrape. */
  timeoutMs: number;
}

/**
 * A figure read from a dependency (the database, Kafka, Temporal) on scrape rather than kept up
 * to date. One read at a time, cached for a few seconds, bounded by a timeout: a scraper cannot
 * hammer the dependency, and a dependency that is down answers "unknown" in time instead of
 * hanging the scrape.
 */
export class Sampled<T> {
  private last?: { at: number; value: T };
  private reading?: Promise<T>;

  constructor(
    private readonly read: () => Promise<T>,
    private readonly options: SampledOptions,
    private readonly now: () => number = Date.now,
  ) {}

  async get(): Promise<Sample<T>> {
    if (this.last && this.now() - this.last.at < this.options.ttlMs) return { ok: true, value: this.last.value };
    this.reading ??= this.read()
      .then((value) => {
        this.last = { at: this.now(), value };
        return value;
      })
      .finally(() => {
        this.reading = undefined;
      });
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${this.options.timeoutMs} ms`)), this.options.timeoutMs);
    });
    try {
      return { ok: true, value: await Promise.race([this.reading, timeout]) };
    } catch (error) {
      return { ok: false, error: error instanceof Error ? error.message : String(error) };
    } finally {
      clearTimeout(timer);
    }
  }
}

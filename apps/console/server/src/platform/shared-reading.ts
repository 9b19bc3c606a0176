/**
 * One reading at a time, shared: callers that arrive while a reading is under way wait for that
 * one, and a reading younger than `maxAgeMs` is given again without reading. However many people
 * keep the operations centre open, the processes are scraped at most once per `maxAgeMs`, and a
 * slow scrape never piles up others behind it. A reading that fails is not kept: the next caller
 * tries again.
 */
export class SharedReading<T> {
  private last?: { at: number; value: T };
  private pending?: Promise<T>;

  constructor(
    private readonly read: () => Promise<T>,
    private readonly maxAgeMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  current(): Promise<T> {
    if (this.last && this.now() - this.last.at < this.maxAgeMs) return Promise.resolve(this.last.value);
    this.pending ??= this.read()
      .then((value) => {
        this.last = { at: this.now(), value };
        return value;
      })
      .finally(() => {
        this.pending = undefined;
      });
    return this.pending;
  }
}

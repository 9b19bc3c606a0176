import { setImmediate as yieldToLoop } from 'node:timers/promises';
import type mongoose from 'mongoose';
import { Problem, TOPICS, type Logger } from '@vanthu/shared';
import type { DirectoryView } from '../directory/directory-view';
import { computeFigures } from './compute-figures';
import type { FiguresQuery, FiguresResult } from './figure-item';
import { FiguresIndex } from './figures-index';
import { ItemJournal, taskItems } from './item-store';

type Db = mongoose.mongo.Db;

export interface LiveFiguresOptions {
  db: Db;
  logger: Logger;
  /** TRACKING_FIGURES_REFRESH_MS: how far the figures may lag the projection. */
  refreshMs: number;
  /** Partitions of the tracking topic, each with its own journal. */
  partitions?: number;
  /** Items read per round trip while loading; the event loop is free between pages. */
  pageSize?: number;
}

/*
 * Why in memory: our FerretDB (SQLite backend) cannot aggregate task_items in 200 ms. Measured
 * 2026-12-03 (2 vCPU AMD EPYC), 100,000 items: `aggregate([$match {assignerOrg, status ≠
 * cancelled}, $group by leadOrg])` took 7.6 s alone and 9.9 s in `npm run bench:tracking`, where
 * the same figures from memory took 13.6 ms (p50) in-process and 30 ms over HTTP. Loading every
 * item takes 10.7–11.7 s, once per process start, in pages that leave the event loop free.
 */

/**
 * An API process's copy of every task item: loaded from task_items at start (paged), then kept
 * current from the projection's journal every `refreshMs`. Queries scan it in memory.
 */
export class LiveFigures {
  private index = new FiguresIndex();
  private readonly journal: ItemJournal;
  private readonly partitions: number;
  /** Per partition, the next journal entry to read. */
  private next: number[] = [];
  private refreshedAt?: Date;
  private timer?: NodeJS.Timeout;
  private stopped = false;
  private reloading?: Promise<void>;
  readonly loaded: Promise<void>;
  private markLoaded!: () => void;

  constructor(private readonly options: LiveFiguresOptions) {
    this.journal = new ItemJournal(options.db);
    this.partitions = options.partitions ?? TOPICS.trackingEvents.partitions;
    this.loaded = new Promise((resolve) => (this.markLoaded = resolve));
  }

  get isLoaded(): boolean {
    return this.refreshedAt !== undefined;
  }

  get size(): number {
    return this.index.size;
  }

  /** When the items were last brought up to date with the projection. */
  get projectedUpTo(): Date | undefined {
    return this.refreshedAt;
  }

  /** Starts loading in the background (retrying until it succeeds) and then refreshing; `loaded` resolves once the first load is done. */
  start(): void {
    const first = async (): Promise<void> => {
      while (!this.stopped) {
        try {
          await this.reload();
          this.markLoaded();
          this.schedule();
          return;
        } catch (error) {
          this.options.logger.warn({ err: error }, 'loading the figures items failed; will retry');
          await new Promise((r) => setTimeout(r, Math.max(1_000, this.options.refreshMs)));
        }
      }
    };
    void first();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
  }

  /** The figures of a query; 503 until the items are loaded. The caller has authorised it. */
  query(query: FiguresQuery, directory: DirectoryView): FiguresResult {
    if (!this.refreshedAt) throw new Problem(503, 'figures-loading', 'The figures are being loaded; try again shortly.', { retryAfterSeconds: 5 });
    return computeFigures(this.index, directory, query, this.refreshedAt.toISOString());
  }

  /** Reads what the journal holds beyond what was seen; resolves once the items are up to date. */
  async refresh(): Promise<void> {
    if (this.reloading) return this.reloading;
    const started = new Date();
    for (let partition = 0; partition < this.partitions; partition += 1) {
      let read = 0;
      for (;;) {
        const entry = await this.journal.entry(partition, this.next[partition]!);
        if (!entry) break;
        for (const item of entry.items) this.index.put(item);
        this.next[partition]! += 1;
        read += 1;
        await yieldToLoop();
      }
      // Nothing new, yet the head is past us: the entries we needed were pruned while this process
      // was not reading (a long pause). Only a reload can tell what changed.
      if (read === 0 && (await this.journal.head(partition)) >= this.next[partition]!) {
        this.options.logger.warn({ partition, next: this.next[partition] }, 'figures journal entries pruned before this process read them; reloading');
        await this.reloadOnce();
        return;
      }
    }
    this.refreshedAt = started;
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.refresh()
        .catch((error: unknown) => this.options.logger.warn({ err: error }, 'refreshing the figures failed; will retry'))
        .finally(() => this.schedule());
    }, this.options.refreshMs);
    this.timer.unref();
  }

  private reloadOnce(): Promise<void> {
    this.reloading ??= this.reload().finally(() => (this.reloading = undefined));
    return this.reloading;
  }

  /**
   * Every item, into a fresh index that replaces the old one when complete. Where the journal
   * stands is read first: whatever is written after it is read again from the journal (the
   * higher `seq` wins), so nothing between the two is missed.
   */
  private async reload(): Promise<void> {
    const started = new Date();
    const next: number[] = [];
    for (let partition = 0; partition < this.partitions; partition += 1) next.push(await this.journal.firstUnwritten(partition));
    const index = new FiguresIndex();
    const pageSize = this.options.pageSize ?? 1_000;
    let inPage = 0;
    for await (const item of taskItems(this.options.db).find({}, { batchSize: pageSize })) {
      index.put(item);
      if (++inPage === pageSize) {
        inPage = 0;
        await yieldToLoop();
      }
    }
    this.index = index;
    this.next = next;
    this.refreshedAt = started;
    this.options.logger.info({ items: index.size, ms: Date.now() - started.getTime() }, 'figures items loaded');
  }
}

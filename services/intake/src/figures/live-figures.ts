import { setImmediate as yieldToLoop } from 'node:timers/promises';
import type mongoose from 'mongoose';
import { Problem, TOPICS, type Logger } from '@vanthu/shared';
import { deadlineFigures, documentFigures, processingFigures, type FiguresScope } from './compute-figures';
import type { DayPeriod, DeadlineFigures, DocumentFigures, ProcessingFigures } from './figure-item';
import { FiguresIndex } from './figures-index';
import { figureItems, ItemJournal, JOURNAL_RETAINED } from './item-store';

type Db = mongoose.mongo.Db;

export interface LiveFiguresOptions {
  db: Db;
  logger: Logger;
  /** INTAKE_FIGURES_REFRESH_MS: how far the figures may lag the projection. */
  refreshMs: number;
  /** Partitions of the document topic, each with its own journal. */
  partitions?: number;
  /** Items read per round trip while loading; the event loop is free between pages. */
  pageSize?: number;
}

/** What the routes ask of the figures; the caller has authorised the scope. */
export interface FiguresQueries {
  readonly isLoaded: boolean;
  documents(scope: FiguresScope, period: DayPeriod): DocumentFigures;
  processing(scope: FiguresScope, period: DayPeriod): ProcessingFigures;
  deadlines(scope: FiguresScope, asOf: number, withinDays: number): DeadlineFigures;
}

/*
 * Why in memory: our FerretDB (SQLite backend) aggregates far too slowly for a page that must
 * answer at once (tracking measured 9.9 s for one $group over 100,000 items, and 13.6 ms for the
 * same figures from memory: docs/tracking.md). Loading reads every item once per process start,
 * in pages that leave the event loop free.
 */

/**
 * An API process's copy of every figure item: loaded from figure_items at start (paged), then
 * kept current from the projection's journal every `refreshMs`. Queries scan it in memory.
 */
export class LiveFigures implements FiguresQueries {
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
    this.partitions = options.partitions ?? TOPICS.documentEvents.partitions;
    this.loaded = new Promise((resolve) => (this.markLoaded = resolve));
  }

  get isLoaded(): boolean {
    return this.refreshedAt !== undefined;
  }

  get size(): number {
    return this.index.size;
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

  documents(scope: FiguresScope, period: DayPeriod): DocumentFigures {
    return documentFigures(this.index, scope, period, this.upTo());
  }

  processing(scope: FiguresScope, period: DayPeriod): ProcessingFigures {
    return processingFigures(this.index, scope, period, this.upTo());
  }

  deadlines(scope: FiguresScope, asOf: number, withinDays: number): DeadlineFigures {
    return deadlineFigures(this.index, scope, asOf, withinDays, this.upTo());
  }

  /** When the items were last brought up to date with the projection; 503 until they are loaded. */
  private upTo(): string {
    if (!this.refreshedAt) throw new Problem(503, 'figures-loading', 'The figures are being loaded; try again shortly.', { retryAfterSeconds: 5 });
    return this.refreshedAt.toISOString();
  }

  /** Reads what the journal holds beyond what was seen; resolves once the items are up to date. */
  async refresh(): Promise<void> {
    if (this.reloading) return this.reloading;
    const started = new Date();
    for (let partition = 0; partition < this.partitions; partition += 1) {
      let read = 0;
      // At most what the journal keeps per refresh; the rest, if the projection runs ahead, at the next.
      while (read < JOURNAL_RETAINED) {
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
   * stands is read first: whatever is written after it is read again from the journal (accounts
   * of one item merge), so nothing between the two is missed.
   */
  private async reload(): Promise<void> {
    const started = new Date();
    const next: number[] = [];
    for (let partition = 0; partition < this.partitions; partition += 1) next.push(await this.journal.firstUnwritten(partition));
    const index = new FiguresIndex();
    const pageSize = this.options.pageSize ?? 1_000;
    let inPage = 0;
    for await (const item of figureItems(this.options.db).find({}, { batchSize: pageSize })) {
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

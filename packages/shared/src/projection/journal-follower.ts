import { setImmediate as yieldToLoop } from 'node:timers/promises';
import type mongoose from 'mongoose';
import type { Logger } from '../logging/logger';
import { ItemJournal } from './item-journal';

type Db = mongoose.mongo.Db;

/** What a follower keeps its items in: the service's own in-memory index. */
export interface ItemIndex<Item> {
  put(item: Item): void;
  readonly size: number;
}

export interface JournalFollowerOptions<Item, Index extends ItemIndex<Item>> {
  db: Db;
  logger: Logger;
  /** What is followed, in the log's lines (`figures`, `registers`). */
  name: string;
  /**
   * Every item, for a (re)load: the collection holding one record per item (written by a
   * projection), or a reader of the service's own records when the journal is written beside them.
   */
  items: string | (() => AsyncIterable<Item>);
  /** The projection's journal collection beside it. */
  journal: string;
  /** A fresh, empty index: each reload fills one and swaps it in when complete. */
  newIndex: () => Index;
  /** How far the index may lag the projection. */
  refreshMs: number;
  /** Partitions of the projection's topic, each with its own journal. */
  partitions: number;
  /** Items read per round trip while loading; the event loop is free between pages. */
  pageSize?: number;
  /** Journal entries read per partition in one refresh; the rest at the next. Unbounded when absent. */
  maxEntriesPerRefresh?: number;
}

/**
 * An API process's copy of every item of a projection: loaded from the items collection at start
 * (paged), then kept current from the projection's journal every `refreshMs`. What the service
 * computes from the index (its figures) stays with the service.
 */
export class JournalFollower<Item, Index extends ItemIndex<Item>> {
  private current: Index;
  private readonly journal: ItemJournal<Item>;
  /** Per partition, the next journal entry to read. */
  private next: number[] = [];
  private refreshedAt?: Date;
  private timer?: NodeJS.Timeout;
  private stopped = false;
  private reloading?: Promise<void>;
  private passing?: Promise<void>;
  private queued?: Promise<void>;
  readonly loaded: Promise<void>;
  private markLoaded!: () => void;

  constructor(private readonly options: JournalFollowerOptions<Item, Index>) {
    this.current = options.newIndex();
    this.journal = new ItemJournal<Item>(options.db, options.journal);
    this.loaded = new Promise((resolve) => (this.markLoaded = resolve));
  }

  get index(): Index {
    return this.current;
  }

  get isLoaded(): boolean {
    return this.refreshedAt !== undefined;
  }

  /** When the items were last brought up to date with the projection; undefined until loaded. */
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
          this.options.logger.warn({ err: error }, `loading the ${this.options.name} items failed; will retry`);
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

  /**
   * Reads what the journal holds beyond what was seen; resolves once everything written to it
   * before the call is in the index. One pass at a time (two would read the same entry and skip
   * the next); a caller arriving during a pass waits for the one after it, shared by all who wait.
   */
  refresh(): Promise<void> {
    if (!this.passing) {
      this.passing = this.pass().finally(() => (this.passing = undefined));
      return this.passing;
    }
    this.queued ??= this.passing
      .catch(() => undefined)
      .then(() => {
        this.queued = undefined;
        return this.refresh();
      });
    return this.queued;
  }

  private async pass(): Promise<void> {
    if (this.reloading) return this.reloading;
    const started = new Date();
    const most = this.options.maxEntriesPerRefresh ?? Infinity;
    for (let partition = 0; partition < this.options.partitions; partition += 1) {
      let read = 0;
      while (read < most) {
        const entry = await this.journal.entry(partition, this.next[partition]!);
        if (!entry) break;
        for (const item of entry.items) this.current.put(item);
        this.next[partition]! += 1;
        read += 1;
        await yieldToLoop();
      }
      // Nothing new, yet the head is past us: the entries we needed were pruned while this process
      // was not reading (a long pause). Only a reload can tell what changed.
      if (read === 0 && (await this.journal.head(partition)) >= this.next[partition]!) {
        this.options.logger.warn({ partition, next: this.next[partition] }, `${this.options.name} journal entries pruned before this process read them; reloading`);
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
        .catch((error: unknown) => this.options.logger.warn({ err: error }, `refreshing the ${this.options.name} failed; will retry`))
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
   * index merges a second account of an item), so nothing between the two is missed.
   */
  private async reload(): Promise<void> {
    const started = new Date();
    const next: number[] = [];
    for (let partition = 0; partition < this.options.partitions; partition += 1) next.push(await this.journal.firstUnwritten(partition));
    const index = this.options.newIndex();
    const pageSize = this.options.pageSize ?? 1_000;
    let inPage = 0;
    const items = this.options.items;
    const source = typeof items === 'string' ? (this.options.db.collection(items).find({}, { batchSize: pageSize }) as unknown as AsyncIterable<Item>) : items();
    for await (const item of source) {
      index.put(item);
      if (++inPage === pageSize) {
        inPage = 0;
        await yieldToLoop();
      }
    }
    this.current = index;
    this.next = next;
    this.refreshedAt = started;
    this.options.logger.info({ items: index.size, ms: Date.now() - started.getTime() }, `${this.options.name} items loaded`);
  }
}

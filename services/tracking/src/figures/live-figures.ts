import type mongoose from 'mongoose';
import { JournalFollower, Problem, TOPICS, type Logger } from '@vanthu/shared';
import type { DirectoryView } from '../directory/directory-view';
import { computeFigures } from './compute-figures';
import type { FigureItem, FiguresQuery, FiguresResult } from './figure-item';
import { FiguresIndex } from './figures-index';
import { ITEM_JOURNAL, TASK_ITEMS } from './item-store';

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
 * current from the projection's journal every `refreshMs` (JournalFollower). Queries scan it in
 * memory.
 */
export class LiveFigures {
  private readonly follower: JournalFollower<FigureItem, FiguresIndex>;
  readonly loaded: Promise<void>;

  constructor(options: LiveFiguresOptions) {
    this.follower = new JournalFollower({
      ...options,
      name: 'figures',
      items: TASK_ITEMS,
      journal: ITEM_JOURNAL,
      newIndex: () => new FiguresIndex(),
      partitions: options.partitions ?? TOPICS.trackingEvents.partitions,
    });
    this.loaded = this.follower.loaded;
  }

  get isLoaded(): boolean {
    return this.follower.isLoaded;
  }

  get size(): number {
    return this.follower.index.size;
  }

  /** When the items were last brought up to date with the projection. */
  get projectedUpTo(): Date | undefined {
    return this.follower.projectedUpTo;
  }

  /** Starts loading in the background (retrying until it succeeds) and then refreshing; `loaded` resolves once the first load is done. */
  start(): void {
    this.follower.start();
  }

  stop(): void {
    this.follower.stop();
  }

  /** Reads what the journal holds beyond what was seen; resolves once the items are up to date. */
  refresh(): Promise<void> {
    return this.follower.refresh();
  }

  /** The figures of a query; 503 until the items are loaded. The caller has authorised it. */
  query(query: FiguresQuery, directory: DirectoryView): FiguresResult {
    const upTo = this.follower.projectedUpTo;
    if (!upTo) throw new Problem(503, 'figures-loading', 'The figures are being loaded; try again shortly.', { retryAfterSeconds: 5 });
    return computeFigures(this.follower.index, directory, query, upTo.toISOString());
  }
}

import type mongoose from 'mongoose';
import { JournalFollower, JOURNAL_RETAINED, Problem, TOPICS, type Logger } from '@vanthu/shared';
import { deadlineFigures, documentFigures, processingFigures, type FiguresScope } from './compute-figures';
import type { DayPeriod, DeadlineFigures, DocumentFigures, FigureItem, ProcessingFigures } from './figure-item';
import { FiguresIndex } from './figures-index';
import { FIGURE_ITEMS, ITEM_JOURNAL } from './item-store';

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
 * kept current from the projection's journal every `refreshMs` (JournalFollower). Queries scan it
 * in memory.
 */
export class LiveFigures implements FiguresQueries {
  private readonly follower: JournalFollower<FigureItem, FiguresIndex>;
  readonly loaded: Promise<void>;

  constructor(options: LiveFiguresOptions) {
    this.follower = new JournalFollower({
      ...options,
      name: 'figures',
      items: FIGURE_ITEMS,
      journal: ITEM_JOURNAL,
      newIndex: () => new FiguresIndex(),
      partitions: options.partitions ?? TOPICS.documentEvents.partitions,
      // At most what the journal keeps per refresh; the rest, if the projection runs ahead, at the next.
      maxEntriesPerRefresh: JOURNAL_RETAINED,
    });
    this.loaded = this.follower.loaded;
  }

  get isLoaded(): boolean {
    return this.follower.isLoaded;
  }

  get size(): number {
    return this.follower.index.size;
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

  documents(scope: FiguresScope, period: DayPeriod): DocumentFigures {
    return documentFigures(this.follower.index, scope, period, this.upTo());
  }

  processing(scope: FiguresScope, period: DayPeriod): ProcessingFigures {
    return processingFigures(this.follower.index, scope, period, this.upTo());
  }

  deadlines(scope: FiguresScope, asOf: number, withinDays: number): DeadlineFigures {
    return deadlineFigures(this.follower.index, scope, asOf, withinDays, this.upTo());
  }

  /** When the items were last brought up to date with the projection; 503 until they are loaded. */
  private upTo(): string {
    const upTo = this.follower.projectedUpTo;
    if (!upTo) throw new Problem(503, 'figures-loading', 'The figures are being loaded; try again shortly.', { retryAfterSeconds: 5 });
    return upTo.toISOString();
  }
}

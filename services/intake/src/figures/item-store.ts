import type mongoose from 'mongoose';
import type { Connection } from 'mongoose';
import { isDuplicateKeyError } from '@vanthu/shared';
import type { FigureItem } from './figure-item';

type Db = mongoose.mongo.Db;

export const FIGURE_ITEMS = 'figure_items';
/** What the projection wrote, batch by batch: how API processes learn what changed. */
export const ITEM_JOURNAL = 'figure_item_journal';

/**
 * One batch the projection wrote for one partition of the document topic, the `n`th of that
 * partition: `_id` `<partition>:<n>`, so a reader asks for the next one by `_id`. Its items are
 * what the batch told (a copy's item may lack what an earlier batch told): readers merge them.
 */
export interface JournalEntry {
  _id: string;
  partition: number;
  n: number;
  items: FigureItem[];
  at: Date;
}

/** The last `n` appended for a partition (`_id` `head:<partition>`): a hint, never the truth. */
interface JournalHead {
  _id: string;
  n: number;
  at: Date;
}

/**
 * Entries kept per partition. A reader that falls further behind (a stalled process) finds its
 * next entry gone and reloads every item instead.
 */
export const JOURNAL_RETAINED = 200;

const entryId = (partition: number, n: number) => `${partition}:${n}`;
const headId = (partition: number) => `head:${partition}`;

export function dbOf(connection: Connection): Db {
  if (!connection.db) throw new Error('the intake database connection is not open');
  return connection.db;
}

export const figureItems = (db: Db) => db.collection<FigureItem>(FIGURE_ITEMS);

/*
 * Why a journal, and not a poll of figure_items for what changed since the last look: our
 * FerretDB (SQLite backend) answers only an `_id` equality from an index and reads the whole
 * collection for any other filter, seconds at 100,000 items (docs/tracking.md measured 6.4–6.8 s
 * for the same poll of its task items). The journal is read by `_id` only: when nothing changed,
 * two lookups per partition; when something did, one lookup per batch written. The same design
 * as tracking's figures (services/tracking/src/figures/item-store.ts).
 */
export class ItemJournal {
  private readonly next = new Map<number, number>();

  constructor(private readonly db: Db) {}

  private get entries() {
    return this.db.collection<JournalEntry>(ITEM_JOURNAL);
  }

  private get heads() {
    return this.db.collection<JournalHead>(ITEM_JOURNAL);
  }

  /** The first `n` not yet written for a partition: after the head, probe until an entry is missing. */
  async firstUnwritten(partition: number): Promise<number> {
    const head = await this.heads.findOne({ _id: headId(partition) });
    let n = (head?.n ?? 0) + 1;
    while (await this.entries.findOne({ _id: entryId(partition, n) }, { projection: { _id: 1 } })) n += 1;
    return n;
  }

  /**
   * Appends a batch for a partition. One consumer owns a partition at a time, but during a
   * rebalance an old owner may still finish a batch: the unique `_id` decides, and the loser
   * takes the next number.
   */
  async append(partition: number, items: FigureItem[]): Promise<void> {
    // Each lost race moves past one entry another writer made; that many writers never overlap.
    for (let attempt = 0; attempt < JOURNAL_RETAINED; attempt += 1) {
      const n = this.next.get(partition) ?? (await this.firstUnwritten(partition));
      const at = new Date();
      try {
        await this.entries.insertOne({ _id: entryId(partition, n), partition, n, items, at });
      } catch (error) {
        if (!isDuplicateKeyError(error)) throw error;
        this.next.delete(partition);
        continue;
      }
      this.next.set(partition, n + 1);
      await this.heads.replaceOne({ _id: headId(partition) }, { n, at }, { upsert: true }).catch((error: unknown) => {
        // Two writers upserting the head at once: the other one's hint is as good.
        if (!isDuplicateKeyError(error)) throw error;
      });
      if (n > JOURNAL_RETAINED) await this.entries.deleteOne({ _id: entryId(partition, n - JOURNAL_RETAINED) });
      return;
    }
    throw new Error(`figures journal: no free entry for partition ${partition} after ${JOURNAL_RETAINED} tries`);
  }

  /** The `n`th entry of a partition, if it is there. */
  entry(partition: number, n: number): Promise<JournalEntry | null> {
    return this.entries.findOne({ _id: entryId(partition, n) });
  }

  /** The head's `n` of a partition (0 when nothing was ever written). */
  async head(partition: number): Promise<number> {
    return (await this.heads.findOne({ _id: headId(partition) }))?.n ?? 0;
  }
}

import type mongoose from 'mongoose';
import type { Connection } from 'mongoose';
import { isDuplicateKeyError } from '../mongo';

type Db = mongoose.mongo.Db;

/**
 * One batch a projection wrote for one partition of its topic, the `n`th of that partition:
 * `_id` `<partition>:<n>`, so a reader asks for the next one by `_id`.
 */
export interface JournalEntry<Item> {
  _id: string;
  partition: number;
  n: number;
  items: Item[];
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
  if (!connection.db) throw new Error(`the database connection (${connection.name}) is not open`);
  return connection.db;
}

/*
 * Why a journal, and not a poll of the items collection for what changed since the last look:
 * our FerretDB (SQLite backend) answers only an `_id` equality from an index and reads the whole
 * collection for any other filter. Measured 2026-12-03 (2 vCPU AMD EPYC), 100,000 task items:
 * `find({projectedAt: {$gte: now - 5 s}})` took 6.4–6.8 s — every second, in every API process,
 * the database would do nothing else. The journal is read by `_id` only: when nothing changed,
 * two lookups per partition (about 1 ms each); when something did, one lookup per batch written.
 * Used by tracking's and intake's figures (docs/tracking.md, docs/operations.md).
 */
export class ItemJournal<Item> {
  private readonly next = new Map<number, number>();

  constructor(
    private readonly db: Db,
    private readonly collection: string,
  ) {}

  private get entries() {
    return this.db.collection<JournalEntry<Item>>(this.collection);
  }

  private get heads() {
    return this.db.collection<JournalHead>(this.collection);
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
  async append(partition: number, items: Item[]): Promise<void> {
    // Each lost race moves past one entry another writer made; that many writers never overlap.
    for (let attempt = 0; attempt < JOURNAL_RETAINED; attempt += 1) {
      const n = this.next.get(partition) ?? (await this.firstUnwritten(partition));
      const at = new Date();
      try {
        await this.entries.insertOne({ _id: entryId(partition, n), partition, n, items, at } as mongoose.mongo.OptionalUnlessRequiredId<JournalEntry<Item>>);
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
    throw new Error(`${this.collection}: no free entry for partition ${partition} after ${JOURNAL_RETAINED} tries`);
  }

  /** The `n`th entry of a partition, if it is there. */
  entry(partition: number, n: number): Promise<JournalEntry<Item> | null> {
    return this.entries.findOne({ _id: entryId(partition, n) }) as Promise<JournalEntry<Item> | null>;
  }

  /** The head's `n` of a partition (0 when nothing was ever written). */
  async head(partition: number): Promise<number> {
    return (await this.heads.findOne({ _id: headId(partition) }))?.n ?? 0;
  }
}

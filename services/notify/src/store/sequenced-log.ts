import type mongoose from 'mongoose';
import { isDuplicateKeyError } from '@vanthu/shared';
import type { HeadDoc } from './collections';

type Collection<T extends mongoose.mongo.Document> = mongoose.mongo.Collection<T>;

/** An entry of a per-stream log: `_id` is `${stream}:${seq}`; `key` (`${stream}|<caller's key>`) is unique. */
export type SequencedEntry<T> = T & { _id: string; stream: string; seq: number; key: string };

export interface Page<T> {
  entries: Array<SequencedEntry<T>>;
  /** The stream's newest seq (0 when empty). */
  last: number;
  /** Pass as `before` for the next, older page; absent on the last page. */
  next?: number;
}

export const MAX_PAGE = 100;

/**
 * Per-stream append-only logs (a user's inbox, an endpoint's deliveries) on a database where only
 * bare `_id` reads are cheap and updates race: seqs are dense (1, 2, 3...), so a page newest-first
 * is a handful of `_id` reads counted down from the head. Appends from concurrent writers are
 * decided by the `_id` insert (one entry per seq) and the unique `key` (one entry per
 * notification). The head is only a hint: it may lag, never lead, and readers probe past it.
 */
export class SequencedLog<T extends object> {
  constructor(
    private readonly entries: Collection<SequencedEntry<T>>,
    private readonly heads: Collection<HeadDoc>,
  ) {}

  static entryId(stream: string, seq: number): string {
    return `${stream}:${seq}`;
  }

  /** Appends once per key and stream: the same again returns the entry's first seq and `created: false`. */
  async append(stream: string, callerKey: string, value: T): Promise<{ seq: number; created: boolean }> {
    // Scoped by stream: the same event goes once into each of many streams (inboxes, endpoints).
    const key = `${stream}|${callerKey}`;
    let seq = (await this.hint(stream)) + 1;
    for (let tries = 0; tries < 1000; tries += 1) {
      const entry = { ...value, _id: SequencedLog.entryId(stream, seq), stream, seq, key } as SequencedEntry<T>;
      try {
        await this.entries.insertOne(entry as unknown as mongoose.mongo.OptionalUnlessRequiredId<SequencedEntry<T>>);
        await this.advanceHead(stream, seq);
        return { seq, created: true };
      } catch (error) {
        if (!isDuplicateKeyError(error)) throw error;
      }
      const taken = await this.entries.findOne({ _id: entry._id } as mongoose.mongo.Filter<SequencedEntry<T>>);
      if (taken?.key === key) return { seq, created: false };
      if (taken) {
        seq += 1;
        continue;
      }
      // The key is already in the log at another seq: a run that crashed after appending. The
      // one lookup by key (a scan on FerretDB) happens only on that recovery path.
      const earlier = await this.entries.findOne({ key } as mongoose.mongo.Filter<SequencedEntry<T>>);
      if (earlier) return { seq: earlier.seq, created: false };
    }
    throw new Error(`could not append to ${stream}: no free seq after 1000 tries`);
  }

  async get(stream: string, seq: number): Promise<SequencedEntry<T> | null> {
    return this.entries.findOne({ _id: SequencedLog.entryId(stream, seq) } as mongoose.mongo.Filter<SequencedEntry<T>>) as Promise<SequencedEntry<T> | null>;
  }

  /** The newest seq, probing past a lagging head. */
  async last(stream: string): Promise<number> {
    let last = await this.hint(stream);
    while (await this.get(stream, last + 1)) last += 1;
    return last;
  }

  /** Newest first: entries with seq < `before` (or from the newest), at most `limit`. */
  async page(stream: string, options: { before?: number; limit: number }): Promise<Page<T>> {
    const last = await this.last(stream);
    const top = Math.min(last, (options.before ?? last + 1) - 1);
    const bottom = Math.max(1, top - Math.min(options.limit, MAX_PAGE) + 1);
    const seqs = top >= 1 ? Array.from({ length: top - bottom + 1 }, (_, i) => top - i) : [];
    const found: Array<SequencedEntry<T> | null> = await Promise.all(seqs.map((seq) => this.get(stream, seq)));
    const entries = found.filter((e): e is SequencedEntry<T> => e !== null);
    return { entries, last, ...(bottom > 1 && { next: bottom }) };
  }

  private async hint(stream: string): Promise<number> {
    return (await this.heads.findOne({ _id: stream }))?.lastSeq ?? 0;
  }

  private async advanceHead(stream: string, seq: number): Promise<void> {
    try {
      await this.heads.updateOne({ _id: stream }, { $max: { lastSeq: seq } }, { upsert: true });
    } catch (error) {
      // Two first appends upserting at once: one inserted the head, the other now updates it.
      if (!isDuplicateKeyError(error)) throw error;
      await this.heads.updateOne({ _id: stream }, { $max: { lastSeq: seq } });
    }
  }
}

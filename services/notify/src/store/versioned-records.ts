import type mongoose from 'mongoose';
import { isDuplicateKeyError } from '@vanthu/shared';

type Collection<T extends mongoose.mongo.Document> = mongoose.mongo.Collection<T>;
type Filter<T> = mongoose.mongo.Filter<T>;
type Insertable<T> = mongoose.mongo.OptionalUnlessRequiredId<T>;

/** The record's own document (`_id` = its key): the newest value readers start from, and which version it is. */
export type RecordHead<T> = T & { _id: string; version?: number };

/** One version of a record, never changed once written: `_id` = `${key}@${version}`. */
export type RecordVersion<T> = T & { _id: string; version: number };

export interface Versioned<T> {
  /** 0: nothing written through versions yet (the head, if any, is as an earlier release left it). */
  version: number;
  value: T | null;
}

/** What a change returns to leave the record as it is (no version is written). */
export const UNCHANGED = Symbol('unchanged');

/**
 * Versions kept per record. A head lags the newest version only while writers are between their
 * version and their head write, so readers never need one this far back.
 */
export const VERSIONS_RETAINED = 20;

/** Upper bounds of the loops below: far more than any burst of writers to one record. */
const MAX_WALK = 1_000;
const MAX_TRIES = 100;

export const versionId = (key: string, version: number) => `${key}@${version}`;

function valueOf<T extends object>(doc: RecordHead<T> | RecordVersion<T>): T {
  const { _id: _key, version: _version, ...value } = doc;
  return value as T;
}

/**
 * A record several processes change by read-modify-write — a role's members (two notify workers
 * handling two users' registrations), an organisation's webhook endpoints and a user's read marks
 * (two API replicas) — on a database where an update is not atomic against a concurrent one and
 * only a unique index is. Each change inserts the record's next version, `_id`
 * `${key}@${version}`: of two writers that read the same version, the unique `_id` lets one
 * write the next, and the other reads again and applies its change on top of the winner's
 * (compare-and-set by insert: each version has one writer). The record's
 * own document (`_id` = key) then gets the new value and version, so a reader needs one `_id`
 * read for it and one for the version after it, which is missing unless a writer is mid-way
 * (or a slower writer set the head back): then it reads on. Documents written before versions
 * existed are version 0.
 */
export class VersionedRecords<T extends object> {
  constructor(
    private readonly heads: Collection<RecordHead<T>>,
    private readonly versions: Collection<RecordVersion<T>>,
    private readonly retained = VERSIONS_RETAINED,
  ) {}

  async read(key: string): Promise<Versioned<T>> {
    return this.readPast(await this.readHead(key), key);
  }

  private async readHead(key: string): Promise<Versioned<T>> {
    const head = await this.heads.findOne({ _id: key } as Filter<RecordHead<T>>);
    return head ? { version: head.version ?? 0, value: valueOf(head as RecordHead<T>) } : { version: 0, value: null };
  }

  /** The newest version from `head` on: the versions after it, if writers are mid-way or one set it back. */
  private async readPast(head: Versioned<T>, key: string): Promise<Versioned<T>> {
    let current = head;
    for (let step = 0; step < MAX_WALK; step += 1) {
      const next = await this.versions.findOne({ _id: versionId(key, current.version + 1) } as Filter<RecordVersion<T>>);
      if (!next) return current;
      current = { version: next.version, value: valueOf(next as RecordVersion<T>) };
    }
    throw new Error(`${this.versions.collectionName}: ${key} has more than ${MAX_WALK} versions past its head`);
  }

  /**
   * Applies `change` to the newest value and writes the result as the next version; when another
   * writer got that version first, reads again and applies `change` to theirs. `change` may
   * therefore run more than once and must only compute (it may throw, e.g. a refusal).
   */
  async update(key: string, change: (current: T | null) => T | typeof UNCHANGED): Promise<T | null> {
    for (let attempt = 0; attempt < MAX_TRIES; attempt += 1) {
      const current = await this.read(key);
      const value = change(current.value);
      if (value === UNCHANGED) return current.value;
      const version = current.version + 1;
      try {
        await this.versions.insertOne({ ...value, _id: versionId(key, version), version } as Insertable<RecordVersion<T>>);
      } catch (error) {
        if (!isDuplicateKeyError(error)) throw error;
        continue;
      }
      await this.settleHead(key, version, value);
      if (version > this.retained) await this.versions.deleteOne({ _id: versionId(key, version - this.retained) } as Filter<RecordVersion<T>>);
      return value;
    }
    throw new Error(`${this.versions.collectionName}: ${key} changed by others ${MAX_TRIES} times in a row`);
  }

  /**
   * Writes the head, then reads it back and, while a version after it exists, writes that one.
   * Our database may let a slower writer set the head back after a newer one landed (see
   * `writeHead`); every writer checking after its own head write means the last write to land is
   * checked too, so once writers are done the head is the newest version and readers need one
   * read past it, not one per version it lags.
   */
  private async settleHead(key: string, version: number, value: T): Promise<void> {
    let written: Versioned<T> = { version, value };
    for (let attempt = 0; attempt < MAX_TRIES; attempt += 1) {
      await this.writeHead(key, written.version, written.value as T);
      const head = await this.readHead(key);
      const newest = await this.readPast(head, key);
      if (newest.version === head.version) return;
      written = newest;
    }
  }

  private async writeHead(key: string, version: number, value: T): Promise<void> {
    const head = { ...value, _id: key, version } as RecordHead<T>;
    // Not over a newer head (narrows, on our database does not close, the window in which a
    // slower writer sets it back; readers read past the head either way).
    const older = { _id: key, $or: [{ version: { $lt: version } }, { version: { $exists: false } }] } as Filter<RecordHead<T>>;
    try {
      await this.heads.replaceOne(older, head, { upsert: true });
    } catch (error) {
      // The filter missed a newer head and the upsert then hit its `_id`: that head stays.
      if (!isDuplicateKeyError(error)) throw error;
    }
  }
}

import type mongoose from 'mongoose';
import { isDuplicateKeyError } from './connection';

/**
 * Runs a write by `_id` as an upsert and, when it lost the insert, once more as a plain write.
 * Two first writes of one `_id` at once (an event handled twice during a rebalance while a seeder
 * writes it too, a user saving from two tabs behind two API replicas) both try the upsert's
 * insert; on FerretDB the unique `_id` fails one with a duplicate key (real MongoDB retries such
 * an upsert itself). The loser then writes over what the winner inserted, as it would have a
 * moment later.
 */
export async function upsertById(write: (options: { upsert: boolean }) => Promise<unknown>): Promise<void> {
  try {
    await write({ upsert: true });
  } catch (error) {
    if (!isDuplicateKeyError(error)) throw error;
    await write({ upsert: false });
  }
}

/** Replaces (or creates) a whole document by `_id`, last writer wins: see `upsertById`. */
export async function replaceById<T extends { _id: string }>(collection: mongoose.mongo.Collection<T>, doc: T): Promise<void> {
  const { _id, ...replacement } = doc;
  const filter = { _id } as mongoose.mongo.Filter<T>;
  await upsertById((options) => collection.replaceOne(filter, replacement as mongoose.mongo.WithoutId<T>, options));
}

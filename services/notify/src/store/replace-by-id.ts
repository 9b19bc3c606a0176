import type mongoose from 'mongoose';
import { isDuplicateKeyError } from '@vanthu/shared';

type Doc = { _id: string };

/**
 * Replaces (or creates) a whole document by `_id`, last writer wins. Two first writes of the same
 * `_id` at once (a user saving from two tabs behind two API replicas, an event handled twice
 * during a rebalance) both try the upsert's insert, and the unique `_id` fails one with a
 * duplicate key: that one then replaces what the other inserted, as it would have a moment later.
 */
export async function replaceById<T extends Doc>(collection: mongoose.mongo.Collection<T>, doc: T): Promise<void> {
  const filter = { _id: doc._id } as mongoose.mongo.Filter<T>;
  const { _id: _ignored, ...replacement } = doc;
  try {
    await collection.replaceOne(filter, replacement as mongoose.mongo.WithoutId<T>, { upsert: true });
  } catch (error) {
    if (!isDuplicateKeyError(error)) throw error;
    await collection.replaceOne(filter, replacement as mongoose.mongo.WithoutId<T>);
  }
}

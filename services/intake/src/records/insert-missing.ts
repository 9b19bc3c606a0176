import type { Model } from 'mongoose';
import { isDuplicateKeyError } from '@vanthu/shared';

/**
 * Inserts each record whose `_id` is not there yet; one that exists is left as it is. The API and
 * the worker seed a new database at the same time, so a duplicate key means "the other one did it".
 */
export async function insertMissing<T extends { _id: string }>(model: Model<T>, records: T[]): Promise<void> {
  for (const record of records) {
    try {
      await model.create(record);
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
    }
  }
}

import type mongoose from 'mongoose';
import { ItemJournal as SharedItemJournal } from '@vanthu/shared';
import type { FigureItem } from './figure-item';

export { dbOf } from '@vanthu/shared';

type Db = mongoose.mongo.Db;

export const TASK_ITEMS = 'task_items';
/** What the projection wrote, batch by batch: how API processes learn what changed. */
export const ITEM_JOURNAL = 'task_item_journal';

export const taskItems = (db: Db) => db.collection<FigureItem>(TASK_ITEMS);

/** The figures projection's journal (the shared mechanism: packages/shared/src/projection). */
export class ItemJournal extends SharedItemJournal<FigureItem> {
  constructor(db: Db) {
    super(db, ITEM_JOURNAL);
  }
}

import type mongoose from 'mongoose';
import { ItemJournal as SharedItemJournal } from '@vanthu/shared';
import type { FigureItem } from './figure-item';

export { dbOf } from '@vanthu/shared';

type Db = mongoose.mongo.Db;

export const FIGURE_ITEMS = 'figure_items';
/**
 * What the projection wrote, batch by batch: how API processes learn what changed. Its entries
 * are what each batch told (a copy's item may lack what an earlier batch told): readers merge them.
 */
export const ITEM_JOURNAL = 'figure_item_journal';

export const figureItems = (db: Db) => db.collection<FigureItem>(FIGURE_ITEMS);

/** The figures projection's journal (the shared mechanism: packages/shared/src/projection). */
export class ItemJournal extends SharedItemJournal<FigureItem> {
  constructor(db: Db) {
    super(db, ITEM_JOURNAL);
  }
}

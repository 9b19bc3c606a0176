import { createHash } from 'node:crypto';
import type { Connection } from 'mongoose';
import { dbOf, ItemJournal } from '@vanthu/shared';
import { documentModel } from '../records/documents';
import { incomingModel } from '../records/incoming';
import { LINE_FIELDS, lineOfCopy, lineOfDocument, type RegisterLine } from './register-line';

export const REGISTER_JOURNAL = 'register_line_journal';
/**
 * Every process that changes a record appends its line here (the worker's activities; a bulk
 * loader). Writers of one partition race for each entry's `_id` and the loser takes the next
 * (ItemJournal), so partitions only spread that contention; a reader looks at each one per refresh.
 */
export const REGISTER_PARTITIONS = 4;
/** Lines per entry when many are written at once (a bulk load). */
const LINES_PER_ENTRY = 500;

const partitionOf = (id: string) => createHash('sha1').update(id).digest().readUInt32BE(0) % REGISTER_PARTITIONS;

/**
 * Where the registers' lines are announced: written right after the record they come from, so
 * an API process learns from a few `_id` lookups what changed (packages/shared/src/projection,
 * why not a query on the records). A line is read back from its record, never built from the
 * change: a replayed write (an activity retried after a crash) announces the record as it is.
 */
export class RegisterJournal {
  private journalOrNone?: ItemJournal<RegisterLine>;

  constructor(private readonly mongo: Connection) {}

  // Made at first use: the activities are built before their connection is open.
  private get journal(): ItemJournal<RegisterLine> {
    this.journalOrNone ??= new ItemJournal<RegisterLine>(dbOf(this.mongo), REGISTER_JOURNAL);
    return this.journalOrNone;
  }

  /** After a document's record changed: its line, once it is issued. */
  async documentChanged(id: string): Promise<void> {
    const doc = await documentModel(this.mongo).findById(id, LINE_FIELDS).lean();
    const line = doc && lineOfDocument(doc);
    if (line) await this.append([line]);
  }

  /** After a copy's record was created or changed. */
  async copyChanged(id: string): Promise<void> {
    const doc = await incomingModel(this.mongo).findById(id, LINE_FIELDS).lean();
    if (doc) await this.append([lineOfCopy(doc)]);
  }

  /** Lines of records written in bulk (a loader that bypasses the workflows: the console bench). */
  async append(lines: RegisterLine[]): Promise<void> {
    const byPartition = new Map<number, RegisterLine[]>();
    for (const line of lines) {
      const partition = partitionOf(line._id);
      const group = byPartition.get(partition) ?? [];
      group.push(line);
      byPartition.set(partition, group);
    }
    for (const [partition, all] of byPartition) {
      for (let i = 0; i < all.length; i += LINES_PER_ENTRY) await this.journal.append(partition, all.slice(i, i + LINES_PER_ENTRY));
    }
  }
}

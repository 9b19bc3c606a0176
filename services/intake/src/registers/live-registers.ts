import type { Connection } from 'mongoose';
import { dbOf, JournalFollower, type Logger } from '@vanthu/shared';
import { documentModel } from '../records/documents';
import { incomingModel } from '../records/incoming';
import { RegisterIndex } from './register-index';
import { REGISTER_JOURNAL, REGISTER_PARTITIONS } from './register-journal';
import { LINE_FIELDS, lineOfCopy, lineOfDocument, type RegisterLine } from './register-line';

export interface LiveRegistersOptions {
  mongo: Connection;
  logger: Logger;
  /** How often the journal is read between requests (a request reads it too: see `current`). */
  refreshMs: number;
}

/** Every line, from the records themselves: what a (re)load reads. */
async function* linesOfRecords(mongo: Connection): AsyncIterable<RegisterLine> {
  for await (const doc of documentModel(mongo).find({ issuedAt: { $exists: true } }, LINE_FIELDS).lean().cursor({ batchSize: 1_000 })) {
    const line = lineOfDocument(doc);
    if (line) yield line;
  }
  for await (const doc of incomingModel(mongo).find({}, LINE_FIELDS).lean().cursor({ batchSize: 1_000 })) yield lineOfCopy(doc);
}

/**
 * An API process's register lines: read from the records at start (in the background; the
 * process is not ready until then), then kept current from the journal the record writers
 * append to (register-journal.ts).
 */
export class LiveRegisters {
  private readonly follower: JournalFollower<RegisterLine, RegisterIndex>;
  /** Resolves once the lines were first read. */
  readonly loaded: Promise<void>;

  constructor(options: LiveRegistersOptions) {
    this.follower = new JournalFollower({
      name: 'registers',
      db: dbOf(options.mongo),
      logger: options.logger,
      items: () => linesOfRecords(options.mongo),
      journal: REGISTER_JOURNAL,
      newIndex: () => new RegisterIndex(),
      refreshMs: options.refreshMs,
      partitions: REGISTER_PARTITIONS,
    });
    this.loaded = this.follower.loaded;
  }

  get isLoaded(): boolean {
    return this.follower.isLoaded;
  }

  start(): void {
    this.follower.start();
  }

  stop(): void {
    this.follower.stop();
  }

  /**
   * The index with everything journalled before the call: a clerk who has just issued or
   * registered a document finds it on the next page they load (one `_id` lookup or two per partition).
   */
  async current(): Promise<RegisterIndex> {
    await this.follower.refresh();
    return this.follower.index;
  }
}

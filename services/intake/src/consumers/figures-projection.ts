import { setTimeout as sleep } from 'node:timers/promises';
import type mongoose from 'mongoose';
import {
  checkEvent,
  deadLetterMessage,
  isDuplicateKeyError,
  SERVICES,
  TOPICS,
  type DeadLetterReason,
  type DomainEvent,
  type IncomingMessage,
  type Logger,
  type MessageBatch,
  type MessageBus,
  type OutgoingMessage,
  type ServiceContext,
} from '@vanthu/shared';
import type { FigureItem } from '../figures/figure-item';
import { isFigureEvent, itemOfEvent, mergeItems, type ItemFacts } from '../figures/item-of-event';
import { dbOf, figureItems, ItemJournal } from '../figures/item-store';

type Db = mongoose.mongo.Db;

export const FIGURES_PROJECTION_GROUP = 'vanthu-intake-figures';
/** A database of its own (a test run, a bench, a rebuild) is a projection of its own, from the start of the topic. */
export const figuresGroupFor = (database: string) => (database === SERVICES.intake.database ? FIGURES_PROJECTION_GROUP : `${FIGURES_PROJECTION_GROUP}.${database}`);

export interface FiguresProjectionStats {
  /** Events projected: read, and their batch written. */
  events: number;
  batches: number;
  /** Items written (one per document or copy of each batch). */
  written: number;
  /** Items the database already held at a higher `seq` (a replay, a redelivery). */
  stale: number;
  retries: number;
  deadLettered: number;
  /** Events the figures are not made of, or of types not in our catalogue (a newer producer): skipped. */
  skipped: number;
}

export interface FiguresProjection {
  readonly stats: FiguresProjectionStats;
  stop(): Promise<void>;
}

export interface FiguresProjectionOptions {
  /** Another group (and database) rebuilds the items from the start of the topic beside the live ones. */
  group?: string;
  db?: Db;
  bus?: MessageBus;
  logger?: Logger;
  partitionsConcurrently?: number;
  /** The document topic, or a copy of it (a benchmark may load its synthetic documents through one of its own). */
  topic?: string;
}

interface Parked {
  message: IncomingMessage;
  reason: DeadLetterReason;
  error: string;
}

const describe = (error: unknown) => (error instanceof Error ? `${error.name}: ${error.message}` : String(error));

/** The fields to set: what the batch told, never an absent field over one an earlier batch told. */
function fieldsOf(item: FigureItem): Record<string, unknown> {
  const { _id: _ignored, ...fields } = item;
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
}

const writeErrorsOf = (error: unknown) => (error as { writeErrors?: Array<{ code?: number; index?: number }> }).writeErrors;

/**
 * Sets what each item's newest event (and the older ones of the batch) told, unless the database
 * holds a newer account: `seq` below the batch's, or nothing yet. A `$set`, not a replacement, so
 * a copy keeps the arrival its first event told. When the filter misses because a newer item is
 * there, the upsert's insert fails on the `_id`: that duplicate key is the answer "already
 * newer", not a failure. Returns how many were already newer.
 */
async function updateItems(db: Db, items: FigureItem[]): Promise<number> {
  if (items.length === 0) return 0;
  try {
    await figureItems(db).bulkWrite(
      items.map((item) => ({ updateOne: { filter: { _id: item._id, seq: { $lt: item.seq } }, update: { $set: fieldsOf(item) }, upsert: true } })),
      { ordered: false },
    );
    return 0;
  } catch (error) {
    const failures = writeErrorsOf(error);
    if (isDuplicateKeyError(error) && (!failures || failures.every((f) => f.code === 11000))) return failures?.length ?? 1;
    throw error;
  }
}

/*
 * Why an insert first: our FerretDB applies an update by reading the record and writing it back,
 * several times slower than an insert. Measured 2026-12-03 (2 vCPU), 10,000 documents with two
 * copies each (91,335 events, 30,000 items) from a fresh topic: 1,438 events/s with an upsert per
 * item, 4,150 events/s with this path (22 s). Most items are new to a projection catching up (a
 * document's events are consecutive on its partition, so mostly in one batch): each is inserted
 * whole; only those the database already holds (an earlier batch, an earlier run) are updated.
 */

/** Writes a batch's items: those this process has not written yet by insert, the rest (and any the database already held) by guarded update. */
async function writeItems(db: Db, items: FigureItem[], written: Set<string>): Promise<number> {
  const fresh = items.filter((item) => !written.has(item._id));
  const again = items.filter((item) => written.has(item._id));
  if (fresh.length > 0) {
    try {
      await figureItems(db).insertMany(fresh, { ordered: false });
    } catch (error) {
      const failures = writeErrorsOf(error);
      if (!isDuplicateKeyError(error) || (failures && failures.some((f) => f.code !== 11000))) throw error;
      // Held already: merged by the guarded update. Without the failures' positions, all of them (an update is idempotent).
      const held = failures?.every((f) => typeof f.index === 'number') ? failures.map((f) => fresh[f.index!]!) : fresh;
      again.push(...held);
    }
  }
  const stale = await updateItems(db, again);
  for (const item of items) written.add(item._id);
  return stale;
}

/*
 * Why batches and bulk writes, and not startEventConsumer (one event at a time, its id looked up
 * and remembered in writes of their own): tracking measured the shared consumer at 271 events/s
 * and this path at 4,914 events/s on this kind of machine (services/tracking/src/consumers/
 * figures-projection.ts); a benchmark seeds tens of thousands of document events at once. No
 * remembered ids are needed: the `seq` guard makes a replayed or redelivered batch a no-op.
 */

/**
 * The operations figures' projection (docs/intake-api.md, "Operations figures"): the document
 * events, from the start of the topic, into `figure_items` (one item per issued document and per
 * recipient's copy) and the journal the API processes follow. One document's events share a
 * partition — its copies' too — and one consumer owns a partition, so each item has one writer;
 * replaying the topic into a fresh group and database gives the same items. Events that cannot
 * be parsed or break the contract go to the dead-letter topic, as the shared consumer does.
 */
export async function startFiguresProjection(ctx: Pick<ServiceContext, 'mongo' | 'bus' | 'logger' | 'config'>, options: FiguresProjectionOptions = {}): Promise<FiguresProjection> {
  const db = options.db ?? dbOf(ctx.mongo);
  const bus = options.bus ?? ctx.bus;
  const group = options.group ?? figuresGroupFor(options.db?.databaseName ?? ctx.config.MONGO_DATABASE);
  const log = (options.logger ?? ctx.logger).child({ consumerGroup: group });
  const journal = new ItemJournal(db);
  /** Items this process has written: the others are inserted first (writeItems). */
  const written = new Set<string>();
  const stats: FiguresProjectionStats = { events: 0, batches: 0, written: 0, stale: 0, retries: 0, deadLettered: 0, skipped: 0 };
  const publisher = await bus.publisher();
  let stopping = false;

  async function park(parked: Parked[]): Promise<void> {
    if (parked.length === 0) return;
    const letters: OutgoingMessage[] = parked.map((p) => deadLetterMessage(p.message, { group, reason: p.reason, error: p.error, attempts: 0 }));
    await publisher.publish(TOPICS.deadLetter.name, letters);
    stats.deadLettered += parked.length;
    for (const p of parked) log.error({ topic: p.message.topic, partition: p.message.partition, offset: p.message.offset, deadLetterReason: p.reason, error: p.error }, 'event sent to the dead-letter topic');
  }

  async function onBatch(batch: MessageBatch): Promise<void> {
    const told = new Map<string, ItemFacts>();
    const parked: Parked[] = [];
    let events = 0;
    for (const message of batch.messages) {
      let event: DomainEvent;
      try {
        event = JSON.parse(message.value.toString('utf8')) as DomainEvent;
      } catch (error) {
        parked.push({ message, reason: 'unparseable', error: describe(error) });
        continue;
      }
      const check = checkEvent(event, { as: 'consumer' });
      if ((!check.ok && check.reason === 'unknown-type') || (check.ok && !isFigureEvent(event))) {
        stats.skipped += 1;
        continue;
      }
      if (!check.ok) {
        parked.push({ message, reason: 'contract', error: check.errors.join('; ') });
        continue;
      }
      const facts = itemOfEvent(event);
      told.set(facts._id, mergeItems(told.get(facts._id), facts));
      events += 1;
    }

    if (told.size > 0) {
      let delay = 200;
      for (;;) {
        const projectedAt = new Date();
        const items = [...told.values()].map((facts) => ({ ...facts, projectedAt }) as FigureItem);
        try {
          stats.stale += await writeItems(db, items, written);
          await journal.append(batch.partition, items);
          stats.written += items.length;
          break;
        } catch (error) {
          // While stopping, leave the batch uncommitted: the next owner of the partition reads it again.
          if (stopping) throw error;
          stats.retries += 1;
          log.warn({ partition: batch.partition, items: items.length, retryInMs: delay, err: error }, 'writing figures items failed; will retry');
          await sleep(delay);
          delay = Math.min(delay * 2, 5_000);
        }
      }
    }
    await park(parked);
    stats.events += events;
    stats.batches += 1;
  }

  const subscription = bus.subscription(group);
  await subscription.runBatches(
    { topics: [options.topic ?? TOPICS.documentEvents.name], fromBeginning: true, partitionsConcurrently: options.partitionsConcurrently ?? TOPICS.documentEvents.partitions },
    onBatch,
  );
  return {
    stats,
    async stop() {
      stopping = true;
      await subscription.close();
      await publisher.close().catch(() => undefined);
    },
  };
}

import type { Connection } from 'mongoose';
import type { DomainEvent } from '../contracts/events';
import { assertValidEvent } from '../events/validation';
import { isDuplicateKeyError } from '../mongo/connection';
import { outboxModel } from './outbox-record';

/**
 * Events of records that are changed in place (a user, a certificate), where the change and the
 * outbox record are two documents: our database has no multi-document transactions. The record
 * is written first — its own write decides any race — then each of its events not yet announced
 * goes into the outbox under its deterministic id, then the record notes the ids it announced.
 * A crash in between leaves the ids unnoted, and the next start announces them again (a
 * duplicate insert is ignored; a duplicate publish is deduplicated by consumers on the id).
 */
export interface Announceable {
  _id: string;
  /** Ids of the record's events already in the outbox. */
  announced?: string[] | boolean;
}

/** Where the records live: a mongoose model or a driver collection, both have this. */
export interface AnnouncedRecords {
  updateOne(filter: { _id: string }, update: { $set: { announced: string[] } }): PromiseLike<unknown>;
}

export async function announce<T extends Announceable>(
  connection: Connection,
  records: AnnouncedRecords,
  record: T,
  events: DomainEvent[],
  topic: string,
): Promise<void> {
  const done = Array.isArray(record.announced) ? record.announced : [];
  const pending = events.filter((e) => !done.includes(e.id));
  if (pending.length === 0) return;
  for (const event of pending) {
    assertValidEvent(event);
    try {
      await outboxModel(connection).create({
        _id: event.id,
        // Ids are `<aggregate>:<n>`, n counting the record's events.
        aggregateId: event.id.slice(0, event.id.lastIndexOf(':')),
        seq: Number(event.id.slice(event.id.lastIndexOf(':') + 1)) || 1,
        topic,
        event,
        createdAt: new Date(event.occurredAt),
      });
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
    }
  }
  await records.updateOne({ _id: record._id }, { $set: { announced: events.map((e) => e.id) } });
}

/**
 * At start: every record whose events are not all announced. The caller passes all its records:
 * for small collections (people, certificates, legal holds), not for documents.
 */
export async function announcePending<T extends Announceable>(
  connection: Connection,
  records: AnnouncedRecords,
  all: T[],
  eventsOf: (record: T) => DomainEvent[],
  topic: string,
): Promise<number> {
  let count = 0;
  for (const record of all) {
    const events = eventsOf(record);
    const done = Array.isArray(record.announced) ? record.announced : [];
    if (events.every((e) => done.includes(e.id))) continue;
    await announce(connection, records, record, events, topic);
    count += 1;
  }
  return count;
}

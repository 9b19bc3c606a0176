import type { Connection, Model } from 'mongoose';
import { Schema } from 'mongoose';
import type { DomainEvent } from '../contracts/events';

/**
 * A state change and its event are one record, written with one insert: our database has no
 * multi-document transactions, so the change cannot be committed without its event, nor the
 * event without the change. The unique `_id` (aggregate:seq) also decides a race between two
 * writers of one aggregate: the second insert fails with 11000.
 *
 * The outbox is a queue: the relay deletes a record once Kafka has it. Our database answers
 * only `_id` lookups without scanning a collection (docs/local-stack.md), so the relay's read
 * must stay small — it scans only what is still to be published. The history of an aggregate
 * lives in its own projection, not here.
 */
export interface OutboxRecord {
  _id: string;
  aggregateId: string;
  seq: number;
  topic: string;
  event: DomainEvent;
  createdAt: Date;
}

const schema = new Schema<OutboxRecord>(
  {
    _id: { type: String, required: true },
    aggregateId: { type: String, required: true },
    seq: { type: Number, required: true },
    topic: { type: String, required: true },
    event: { type: Schema.Types.Mixed, required: true },
    createdAt: { type: Date, required: true },
  },
  { versionKey: false },
);
schema.index({ aggregateId: 1, seq: 1 }, { unique: true });

export function outboxModel(connection: Connection, collection = 'outbox'): Model<OutboxRecord> {
  return (connection.models[collection] as Model<OutboxRecord> | undefined) ?? connection.model<OutboxRecord>(collection, schema, collection);
}

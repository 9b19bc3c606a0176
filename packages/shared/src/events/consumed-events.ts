import type { Connection, Model } from 'mongoose';
import { Schema } from 'mongoose';
import { isDuplicateKeyError } from '../mongo';

/**
 * The event ids a consumer group has handled, one record each, addressed by `_id`
 * (`<group>|<event id>`): a lookup by `_id` is the one query our database answers without a scan,
 * and the unique `_id` settles two instances of a group racing on one event.
 */
interface ConsumedEvent {
  _id: string;
  type: string;
  at: Date;
}

const schema = new Schema<ConsumedEvent>(
  { _id: { type: String, required: true }, type: { type: String, required: true }, at: { type: Date, required: true } },
  { versionKey: false },
);

function model(connection: Connection): Model<ConsumedEvent> {
  return (connection.models.consumed_events as Model<ConsumedEvent> | undefined) ?? connection.model<ConsumedEvent>('consumed_events', schema, 'consumed_events');
}

export class ConsumedEvents {
  constructor(
    private readonly connection: Connection,
    private readonly group: string,
  ) {}

  private id(eventId: string): string {
    return `${this.group}|${eventId}`;
  }

  async seen(eventId: string): Promise<boolean> {
    return (await model(this.connection).exists({ _id: this.id(eventId) })) !== null;
  }

  async remember(eventId: string, type: string): Promise<void> {
    try {
      await model(this.connection).create({ _id: this.id(eventId), type, at: new Date() });
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
    }
  }
}

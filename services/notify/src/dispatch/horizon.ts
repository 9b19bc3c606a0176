import { isDuplicateKeyError, type DomainEvent } from '@vanthu/shared';
import type { HorizonDoc, NotifyCollections } from '../store/collections';

const ID = 'notify';
/** Before any event: a database that had handled events before the horizon existed notifies of everything, as it did. */
const EPOCH = new Date(0).toISOString();

/**
 * Fixes the horizon once per database, at preparation, before any event is handled: a new
 * deployment reads the topics from the beginning (its directory is every user ever registered),
 * and without a horizon it would e-mail, post and file into inboxes the whole history again.
 * A database that already holds people or notifications is an upgrade, not a new deployment:
 * its consumer may still be behind, so it keeps notifying of everything. Replicas preparing side
 * by side race on the `_id`; the first insert stands.
 */
export async function establishHorizon(c: Pick<NotifyCollections, 'horizon' | 'users' | 'notifications'>, now = new Date()): Promise<void> {
  if (await c.horizon.findOne({ _id: ID })) return;
  const used = (await c.users.findOne({}, { projection: { _id: 1 } })) ?? (await c.notifications.findOne({}, { projection: { _id: 1 } }));
  const doc: HorizonDoc = used
    ? { _id: ID, since: EPOCH, reason: 'the database held people or notifications when the horizon was introduced' }
    : { _id: ID, since: now.toISOString(), reason: 'a new deployment: what happened before it is history' };
  try {
    await c.horizon.insertOne(doc);
  } catch (error) {
    if (!isDuplicateKeyError(error)) throw error;
  }
}

/** Whether an event is after the horizon: read once per process, as the record never changes. */
export class Horizon {
  private since?: Promise<string>;

  constructor(private readonly c: Pick<NotifyCollections, 'horizon'>) {}

  async includes(event: Pick<DomainEvent, 'occurredAt'>): Promise<boolean> {
    this.since ??= this.c.horizon.findOne({ _id: ID }).then(
      (doc) => doc?.since ?? EPOCH,
      (error: unknown) => {
        this.since = undefined;
        throw error;
      },
    );
    return !(Date.parse(event.occurredAt) < Date.parse(await this.since));
  }
}

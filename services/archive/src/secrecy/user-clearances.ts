import { isDuplicateKeyError, isEvent, type Clearance, type DomainEvent, type Principal } from '@vanthu/shared';
import type { ArchiveCollections, UserClearanceDoc } from '../store/collections';

export const CLEARANCE_EVENTS = { registered: 'directory.user-registered', changed: 'directory.user-clearance-changed' } as const;

type Change = Omit<UserClearanceDoc, '_id' | 'version' | 'eventId'> & { userId: string };

/** The change a directory event, checked against the catalogue, makes to someone's clearance. */
function changeOf(event: DomainEvent): Change | undefined {
  if (isEvent(event, CLEARANCE_EVENTS.registered)) {
    // A registration without the field comes from before clearances existed: nobody was cleared then.
    const { data } = event;
    return { userId: data.userId, org: data.org, clearance: data.clearance ?? 'none', changedAt: event.occurredAt };
  }
  if (isEvent(event, CLEARANCE_EVENTS.changed)) {
    const { data } = event;
    return { userId: data.userId, org: data.org, clearance: data.clearance, changedAt: data.changedAt, changedBy: data.changedBy };
  }
  return undefined;
}

/**
 * The archive's own view of who is cleared for what, from intake's directory events: one record
 * per person, addressed by user id. Intake owns people; the archive only needs their clearance,
 * and reading it from here keeps a package read from waiting on another service.
 *
 * Writes are ordered by the change's time, then the event id (ISO times in UTC compare as
 * strings): a replayed or late event never overwrites a newer one, whichever process applies it.
 */
export class UserClearances {
  constructor(private readonly c: Pick<ArchiveCollections, 'clearances'>) {}

  /** Applies a directory event; true when it changed someone's clearance record. */
  async apply(event: DomainEvent): Promise<boolean> {
    const change = changeOf(event);
    if (!change) return false;
    const { userId, ...fields } = change;
    const changedAt = new Date(fields.changedAt).toISOString();
    const version = `${changedAt}|${event.id}`;
    try {
      // Matches only an older record (or none, then inserts): the database decides, no read first.
      const result = await this.c.clearances.updateOne(
        { _id: userId, version: { $lt: version } },
        { $set: { ...fields, changedAt, eventId: event.id, version }, ...(fields.changedBy === undefined && { $unset: { changedBy: '' } }) },
        { upsert: true },
      );
      return result.modifiedCount + result.upsertedCount > 0;
    } catch (error) {
      // The record is as new or newer: the upsert's insert met it.
      if (isDuplicateKeyError(error)) return false;
      throw error;
    }
  }

  /**
   * A person's clearance in the organisation they act for now. A clearance is granted by an
   * organisation: after a move, the old one's grant does not follow the token's new organisation.
   */
  async of(principal: Pick<Principal, 'userId' | 'orgCode'>): Promise<Clearance> {
    const doc = await this.c.clearances.findOne({ _id: principal.userId });
    return doc && doc.org === principal.orgCode ? doc.clearance : 'none';
  }
}

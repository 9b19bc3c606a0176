import type { Connection } from 'mongoose';
import { isEvent, upsertById, type DomainEvent, type EventData } from '@vanthu/shared';
import { organisationModel, sourceModel, userModel, type OrganisationRecord, type UserRecord } from '../store/collections';
import type { SourceRecord } from '../store/task-record';

/*
 * What tracking keeps of other services' events: the hierarchy and its people (directory), and
 * the documents tasks may be assigned from (intake). Each write sets a record by its `_id` to what
 * the event says, so a redelivered or replayed event writes the same record again, and a second
 * writer of a record's first version (the same event handled twice during a rebalance) writes it
 * over the first's (`upsertById`).
 */

async function organisationRegistered(c: Connection, data: EventData<'directory.organisation-registered'>): Promise<void> {
  const { parent } = data;
  const record: Omit<OrganisationRecord, '_id'> = { name: data.name, level: data.level, notationCode: data.notationCode, ...(parent !== undefined && { parent }) };
  await upsertById((options) => organisationModel(c).replaceOne({ _id: data.code }, record, options));
}

async function userRegistered(c: Connection, data: EventData<'directory.user-registered'>): Promise<void> {
  const record: Omit<UserRecord, '_id'> = { fullName: data.fullName, position: data.position, role: data.role, org: data.org, email: data.email };
  await upsertById((options) => userModel(c).replaceOne({ _id: data.userId }, record, options));
}

async function documentIssued(c: Connection, data: EventData<'document.issued'>): Promise<void> {
  const record: Omit<SourceRecord, '_id' | 'recalled'> = {
    issuer: data.issuer,
    type: data.type,
    notation: data.notation,
    number: data.number,
    secrecy: data.secrecy,
    issuedAt: data.issuedAt,
  };
  // $set, not a replacement: replaying an issuance must not clear a recall already recorded.
  await upsertById((options) => sourceModel(c).updateOne({ _id: data.documentId }, { $set: record }, options));
}

async function documentRecalled(c: Connection, data: EventData<'document.recalled'>): Promise<void> {
  // Only a document tracking knows of: a recall of one never issued (a draft) leaves nothing.
  await sourceModel(c).updateOne({ _id: data.documentId }, { $set: { recalled: true } });
}

/** The types `applyInputEvent` acts on; the consumer passes the others over. */
export const INPUT_EVENT_TYPES = ['directory.organisation-registered', 'directory.user-registered', 'document.issued', 'document.recalled'] as const;

/**
 * Applies one consumed event, checked against the catalogue, to the projection; events of other
 * types (clearance changes, lifecycle steps, copies) are not tracking's concern.
 */
export async function applyInputEvent(c: Connection, event: DomainEvent): Promise<void> {
  if (isEvent(event, 'directory.organisation-registered')) return organisationRegistered(c, event.data);
  if (isEvent(event, 'directory.user-registered')) return userRegistered(c, event.data);
  // Both are the outgoing document's own events (`aggregate` `document`): a copy's recall is `document.copy-recalled`.
  if (isEvent(event, 'document.issued')) return documentIssued(c, event.data);
  if (isEvent(event, 'document.recalled')) return documentRecalled(c, event.data);
}

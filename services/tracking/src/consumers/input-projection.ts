import type { Connection } from 'mongoose';
import type { DomainEvent } from '@vanthu/shared';
import { organisationModel, sourceModel, userModel, type OrganisationRecord, type UserRecord } from '../store/collections';
import type { SourceRecord } from '../store/task-record';

/*
 * What tracking keeps of other services' events: the hierarchy and its people (directory), and
 * the documents tasks may be assigned from (intake). Each write sets a record by its `_id` to what
 * the event says, so a redelivered or replayed event writes the same record again.
 */

const upsert = { upsert: true } as const;

type Data = Record<string, unknown>;
const text = (data: Data, key: string) => data[key] as string;
const optionalText = (data: Data, key: string) => (typeof data[key] === 'string' ? (data[key] as string) : undefined);

async function organisationRegistered(c: Connection, data: Data): Promise<void> {
  const parent = optionalText(data, 'parent');
  const record: Omit<OrganisationRecord, '_id'> = { name: text(data, 'name'), level: data.level as OrganisationRecord['level'], notationCode: text(data, 'notationCode'), ...(parent !== undefined && { parent }) };
  await organisationModel(c).replaceOne({ _id: text(data, 'code') }, record, upsert);
}

async function userRegistered(c: Connection, data: Data): Promise<void> {
  const record: Omit<UserRecord, '_id'> = {
    fullName: text(data, 'fullName'),
    position: text(data, 'position'),
    role: data.role as UserRecord['role'],
    org: text(data, 'org'),
    email: text(data, 'email'),
  };
  await userModel(c).replaceOne({ _id: text(data, 'userId') }, record, upsert);
}

async function documentIssued(c: Connection, data: Data): Promise<void> {
  const record: Omit<SourceRecord, '_id' | 'recalled'> = {
    issuer: text(data, 'issuer'),
    type: data.type as SourceRecord['type'],
    notation: text(data, 'notation'),
    number: data.number as number,
    secrecy: text(data, 'secrecy'),
    issuedAt: text(data, 'issuedAt'),
  };
  // $set, not a replacement: replaying an issuance must not clear a recall already recorded.
  await sourceModel(c).updateOne({ _id: text(data, 'documentId') }, { $set: record }, upsert);
}

async function documentRecalled(c: Connection, data: Data): Promise<void> {
  // Only a document tracking knows of: a recall of one never issued (a draft) leaves nothing.
  await sourceModel(c).updateOne({ _id: text(data, 'documentId') }, { $set: { recalled: true } });
}

/** The types `applyInputEvent` acts on; the consumer passes the others over. */
export const INPUT_EVENT_TYPES = ['directory.organisation-registered', 'directory.user-registered', 'document.issued', 'document.recalled'] as const;

/** Applies one consumed event to the projection; events of other types are not tracking's concern. */
export async function applyInputEvent(c: Connection, event: DomainEvent): Promise<void> {
  const data = event.data;
  switch (event.type) {
    case 'directory.organisation-registered':
      return organisationRegistered(c, data);
    case 'directory.user-registered':
      return userRegistered(c, data);
    case 'document.issued':
      if (data.aggregate === 'document') return documentIssued(c, data);
      return;
    case 'document.recalled':
      if (data.aggregate === 'document') return documentRecalled(c, data);
      return;
    default:
      // Clearance changes, lifecycle steps, copies: nothing tracking decides on.
      return;
  }
}

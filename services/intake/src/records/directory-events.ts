import type { Connection, Model } from 'mongoose';
import { assertValidEvent, isDuplicateKeyError, outboxModel, TOPICS, type DomainEvent } from '@vanthu/shared';
import { organisationModel } from './organisations';
import { userModel } from './users';

/*
 * Directory records are announced on Kafka so other services keep their own view of who is who.
 * The record and its event are two documents (our database has no multi-document transactions),
 * so a record is written first with `announced` unset — its insert decides any race on the id —
 * then its event goes into the outbox, then the flag is set. A crash in between leaves the flag
 * unset, and the next start announces it again: consumers dedupe on the event id.
 */

type Announceable = { _id: string; announced?: boolean };

async function announce<T extends Announceable>(c: Connection, model: Model<T>, record: T, event: DomainEvent): Promise<void> {
  assertValidEvent(event);
  try {
    await outboxModel(c).create({
      _id: event.id,
      aggregateId: event.id.slice(0, event.id.lastIndexOf(':')),
      seq: 1,
      topic: TOPICS.directoryEvents.name,
      event,
      createdAt: new Date(event.occurredAt),
    });
  } catch (error) {
    if (!isDuplicateKeyError(error)) throw error;
  }
  await model.updateOne({ _id: record._id } as never, { $set: { announced: true } } as never);
}

function directoryEvent(type: string, subject: string, data: Record<string, unknown>): DomainEvent {
  return { id: `${type === 'directory.user-registered' ? 'user' : 'organisation'}:${subject}:1`, type, version: 1, occurredAt: new Date().toISOString(), source: 'intake', subject, data };
}

export function organisationRegistered(org: { _id: string; name: string; level: string; parent?: string | undefined; notationCode: string }): DomainEvent {
  return directoryEvent('directory.organisation-registered', org._id, {
    code: org._id,
    name: org.name,
    level: org.level,
    ...(org.parent && { parent: org.parent }),
    notationCode: org.notationCode,
  });
}

export function userRegistered(user: { _id: string; fullName: string; position: string; role: string; org: string; email: string }): DomainEvent {
  return directoryEvent('directory.user-registered', user._id, {
    userId: user._id,
    fullName: user.fullName,
    position: user.position,
    role: user.role,
    org: user.org,
    email: user.email,
  });
}

export async function announceOrganisation(c: Connection, id: string): Promise<void> {
  const org = await organisationModel(c).findById(id).lean();
  if (org) await announce(c, organisationModel(c), org, organisationRegistered(org));
}

export async function announceUser(c: Connection, id: string): Promise<void> {
  const user = await userModel(c).findById(id).lean();
  if (user) await announce(c, userModel(c), user, userRegistered(user));
}

/** At start: every record not yet announced (new seed data, or a crash after its insert). Organisations first, as users refer to them. */
export async function announcePending(c: Connection): Promise<number> {
  const orgs = await organisationModel(c).find({ announced: { $ne: true } }).lean();
  for (const org of orgs) await announce(c, organisationModel(c), org, organisationRegistered(org));
  const users = await userModel(c).find({ announced: { $ne: true } }).lean();
  for (const user of users) await announce(c, userModel(c), user, userRegistered(user));
  return orgs.length + users.length;
}

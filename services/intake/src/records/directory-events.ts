import type { Connection } from 'mongoose';
import { announce, announcePending as announceAll, TOPICS, type Clearance, type DomainEvent, type EventData, type EventType, type OrgLevel, type Role } from '@vanthu/shared';
import { organisationModel } from './organisations';
import { userModel, type ClearanceChange } from './users';

/*
 * Directory records are announced on Kafka so other services keep their own view of who is who,
 * through the shared announcement helper (packages/shared/src/outbox/announcements.ts): the
 * record first, then its event into the outbox, then the record notes it.
 */

type OrganisationRecord = { _id: string; name: string; level: OrgLevel; parent?: string | undefined; notationCode: string };
type UserRecord = {
  _id: string;
  fullName: string;
  position: string;
  role: Role;
  org: string;
  email: string;
  clearance?: Clearance | undefined;
  clearanceChanges?: ClearanceChange[] | undefined;
};

const directoryEvent = <K extends Extract<EventType, `directory.${string}`>>(kind: 'organisation' | 'user', type: K, subject: string, data: EventData<K>, n = 1, at?: string): DomainEvent => ({
  id: `${kind}:${subject}:${n}`,
  type,
  version: 1,
  occurredAt: at ?? new Date().toISOString(),
  source: 'intake',
  subject,
  data,
});

export function organisationRegistered(org: OrganisationRecord): DomainEvent {
  return directoryEvent('organisation', 'directory.organisation-registered', org._id, {
    code: org._id,
    name: org.name,
    level: org.level,
    ...(org.parent && { parent: org.parent }),
    notationCode: org.notationCode,
  });
}

export function userRegistered(user: UserRecord): DomainEvent {
  return directoryEvent('user', 'directory.user-registered', user._id, {
    userId: user._id,
    fullName: user.fullName,
    position: user.position,
    role: user.role,
    org: user.org,
    email: user.email,
    // As registered: a later change is its own event, so this one never changes once announced.
    ...(registeredClearance(user) !== undefined && { clearance: registeredClearance(user) }),
  });
}

const registeredClearance = (user: UserRecord) => (user.clearanceChanges?.length ? undefined : user.clearance);

/** The user's n-th clearance change is their event n + 1 (event 1 is the registration). */
export function clearanceChanged(user: UserRecord, change: ClearanceChange, index: number): DomainEvent {
  return directoryEvent('user', 'directory.user-clearance-changed', user._id, { userId: user._id, org: user.org, ...change }, index + 2, change.changedAt);
}

const userEvents = (user: UserRecord) => [userRegistered(user), ...(user.clearanceChanges ?? []).map((c, i) => clearanceChanged(user, c, i))];

const topic = TOPICS.directoryEvents.name;

/** Right after the record's insert: the caller passes what it wrote, so nothing is read back. */
export function announceOrganisation(c: Connection, org: OrganisationRecord): Promise<void> {
  return announce(c, organisationModel(c), org, [organisationRegistered(org)], topic);
}

export function announceUser(c: Connection, user: UserRecord): Promise<void> {
  return announce(c, userModel(c), user, userEvents(user), topic);
}

/** At start: every record not yet announced (new seed data, or a crash after its insert). Organisations first, as users refer to them. */
export async function announcePending(c: Connection): Promise<number> {
  return (
    (await announceAll(c, organisationModel(c), await organisationModel(c).find({}).lean(), (org) => [organisationRegistered(org)], topic)) +
    (await announceAll(c, userModel(c), await userModel(c).find({}).lean(), userEvents, topic))
  );
}

import {
  DEMO_ORGANISATIONS,
  DEMO_USERS,
  EVENT_HEADERS,
  type DocumentType,
  type DomainEvent,
  type MessageBus,
  type Secrecy,
  type SeedOrganisation,
  type SeedUser,
} from '@vanthu/shared';

/*
 * The events tracking consumes, shaped as their producers write them (intake's directory
 * announcements and document transitions), so tests feed the consumer what production does.
 */

export function organisationRegistered(org: Pick<SeedOrganisation, 'code' | 'name' | 'level' | 'parent' | 'notationCode'>, at = '2026-01-01T00:00:00.000Z'): DomainEvent {
  return {
    id: `org-${org.code}:1`,
    type: 'directory.organisation-registered',
    version: 1,
    occurredAt: at,
    source: 'intake',
    subject: org.code,
    data: { code: org.code, name: org.name, level: org.level, notationCode: org.notationCode, ...(org.parent !== undefined && { parent: org.parent }) },
  };
}

export function userRegistered(user: Omit<SeedUser, 'clearance'> & { clearance?: SeedUser['clearance'] }, at = '2026-01-01T00:00:00.000Z'): DomainEvent {
  return {
    id: `user-${user.id}:1`,
    type: 'directory.user-registered',
    version: 1,
    occurredAt: at,
    source: 'intake',
    subject: user.id,
    data: {
      userId: user.id,
      fullName: user.fullName,
      position: user.position,
      role: user.role,
      org: user.org,
      email: user.email,
      ...(user.clearance !== undefined && { clearance: user.clearance }),
    },
  };
}

/** The demo province's hierarchy and people, as intake announces them. */
export const demoDirectoryEvents = (): DomainEvent[] => [...DEMO_ORGANISATIONS.map((o) => organisationRegistered(o)), ...DEMO_USERS.map((u) => userRegistered(u))];

export interface IssuedDocument {
  documentId: string;
  issuer: string;
  type: DocumentType;
  notation: string;
  number: number;
  secrecy: Secrecy;
  issuedAt: string;
}

const outgoing = (doc: Pick<IssuedDocument, 'documentId' | 'issuer' | 'type' | 'secrecy'>, seq: number, action: string, status: string, at: string, extra: Record<string, unknown>): DomainEvent => ({
  id: `${doc.documentId}:${seq}`,
  type: `document.${action}`,
  version: 1,
  occurredAt: at,
  source: 'intake',
  subject: doc.documentId,
  data: {
    documentId: doc.documentId,
    aggregate: 'document',
    aggregateId: doc.documentId,
    seq,
    status,
    org: doc.issuer,
    issuer: doc.issuer,
    type: doc.type,
    urgency: 'normal',
    secrecy: doc.secrecy,
    createdBy: 'bs-specialist',
    signer: 'bs-secretary',
    ...extra,
  },
});

export const documentIssued = (doc: IssuedDocument, seq = 6): DomainEvent =>
  outgoing(doc, seq, 'issued', 'issued', doc.issuedAt, { number: doc.number, notation: doc.notation, issuedAt: doc.issuedAt, content: 'a'.repeat(64) });

export const documentRecalled = (doc: IssuedDocument, seq = 8, at = '2026-12-01T08:00:00.000Z'): DomainEvent =>
  outgoing(doc, seq, 'recalled', 'recalled', at, { actor: 'bs-secretary', note: 'Thu hồi để sửa đổi' });

/** A recipient's copy being received: an event of the same type family tracking must ignore. */
export const copyReceived = (doc: IssuedDocument, org: string, seq = 2): DomainEvent => ({
  id: `${doc.documentId}@${org}:${seq}`,
  type: 'document.received',
  version: 1,
  occurredAt: doc.issuedAt,
  source: 'intake',
  subject: doc.documentId,
  data: { documentId: doc.documentId, aggregate: 'incoming', aggregateId: `${doc.documentId}@${org}`, seq, status: 'accepted', statusCode: '03', org, urgency: 'normal', arrivalNumber: 1 },
});

/** Publishes events on a topic as the producing service's outbox relay does (key, body, headers). */
export async function publishEvents(bus: MessageBus, topic: string, events: DomainEvent[]): Promise<void> {
  const publisher = await bus.publisher();
  try {
    await publisher.publish(
      topic,
      events.map((e) => ({
        key: e.subject,
        value: JSON.stringify(e),
        headers: { [EVENT_HEADERS.id]: e.id, [EVENT_HEADERS.type]: e.type, [EVENT_HEADERS.version]: String(e.version), [EVENT_HEADERS.contentType]: 'application/json' },
      })),
    );
  } finally {
    await publisher.close();
  }
}

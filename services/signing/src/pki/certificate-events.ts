import type { Connection } from 'mongoose';
import { announce, announcePending, TOPICS, type DomainEvent, type EventData } from '@vanthu/shared';
import { certificateModel, type CertificateDoc } from './certificate-records';

/*
 * Certificates are announced on vanthu.signing.events.v1 as they are issued and revoked, through
 * the shared announcement helper: the certificate is written first (its unique index decides a
 * race), then its events go into this service's outbox, and the worker's relay publishes them.
 */

const iso = (d: Date | string) => new Date(d).toISOString();

type CertificateEventType = 'certificate.issued' | 'certificate.revoked';
/** The fields of each certificate event besides those every one of them carries. */
type OwnFields<K extends CertificateEventType> = Omit<EventData<K>, keyof EventData<CertificateEventType>>;

function event<K extends CertificateEventType>(doc: CertificateDoc, n: number, type: K, at: Date, data: OwnFields<K>): DomainEvent {
  return {
    id: `certificate:${doc._id}:${n}`,
    type,
    version: 1,
    occurredAt: iso(at),
    source: 'signing',
    subject: doc._id,
    data: {
      serial: doc._id,
      kind: doc.kind,
      subjectKey: doc.subjectKey,
      commonName: doc.commonName,
      ...(doc.orgCode && { orgCode: doc.orgCode }),
      ...(doc.userId && { userId: doc.userId }),
      ...data,
    },
  };
}

/** The events a certificate's state stands for: issued, and revoked once it is. */
export function certificateEvents(doc: CertificateDoc): DomainEvent[] {
  const events = [
    event(doc, 1, 'certificate.issued', doc.createdAt, {
      ...(doc.issuerSerial && { issuerSerial: doc.issuerSerial }),
      notBefore: iso(doc.notBefore),
      notAfter: iso(doc.notAfter),
      imported: doc.imported,
    }),
  ];
  if (doc.status === 'revoked' && doc.revokedAt) {
    events.push(event(doc, 2, 'certificate.revoked', doc.revokedAt, { reason: doc.revocationReason ?? 'unspecified', revokedAt: iso(doc.revokedAt) }));
  }
  return events;
}

export function announceCertificate(connection: Connection, doc: CertificateDoc): Promise<void> {
  return announce(connection, certificateModel(connection), doc, certificateEvents(doc), TOPICS.signingEvents.name);
}

/** At start: certificates whose events are not all in the outbox yet (a crash in between). */
export async function announcePendingCertificates(connection: Connection): Promise<number> {
  const all = await certificateModel(connection).find({}).lean<CertificateDoc[]>();
  return announcePending(connection, certificateModel(connection), all, certificateEvents, TOPICS.signingEvents.name);
}

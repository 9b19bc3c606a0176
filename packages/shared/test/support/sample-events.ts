import type { DomainEvent } from '../../src';

/** A `document.<action>` event of an outgoing document, shaped as intake's outbox writes it. */
export function documentEvent(documentId: string, seq: number, action = 'registered', extra: Record<string, unknown> = {}): DomainEvent {
  return {
    id: `${documentId}:${seq}`,
    type: `document.${action}`,
    version: 1,
    occurredAt: new Date().toISOString(),
    source: 'intake',
    subject: documentId,
    data: {
      documentId,
      aggregate: 'document',
      aggregateId: documentId,
      seq,
      status: 'registered',
      actor: 'bs-clerk',
      org: 'BS-TU',
      issuer: 'BS-TU',
      type: 'NQ',
      urgency: 'normal',
      secrecy: 'none',
      createdBy: 'bs-specialist',
      signer: 'bs-secretary',
      ...extra,
    },
  };
}

import { COPY_EVENT_TYPES, isEvent, type DomainEvent } from '@vanthu/shared';
import type { FigureItem, IncomingItem, OutgoingItem } from './figure-item';

/** An item as an event gives it, before the projection stamps it. */
export type ItemFacts = Omit<OutgoingItem, 'projectedAt'> | Omit<IncomingItem, 'projectedAt'>;

/**
 * The events the figures are made of: an outgoing document's issue, and every event of a
 * recipient's copy (each carries the copy's status and, once assigned, its deadline).
 */
export function isFigureEvent(event: DomainEvent): boolean {
  const aggregate = event.data.aggregate;
  return aggregate === 'incoming' ? event.type.startsWith('document.') : event.type === 'document.issued' && aggregate === 'document';
}

/**
 * The facts one event gives about its item; the caller has validated the event against the
 * catalogue and checked isFigureEvent. A copy's arrival is `arrivedAt` of `document.delivered`
 * (the incoming register's time), or that event's own time for copies that arrived before the
 * field was carried; its completion is the time of `document.processed`.
 */
export function itemOfEvent(event: DomainEvent): ItemFacts {
  if (isEvent(event, 'document.issued')) {
    const d = event.data;
    return { _id: d.documentId, kind: 'outgoing', seq: d.seq, issuer: d.issuer, type: d.type, secrecy: d.secrecy, urgency: d.urgency, issuedAt: d.issuedAt };
  }
  if (!isEvent(event, ...COPY_EVENT_TYPES)) throw new Error(`${event.type} (${event.id}) is not an event the figures are made of`);
  const d = event.data;
  const { issuer, secrecy, deadline } = d;
  const arrivedAt = isEvent(event, 'document.delivered') ? (event.data.arrivedAt ?? event.occurredAt) : undefined;
  return {
    _id: d.aggregateId,
    kind: 'incoming',
    seq: d.seq,
    documentId: d.documentId,
    org: d.org,
    ...(issuer !== undefined && { issuer }),
    ...(secrecy !== undefined && { secrecy }),
    urgency: d.urgency,
    status: d.status,
    ...(arrivedAt !== undefined && { arrivedAt }),
    ...(deadline !== undefined && { deadline }),
    ...(event.type === 'document.processed' && { doneAt: event.occurredAt }),
  };
}

/**
 * Two accounts of one item, in either order: the higher `seq` says what it is now, and the lower
 * fills in what the higher does not repeat (a copy's arrival is told once, by its first event).
 * An issued document is told whole by its one event.
 */
export function mergeItems<T extends ItemFacts | FigureItem>(held: T | undefined, next: T): T {
  if (!held) return next;
  const [older, newer]: [T, T] = held.seq <= next.seq ? [held, next] : [next, held];
  if (newer.kind === 'outgoing') return newer;
  return { ...older, ...newer };
}

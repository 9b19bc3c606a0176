import type { DomainEvent, RecipientStatus, Secrecy, Urgency } from '@vanthu/shared';
import type { FigureItem, IncomingItem, OutgoingItem } from './figure-item';

/** An item as an event gives it, before the projection stamps it. */
export type ItemFacts = Omit<OutgoingItem, 'projectedAt'> | Omit<IncomingItem, 'projectedAt'>;

type Data = Record<string, unknown>;
const optionalText = (data: Data, key: string) => (typeof data[key] === 'string' ? (data[key] as string) : undefined);

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
  const d = event.data;
  if (d.aggregate === 'document') {
    return {
      _id: d.documentId as string,
      kind: 'outgoing',
      seq: d.seq as number,
      issuer: d.issuer as string,
      type: d.type as OutgoingItem['type'],
      secrecy: d.secrecy as Secrecy,
      urgency: d.urgency as Urgency,
      issuedAt: d.issuedAt as string,
    };
  }
  const issuer = optionalText(d, 'issuer');
  const secrecy = optionalText(d, 'secrecy') as Secrecy | undefined;
  const deadline = optionalText(d, 'deadline');
  const arrivedAt = event.type === 'document.delivered' ? (optionalText(d, 'arrivedAt') ?? event.occurredAt) : undefined;
  return {
    _id: d.aggregateId as string,
    kind: 'incoming',
    seq: d.seq as number,
    documentId: d.documentId as string,
    org: d.org as string,
    ...(issuer !== undefined && { issuer }),
    ...(secrecy !== undefined && { secrecy }),
    urgency: d.urgency as Urgency,
    status: d.status as RecipientStatus,
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

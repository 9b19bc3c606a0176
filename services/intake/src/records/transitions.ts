import type { Connection } from 'mongoose';
import { isDuplicateKeyError, outboxModel, TOPICS, type DomainEvent, type OutboxRecord, type TransitionInput } from '@vanthu/shared';

export const transitionsModel = (c: Connection) => outboxModel(c, 'outbox');

/** The event a transition publishes; its id is the transition's key, so retries cannot mint a second one. */
export function transitionEvent(input: TransitionInput): DomainEvent {
  return {
    id: `${input.aggregateId}:${input.seq}`,
    type: `document.${input.action}`,
    version: 1,
    occurredAt: input.at,
    source: 'intake',
    subject: input.documentId,
    data: {
      documentId: input.documentId,
      aggregate: input.kind,
      aggregateId: input.aggregateId,
      seq: input.seq,
      status: input.status,
      ...(input.actor !== undefined && { actor: input.actor }),
      ...(input.note !== undefined && { note: input.note }),
      ...input.data,
    },
  };
}

/** Inserts the transition (and so its event) once; a retry finds it there and carries on. */
export async function insertTransition(c: Connection, input: TransitionInput): Promise<void> {
  const record: OutboxRecord = {
    _id: `${input.aggregateId}:${input.seq}`,
    aggregateId: input.aggregateId,
    seq: input.seq,
    topic: TOPICS.documentEvents.name,
    event: transitionEvent(input),
    createdAt: new Date(input.at),
    publishedAt: null,
  };
  try {
    await transitionsModel(c).create(record);
  } catch (error) {
    if (!isDuplicateKeyError(error)) throw error;
  }
}

/** A document's history and its recipients', oldest first. */
export async function historyOf(c: Connection, documentId: string, aggregateId?: string): Promise<OutboxRecord[]> {
  const filter = aggregateId
    ? { aggregateId }
    : { $or: [{ aggregateId: documentId }, { aggregateId: { $regex: `^${documentId.replace(/[^A-Za-z0-9-]/g, '')}@` } }] };
  return transitionsModel(c).find(filter).sort({ createdAt: 1, seq: 1 }).lean<OutboxRecord[]>();
}

import type { Connection } from 'mongoose';
import { assertValidEvent, isDuplicateKeyError, isSecret, outboxModel, TOPICS, type DomainEvent, type OutboxRecord, type Secrecy, type TransitionInput } from '@vanthu/shared';
import type { TransitionView } from '../app/ports';

export const transitionsModel = (c: Connection) => outboxModel(c, 'outbox');

/**
 * The event a transition publishes; its id is the transition's key, so retries cannot mint a
 * second one. A secret document's event carries its id, level, number and status, never a note
 * (sealed or not): the reason stays in the document's own record.
 */
export function transitionEvent(input: TransitionInput): DomainEvent {
  const secret = isSecret((input.data?.secrecy ?? 'none') as Secrecy);
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
      ...(input.note !== undefined && !secret && { note: input.note }),
      ...input.data,
    },
  };
}

/** Inserts the transition (and so its event) once; a retry finds it there and carries on. */
export async function insertTransition(c: Connection, input: TransitionInput): Promise<void> {
  const event = transitionEvent(input);
  // A contract broken at the source fails the activity, visibly in Temporal, instead of downstream.
  assertValidEvent(event);
  const record: OutboxRecord = {
    _id: `${input.aggregateId}:${input.seq}`,
    aggregateId: input.aggregateId,
    seq: input.seq,
    topic: TOPICS.documentEvents.name,
    event,
    createdAt: new Date(input.at),
  };
  try {
    await transitionsModel(c).create(record);
  } catch (error) {
    if (!isDuplicateKeyError(error)) throw error;
  }
}

/** The line the transition adds to its aggregate's history (kept in the projection itself). */
export function historyEntry(input: TransitionInput): TransitionView {
  return {
    seq: input.seq,
    at: input.at,
    action: input.action,
    status: input.status as TransitionView['status'],
    ...(input.actor !== undefined && { actor: input.actor }),
    ...(input.note !== undefined && { note: input.note }),
  };
}

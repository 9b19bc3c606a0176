import { TOPICS } from '../contracts/topics';
import type { IncomingMessage, MessageBus, OutgoingMessage, Publisher } from '../kafka/bus';

/** Headers a dead letter carries beside the original event's own. */
export const DEAD_LETTER_HEADERS = {
  group: 'dlq-group',
  reason: 'dlq-reason',
  error: 'dlq-error',
  attempts: 'dlq-attempts',
  failedAt: 'dlq-failed-at',
  sourceTopic: 'dlq-source-topic',
  sourcePartition: 'dlq-source-partition',
  sourceOffset: 'dlq-source-offset',
} as const;

export type DeadLetterReason = 'unparseable' | 'contract' | 'handler';

export interface DeadLetter {
  group: string;
  reason: DeadLetterReason;
  error: string;
  attempts: number;
  failedAt: string;
  source: { topic: string; partition: number; offset: string };
  eventId?: string;
  eventType?: string;
  key: string | null;
  value: Buffer;
  headers: Record<string, string>;
  /** Where the dead letter itself sits, for reference. */
  at: { partition: number; offset: string };
}

/** The dead-letter message for a message a group gave up on: the original bytes, untouched, plus why. */
export function deadLetterMessage(
  message: IncomingMessage,
  failure: { group: string; reason: DeadLetterReason; error: string; attempts: number },
): OutgoingMessage {
  return {
    key: message.key ?? '',
    value: message.value,
    headers: {
      ...message.headers,
      [DEAD_LETTER_HEADERS.group]: failure.group,
      [DEAD_LETTER_HEADERS.reason]: failure.reason,
      // Kafka headers are small by convention; a stack trace belongs in the consumer's log.
      [DEAD_LETTER_HEADERS.error]: failure.error.slice(0, 2_000),
      [DEAD_LETTER_HEADERS.attempts]: String(failure.attempts),
      [DEAD_LETTER_HEADERS.failedAt]: new Date().toISOString(),
      [DEAD_LETTER_HEADERS.sourceTopic]: message.topic,
      [DEAD_LETTER_HEADERS.sourcePartition]: String(message.partition),
      [DEAD_LETTER_HEADERS.sourceOffset]: message.offset,
    },
  };
}

function toDeadLetter(message: IncomingMessage): DeadLetter {
  const h = message.headers;
  const original = Object.fromEntries(Object.entries(h).filter(([name]) => !name.startsWith('dlq-')));
  return {
    group: h[DEAD_LETTER_HEADERS.group] ?? '',
    reason: (h[DEAD_LETTER_HEADERS.reason] ?? 'handler') as DeadLetterReason,
    error: h[DEAD_LETTER_HEADERS.error] ?? '',
    attempts: Number(h[DEAD_LETTER_HEADERS.attempts] ?? 0),
    failedAt: h[DEAD_LETTER_HEADERS.failedAt] ?? message.timestamp,
    source: {
      topic: h[DEAD_LETTER_HEADERS.sourceTopic] ?? '',
      partition: Number(h[DEAD_LETTER_HEADERS.sourcePartition] ?? 0),
      offset: h[DEAD_LETTER_HEADERS.sourceOffset] ?? '',
    },
    ...(original['event-id'] !== undefined && { eventId: original['event-id'] }),
    ...(original['event-type'] !== undefined && { eventType: original['event-type'] }),
    key: message.key,
    value: message.value,
    headers: original,
    at: { partition: message.partition, offset: message.offset },
  };
}

export interface DeadLetterFilter {
  group?: string;
  eventIds?: string[];
}

const matches = (letter: DeadLetter, filter: DeadLetterFilter) =>
  (filter.group === undefined || letter.group === filter.group) &&
  (filter.eventIds === undefined || (letter.eventId !== undefined && filter.eventIds.includes(letter.eventId)));

export async function listDeadLetters(bus: MessageBus, filter: DeadLetterFilter = {}): Promise<DeadLetter[]> {
  const messages = await bus.readTopic(TOPICS.deadLetter.name);
  return messages.map(toDeadLetter).filter((letter) => matches(letter, filter));
}

/**
 * Puts dead letters back on the topic they came from, unchanged. Consumers remember the event
 * ids they handled, so the groups that had handled an event skip it and only the group that
 * gave up handles it now — which is also why replaying twice is harmless. A replayed event
 * arrives after its document's later events; the handlers that can dead-letter are written to
 * tolerate that (a notification, a webhook: no state machine).
 */
export async function replayDeadLetters(bus: MessageBus, filter: DeadLetterFilter = {}): Promise<DeadLetter[]> {
  const letters = (await listDeadLetters(bus, filter)).filter((l) => l.source.topic !== '' && l.reason !== 'unparseable');
  if (letters.length === 0) return [];
  const publisher: Publisher = await bus.publisher();
  try {
    for (const letter of letters) {
      await publisher.publish(letter.source.topic, [{ key: letter.key ?? '', value: letter.value, headers: letter.headers }]);
    }
  } finally {
    await publisher.close();
  }
  return letters;
}

import { setTimeout as sleep } from 'node:timers/promises';
import type { Connection } from 'mongoose';
import type { DomainEvent } from '../contracts/events';
import { isTransientDependencyError } from '../errors/transient';
import { TOPICS } from '../contracts/topics';
import type { IncomingMessage, MessageBus, Publisher } from '../kafka/bus';
import type { Logger } from '../logging/logger';
import { ConsumedEvents } from './consumed-events';
import { deadLetterMessage, type DeadLetterReason } from './dead-letter';
import { checkEvent } from './validation';

export interface ConsumedEventMeta {
  topic: string;
  partition: number;
  offset: string;
  /** 1 on the first try; the handler may log it. */
  attempt: number;
}

export interface EventConsumerOptions {
  /** The consuming service's own database: holds the ids of the events the group handled. */
  connection: Connection;
  bus: MessageBus;
  logger: Logger;
  /** The Kafka consumer group, also the namespace of the remembered ids. */
  group: string;
  topics: string[];
  /**
   * The event types the handler acts on, when it acts on few of its topics' types: the others are
   * passed over before the handled-ids lookup, so a group reading a long topic from the beginning
   * costs no database round trip per event it has no use for.
   */
  types?: readonly string[];
  fromBeginning?: boolean;
  /** Partitions handled at once; each partition's events stay in order (see SubscribeOptions). */
  partitionsConcurrently?: number;
  /** Tries per event before it goes to the dead-letter topic; a dependency's transient failure is tried until it passes. */
  maxAttempts?: number;
  /** First retry delay; doubles per try up to `maxBackoffMs`. */
  backoffMs?: number;
  maxBackoffMs?: number;
  handle: (event: DomainEvent, meta: ConsumedEventMeta) => Promise<void>;
}

export interface ConsumerStats {
  handled: number;
  duplicates: number;
  retries: number;
  deadLettered: number;
  /** Events of types not in our catalogue: from a newer producer; skipped, not failed. */
  unknown: number;
  /** Events of catalogued types outside `types`: passed over. */
  ignored: number;
}

export interface EventConsumer {
  readonly stats: ConsumerStats;
  stop(): Promise<void>;
}

const describe = (error: unknown) => (error instanceof Error ? `${error.name}: ${error.message}` : String(error));

/**
 * Consumes domain events so that each is handled once per group: ids already handled are
 * skipped (Kafka redelivers after a crash or a rebalance, and the outbox relay may publish
 * twice), and an event that keeps failing is retried with backoff, then parked on the
 * dead-letter topic instead of blocking its partition for ever. Offsets are committed only after
 * an event is handled or parked, so nothing is lost.
 *
 * The id is remembered after the handler resolves, so a crash in between runs the handler again:
 * handlers must make their own writes idempotent too (e.g. `_id`s derived from the event id).
 */
export async function startEventConsumer(options: EventConsumerOptions): Promise<EventConsumer> {
  const { bus, logger, group } = options;
  const log = logger.child({ consumerGroup: group });
  const consumed = new ConsumedEvents(options.connection, group);
  const stats: ConsumerStats = { handled: 0, duplicates: 0, retries: 0, deadLettered: 0, unknown: 0, ignored: 0 };
  const types = options.types && new Set(options.types);
  const maxAttempts = options.maxAttempts ?? 5;
  let stopping = false;
  let deadLetters: Publisher | undefined;

  async function park(message: IncomingMessage, reason: DeadLetterReason, error: string, attempts: number): Promise<void> {
    deadLetters ??= await bus.publisher();
    await deadLetters.publish(TOPICS.deadLetter.name, [deadLetterMessage(message, { group, reason, error, attempts })]);
    stats.deadLettered += 1;
    log.error({ topic: message.topic, partition: message.partition, offset: message.offset, deadLetterReason: reason, error, attempts }, 'event sent to the dead-letter topic');
  }

  async function onMessage(message: IncomingMessage): Promise<void> {
    let event: DomainEvent;
    try {
      event = JSON.parse(message.value.toString('utf8')) as DomainEvent;
    } catch (error) {
      return park(message, 'unparseable', describe(error), 0);
    }
    const check = checkEvent(event, { as: 'consumer' });
    if (!check.ok && check.reason === 'unknown-type') {
      stats.unknown += 1;
      log.debug({ type: event.type, version: event.version }, 'event type not in our catalogue; skipped');
      return;
    }
    if (!check.ok) return park(message, 'contract', check.errors.join('; '), 0);
    if (types && !types.has(event.type)) {
      stats.ignored += 1;
      return;
    }
    if (await consumed.seen(event.id)) {
      stats.duplicates += 1;
      return;
    }
    let delay = options.backoffMs ?? 200;
    for (let attempt = 1; ; attempt += 1) {
      try {
        await options.handle(event, { topic: message.topic, partition: message.partition, offset: message.offset, attempt });
        break;
      } catch (error) {
        // While stopping, leave the offset uncommitted: the next instance gets the event again.
        if (stopping) throw error;
        // A dependency overloaded or away (the database's pool, Temporal's RESOURCE_EXHAUSTED) is
        // not the event's fault: the partition waits for it, which is the back-pressure, instead
        // of parking events that would succeed a minute later.
        if (attempt >= maxAttempts && !isTransientDependencyError(error)) return park(message, 'handler', describe(error), attempt);
        stats.retries += 1;
        log.warn({ eventId: event.id, type: event.type, attempt, retryInMs: delay, err: error }, 'event handler failed; will retry');
        await sleep(delay);
        delay = Math.min(delay * 2, options.maxBackoffMs ?? 5_000);
      }
    }
    await consumed.remember(event.id, event.type);
    stats.handled += 1;
  }

  const subscription = bus.subscription(group);
  await subscription.run(
    { topics: options.topics, fromBeginning: options.fromBeginning ?? false, partitionsConcurrently: options.partitionsConcurrently ?? 1 },
    onMessage,
  );
  return {
    stats,
    async stop() {
      stopping = true;
      await subscription.close();
      await deadLetters?.close().catch(() => undefined);
    },
  };
}

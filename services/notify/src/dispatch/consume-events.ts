import { SERVICES, startEventConsumer, TOPICS, type EventConsumer, type ServiceContext } from '@vanthu/shared';
import { createEventHandler, type EventHandlerDeps } from './handle-event';

export const NOTIFY_GROUP = 'vanthu-notify';

/** What notify hears of: people (the directory), documents, and implementation tasks. */
export const NOTIFY_TOPICS = [TOPICS.directoryEvents, TOPICS.documentEvents, TOPICS.trackingEvents];

/**
 * The group remembers its handled ids in the service's database, so the two go together: a
 * deployment on another database (the end-to-end tests' `vanthu_notify_e2e`) is another group,
 * and reads the topics from the beginning instead of from where the main one got to.
 */
export function consumerGroupFor(database: string): string {
  return database === SERVICES.notify.database ? NOTIFY_GROUP : `${NOTIFY_GROUP}.${database}`;
}

/**
 * The one consumer group that writes notifications. It reads from the beginning, so a new
 * deployment builds its directory from every user ever registered, and handled events are
 * remembered by id, so the replay notifies nobody twice.
 */
export function consumeEvents(
  ctx: Pick<ServiceContext, 'mongo' | 'bus' | 'logger'>,
  deps: EventHandlerDeps,
  options: { group?: string; topics?: string[] } = {},
): Promise<EventConsumer> {
  const handle = createEventHandler(deps);
  return startEventConsumer({
    connection: ctx.mongo,
    bus: ctx.bus,
    logger: ctx.logger,
    group: options.group ?? NOTIFY_GROUP,
    topics: options.topics ?? NOTIFY_TOPICS.map((topic) => topic.name),
    fromBeginning: true,
    // Each handler mostly waits on the database and Kafka: handling the partitions side by side
    // multiplies throughput, while one document's or task's events (one partition) stay in order.
    partitionsConcurrently: Math.max(...NOTIFY_TOPICS.map((topic) => topic.partitions)),
    maxAttempts: 5,
    handle: (event) => handle(event),
  });
}

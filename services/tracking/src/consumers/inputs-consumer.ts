import { SERVICES, startEventConsumer, TOPICS, type EventConsumer, type ServiceContext } from '@vanthu/shared';
import { applyInputEvent, INPUT_EVENT_TYPES } from './input-projection';

export const INPUTS_GROUP = 'vanthu-tracking-inputs';

/** The handled ids live in tracking's database: another database is another group, read from the start. */
export const inputsGroupFor = (database: string) => (database === SERVICES.tracking.database ? INPUTS_GROUP : `${INPUTS_GROUP}.${database}`);

/**
 * Keeps the organisations, users and source documents tracking decides on, from the directory
 * and document topics. From the beginning, so a new deployment learns the whole hierarchy and
 * every document ever issued; in the worker only, so the projection has one writer. Only the
 * types the projection keeps are looked at: most of the document topic is lifecycle steps, and a
 * new group would otherwise pay two database round trips for each of them.
 */
export function consumeInputs(ctx: Pick<ServiceContext, 'mongo' | 'bus' | 'logger'>, options: { group?: string } = {}): Promise<EventConsumer> {
  return startEventConsumer({
    connection: ctx.mongo,
    bus: ctx.bus,
    logger: ctx.logger,
    group: options.group ?? INPUTS_GROUP,
    topics: [TOPICS.directoryEvents.name, TOPICS.documentEvents.name],
    types: INPUT_EVENT_TYPES,
    fromBeginning: true,
    // Each record's events share a key, hence a partition: its order holds across partitions read at once.
    partitionsConcurrently: Math.max(TOPICS.directoryEvents.partitions, TOPICS.documentEvents.partitions),
    maxAttempts: 5,
    handle: (event) => applyInputEvent(ctx.mongo, event),
  });
}

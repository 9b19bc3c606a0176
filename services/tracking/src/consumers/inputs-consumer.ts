import { SERVICES, startEventConsumer, TOPICS, type EventConsumer, type ServiceContext } from '@vanthu/shared';
import { applyInputEvent } from './input-projection';

export const INPUTS_GROUP = 'vanthu-tracking-inputs';

/** The handled ids live in tracking's database: another database is another group, read from the start. */
export const inputsGroupFor = (database: string) => (database === SERVICES.tracking.database ? INPUTS_GROUP : `${INPUTS_GROUP}.${database}`);

/**
 * Keeps the organisations, users and source documents tracking decides on, from the directory
 * and document topics. From the beginning, so a new deployment learns the whole hierarchy and
 * every document ever issued; in the worker only, so the projection has one writer.
 */
export function consumeInputs(ctx: Pick<ServiceContext, 'mongo' | 'bus' | 'logger'>, options: { group?: string } = {}): Promise<EventConsumer> {
  return startEventConsumer({
    connection: ctx.mongo,
    bus: ctx.bus,
    logger: ctx.logger,
    group: options.group ?? INPUTS_GROUP,
    topics: [TOPICS.directoryEvents.name, TOPICS.documentEvents.name],
    fromBeginning: true,
    maxAttempts: 5,
    handle: (event) => applyInputEvent(ctx.mongo, event),
  });
}

import { SERVICES, startEventConsumer, TOPICS, type EventConsumer, type ServiceContext } from '@vanthu/shared';
import type { UserClearances } from './user-clearances';

export const CLEARANCE_GROUP = 'vanthu-archive-clearances';

/** The handled ids live in the archive's database: another database is another group, read from the start. */
export const clearanceGroupFor = (database: string) => (database === SERVICES.archive.database ? CLEARANCE_GROUP : `${CLEARANCE_GROUP}.${database}`);

/**
 * Keeps the clearance projection from the directory topic. From the beginning, so a new
 * deployment learns every clearance ever granted; in the worker only, so one process writes.
 */
export function consumeClearances(
  ctx: Pick<ServiceContext, 'mongo' | 'bus' | 'logger'>,
  clearances: UserClearances,
  options: { group?: string } = {},
): Promise<EventConsumer> {
  return startEventConsumer({
    connection: ctx.mongo,
    bus: ctx.bus,
    logger: ctx.logger,
    group: options.group ?? CLEARANCE_GROUP,
    topics: [TOPICS.directoryEvents.name],
    fromBeginning: true,
    maxAttempts: 5,
    handle: async (event) => {
      await clearances.apply(event);
    },
  });
}

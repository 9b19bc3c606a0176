import type { Connection } from 'mongoose';
import { probeActivities, type OutboxRelay, type ServiceContext, type TrackingActivities } from '@vanthu/shared';
import { recordTaskTransition } from './record-task-transition';

export interface TrackingActivityDeps {
  mongo: Connection;
  /** Told after each write, so the event goes out at once rather than at the relay's next poll. */
  relay?: Pick<OutboxRelay, 'nudge'>;
}

/** The task workflows' activities, over a database; tests build them over their own. */
export function trackingActivities({ mongo, relay }: TrackingActivityDeps): TrackingActivities {
  return {
    async recordTaskTransition(input) {
      await recordTaskTransition(mongo, input);
      relay?.nudge();
    },
  };
}

/** Activities this service's worker runs on its own task queue: the probe every service answers, and the task workflows'. */
export function createActivities(ctx: ServiceContext, deps: Omit<TrackingActivityDeps, 'mongo'> = {}) {
  return {
    ...probeActivities(ctx),
    ...trackingActivities({ mongo: ctx.mongo, ...deps }),
  };
}

import { probeActivities, type ServiceContext } from '@vanthu/shared';

/** Activities this service's worker runs on its own task queue. */
export function createActivities(ctx: ServiceContext) {
  return {
    ...probeActivities(ctx),
  };
}

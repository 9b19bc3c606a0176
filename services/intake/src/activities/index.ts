import { probeActivities, type ServiceContext } from '@vanthu/shared';
import { intakeActivities, type IntakeActivityDeps } from './intake-activities';

/** Activities this service's worker runs on its own task queue. */
export function createActivities(ctx: ServiceContext, deps: Omit<IntakeActivityDeps, 'mongo'>) {
  return {
    ...probeActivities(ctx),
    ...intakeActivities({ mongo: ctx.mongo, keys: ctx.keys, ...deps }),
  };
}

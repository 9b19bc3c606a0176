import { probeActivities, type ServiceContext } from '@vanthu/shared';
import { signingModuleOf } from '../signing/signing-module';
import { signingActivities } from './signing-activities';

/** Activities this service's worker runs on its own task queue. */
export function createActivities(ctx: ServiceContext) {
  return {
    ...probeActivities(ctx),
    ...signingActivities(signingModuleOf(ctx)),
  };
}

import type { ServiceDefinition } from '@vanthu/shared';
import { createActivities } from './activities';
import { mountRoutes } from './api/routes';
import { prepareSigning, signingModuleOf } from './signing/signing-module';

export const signingService: ServiceDefinition = {
  name: 'signing',
  routes: mountRoutes,
  activities: createActivities,
  prepare: (ctx) => prepareSigning(signingModuleOf(ctx)),
};

import type { ServiceDefinition } from '@vanthu/shared';
import { createActivities } from './activities';
import { mountRoutes } from './api/routes';

export const signingService: ServiceDefinition = {
  name: 'signing',
  routes: mountRoutes,
  activities: createActivities,
};

import type { ServiceDefinition } from '@vanthu/shared';
import { createActivities } from './activities';
import { mountRoutes } from './api/routes';

export const notifyService: ServiceDefinition = {
  name: 'notify',
  routes: mountRoutes,
  activities: createActivities,
};

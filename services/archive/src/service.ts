import type { ServiceDefinition } from '@vanthu/shared';
import { createActivities } from './activities';
import { mountRoutes } from './api/routes';

export const archiveService: ServiceDefinition = {
  name: 'archive',
  routes: mountRoutes,
  activities: createActivities,
};

import type { ServiceDefinition } from '@vanthu/shared';
import { createActivities } from './activities';
import { mountRoutes } from './api/routes';

export const intakeService: ServiceDefinition = {
  name: 'intake',
  routes: mountRoutes,
  activities: createActivities,
  // Intake owns the document lifecycle, so its worker also hosts the workflow code.
  workflows: { workflowsPath: require.resolve('@vanthu/workflows') },
};

import { OutboxRelay, type ServiceDefinition } from '@vanthu/shared';
import { createActivities } from './activities';
import { mountRoutes } from './api/routes';
import { createIntakeApplication } from './app/intake-app';
import { arrivalAllocator, numberAllocator, prepareIntake } from './prepare';

export const intakeService: ServiceDefinition = {
  name: 'intake',
  prepare: prepareIntake,
  routes: (app, ctx) => mountRoutes(app, ctx, createIntakeApplication(ctx)),
  activities: (ctx, lifecycle) => {
    // The activities write transitions; the relay beside them publishes their events.
    const relay = new OutboxRelay({ connection: ctx.mongo, bus: ctx.bus, logger: ctx.logger, name: 'intake', collection: 'outbox' });
    relay.start();
    lifecycle.onStop('outbox relay', () => relay.stop());
    return createActivities(ctx, { numbers: numberAllocator(ctx), arrivals: arrivalAllocator(ctx), relay });
  },
  // Intake owns the document lifecycle, so its worker also hosts the workflow code.
  workflows: { workflowsPath: require.resolve('@vanthu/workflows') },
};

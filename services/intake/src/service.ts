import { AccessLog, OutboxRelay, type ServiceDefinition } from '@vanthu/shared';
import { createActivities } from './activities';
import { codecHttpOptions } from './api/codec-settings';
import { mountRoutes } from './api/routes';
import { createIntakeApplication } from './app/intake-app';
import { figuresGroupFor, startFiguresProjection } from './consumers/figures-projection';
import { startApiFigures } from './figures/api-figures';
import { startApiRegisters } from './registers/api-registers';
import { arrivalAllocator, numberAllocator, prepareIntake } from './prepare';

export const intakeService: ServiceDefinition = {
  name: 'intake',
  prepare: prepareIntake,
  // The Temporal UI calls the codec endpoint from its own origin.
  http: () => codecHttpOptions(),
  routes: (app, ctx, lifecycle) => {
    // One log per service database: every look at a secret document, for its security officer.
    const accessLog = new AccessLog(ctx.mongo);
    mountRoutes(app, ctx, createIntakeApplication(ctx, accessLog, startApiRegisters(ctx, lifecycle)), accessLog, startApiFigures(ctx, lifecycle));
  },
  activities: async (ctx, lifecycle) => {
    // The activities write transitions; the relay beside them publishes their events.
    const relay = new OutboxRelay({ connection: ctx.mongo, bus: ctx.bus, logger: ctx.logger, name: 'intake', collection: 'outbox' });
    relay.start();
    lifecycle.onStop('outbox relay', () => relay.stop());
    // The worker is the one writer of the operations figures the API processes read.
    const figures = await startFiguresProjection(ctx, { group: figuresGroupFor(ctx.config.MONGO_DATABASE) });
    lifecycle.onStop('figures projection', () => figures.stop());
    return createActivities(ctx, { numbers: numberAllocator(ctx), arrivals: arrivalAllocator(ctx), relay });
  },
  // Intake owns the document lifecycle, so its worker also hosts the workflow code.
  workflows: { workflowsPath: require.resolve('@vanthu/workflows') },
};

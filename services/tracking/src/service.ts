import { OutboxRelay, type ServiceDefinition } from '@vanthu/shared';
import { createActivities } from './activities';
import { mountRoutes } from './api/routes';
import { loadTrackingConfig } from './config';
import { startFiguresProjection } from './consumers/figures-projection';
import { consumeInputs, inputsGroupFor } from './consumers/inputs-consumer';
import { ensureIndexes } from './store/collections';

export const trackingService: ServiceDefinition = {
  name: 'tracking',
  prepare: async (ctx) => {
    // Read before any work, so a misspelt value stops the process at start, in both roles.
    loadTrackingConfig();
    await ensureIndexes(ctx.mongo);
  },
  routes: mountRoutes,
  activities: async (ctx, lifecycle) => {
    // The task workflows' activity writes transitions; the relay beside it publishes their events.
    const relay = new OutboxRelay({ connection: ctx.mongo, bus: ctx.bus, logger: ctx.logger, name: 'tracking', collection: 'outbox' });
    relay.start();
    lifecycle.onStop('outbox relay', () => relay.stop());
    // The worker is the one writer of the projections the API reads: the hierarchy and the
    // source documents, and the figures.
    const inputs = await consumeInputs(ctx, { group: inputsGroupFor(ctx.config.MONGO_DATABASE) });
    lifecycle.onStop('inputs consumer', () => inputs.stop());
    const figures = await startFiguresProjection(ctx);
    lifecycle.onStop('figures projection', () => figures.stop());
    return createActivities(ctx, { relay });
  },
  // The task workflows are tracking's own, on its own task queue.
  workflows: { workflowsPath: require.resolve('@vanthu/workflows/dist/tracking') },
};

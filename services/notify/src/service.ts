import { TOPICS, type ServiceDefinition } from '@vanthu/shared';
import { createActivities } from './activities';
import { mountRoutes } from './api/routes';
import { loadNotifyConfig } from './config';
import { LIVE_TOPIC } from './live/inbox-topic';
import { prepareDatabase, notifyCollections } from './store/collections';

export const notifyService: ServiceDefinition = {
  name: 'notify',
  routes: mountRoutes,
  activities: createActivities,
  // The delivery workflows (webhook, e-mail) run on notify's own task queue.
  workflows: { workflowsPath: require.resolve('./workflows') },
  prepare: async (ctx) => {
    loadNotifyConfig(ctx.config.role);
    await prepareDatabase(notifyCollections(ctx.mongo));
    // The live topic is ours; a stack bootstrapped before it (or the tracking topic, which the
    // worker subscribes to) existed has not created it.
    await ctx.bus.ensureTopics([LIVE_TOPIC, TOPICS.trackingEvents]);
  },
};

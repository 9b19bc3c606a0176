import type { Express } from 'express';
import { mountSecure, type Lifecycle, type ServiceContext } from '@vanthu/shared';
import { openApiRouter } from '@vanthu/shared/openapi';
import { DeliveryStarter } from '../deliveries/start-delivery';
import { LiveHub } from '../live/live-hub';
import { notifyStores, type NotifyStores } from '../notify-stores';
import { inboxRoutes } from './inbox-routes';
import { loadNotifyOpenApi } from './openapi-document';
import { preferencesRoutes } from './preferences-routes';
import { streamOptionsFromEnv, streamRoutes, type StreamOptions } from './stream-routes';
import { webhookRoutes } from './webhook-routes';

export interface NotifyApiDeps {
  stores: NotifyStores;
  hub: LiveHub;
  starter: Pick<DeliveryStarter, 'webhook'>;
  health: { draining: boolean };
  stream?: StreamOptions;
}

/** The routes on an app; the API process and the tests mount them the same way. openapi.yaml describes each one. */
export function mountNotifyRoutes(app: Express, deps: NotifyApiDeps): void {
  mountSecure(
    app,
    openApiRouter(loadNotifyOpenApi()),
    streamRoutes(deps.stores.inbox, deps.stores.preferences, deps.hub, deps.health, deps.stream),
    inboxRoutes(deps.stores.inbox),
    preferencesRoutes(deps.stores.preferences),
    webhookRoutes(deps.stores.endpoints, deps.stores.deliveries, deps.starter),
  );
}

/** This service's HTTP API: inbox, live stream, preferences, webhooks. Health comes from the shared app. */
export async function mountRoutes(app: Express, ctx: ServiceContext, lifecycle: Lifecycle): Promise<void> {
  const hub = new LiveHub(ctx.logger);
  await hub.start(ctx.bus);
  lifecycle.onStop('live notifications', () => hub.stop());
  mountNotifyRoutes(app, {
    stores: notifyStores(ctx.mongo, { requireHttps: process.env.NODE_ENV === 'production' }),
    hub,
    starter: new DeliveryStarter({ client: ctx.temporal, taskQueue: ctx.config.TEMPORAL_TASK_QUEUE }),
    health: lifecycle.health,
    stream: streamOptionsFromEnv(),
  });
}

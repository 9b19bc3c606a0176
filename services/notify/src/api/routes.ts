import { Router, type Express } from 'express';
import type { Lifecycle, ServiceContext } from '@vanthu/shared';
import { bearerAuth } from '@vanthu/shared';
import { ACCEPTED_AUDIENCES } from '../config';
import { loadNotifyConfig } from '../config';
import { DeliveryStarter } from '../deliveries/start-delivery';
import { LiveHub } from '../live/live-hub';
import { notifyStores, type NotifyStores } from '../notify-stores';
import { inboxRoutes } from './inbox-routes';
import { preferencesRoutes } from './preferences-routes';
import { streamRoutes, type StreamOptions } from './stream-routes';
import { webhookRoutes } from './webhook-routes';

export interface NotifyApiDeps {
  stores: NotifyStores;
  hub: LiveHub;
  starter: Pick<DeliveryStarter, 'webhook'>;
  jwtSecret: string;
  health: { draining: boolean };
  stream?: StreamOptions;
}

/** The routes on an app; the API process and the tests mount them the same way. */
export function mountNotifyRoutes(app: Express, deps: NotifyApiDeps): void {
  const v1 = Router();
  // The stream alone accepts ?access_token=: EventSource cannot send an Authorization header.
  const auth = { secret: deps.jwtSecret, realm: 'vanthu-notify', audiences: ACCEPTED_AUDIENCES };
  v1.use('/me/stream', bearerAuth({ ...auth, allowQueryToken: true }));
  v1.use(bearerAuth(auth));
  v1.use(streamRoutes(deps.stores.inbox, deps.hub, deps.health, deps.stream));
  v1.use(inboxRoutes(deps.stores.inbox));
  v1.use(preferencesRoutes(deps.stores.preferences));
  v1.use(webhookRoutes(deps.stores.endpoints, deps.stores.deliveries, deps.starter));
  app.use('/v1', v1);
}

/** This service's HTTP API: inbox, live stream, preferences, webhooks. Health comes from the shared app. */
export async function mountRoutes(app: Express, ctx: ServiceContext, lifecycle: Lifecycle): Promise<void> {
  const config = loadNotifyConfig('api');
  const hub = new LiveHub(ctx.logger);
  await hub.start(ctx.bus);
  lifecycle.onStop('live notifications', () => hub.stop());
  mountNotifyRoutes(app, {
    stores: notifyStores(ctx.mongo, { requireHttps: process.env.NODE_ENV === 'production' }),
    hub,
    starter: new DeliveryStarter({ client: ctx.temporal, taskQueue: ctx.config.TEMPORAL_TASK_QUEUE }),
    jwtSecret: config.jwtSecret,
    health: lifecycle.health,
  });
}

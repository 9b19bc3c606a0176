import { randomUUID } from 'node:crypto';
import {
  createHttpApp, loadEdgeSettings,
  createLogger,
  finishApp,
  Lifecycle,
  listen,
  loadServiceConfig,
  openServiceContext,
  startServiceWorker,
  type DomainEvent,
  type ServiceContext,
} from '@vanthu/shared';
import { deliveryActivities } from '../../src/activities/delivery-activities';
import { mountNotifyRoutes } from '../../src/api/routes';
import { loadNotifyOpenApi } from '../../src/api/openapi-document';
import { answersHeldTo } from '../../../../test/support/openapi-contract';
import { DEVELOPMENT_JWT_SECRET, issueToken, type Principal } from '@vanthu/shared';
import { DeliveryStarter } from '../../src/deliveries/start-delivery';
import { createEventHandler } from '../../src/dispatch/handle-event';
import { smtpMailer } from '../../src/email/mailer';
import { LIVE_TOPIC, LivePublisher } from '../../src/live/inbox-topic';
import { LiveHub } from '../../src/live/live-hub';
import { notifyStores, type NotifyStores } from '../../src/notify-stores';
import { prepareDatabase } from '../../src/store/collections';
import type { RetrySettings } from '../../src/workflows/types';
import { startSmtpServer, type ReceivedMail } from './smtp';

export interface NotifyHarness {
  ctx: ServiceContext;
  stores: NotifyStores;
  handle: (event: DomainEvent) => Promise<void>;
  live: LivePublisher;
  hub: LiveHub;
  starter: DeliveryStarter;
  apiUrl: string;
  mails: ReceivedMail[];
  suffix: string;
  taskQueue: string;
  token: (who: Principal) => string;
  /** Resolves once this process's live subscription has joined and receives new notifications. */
  untilLive: () => Promise<void>;
  stop: () => Promise<void>;
}

/** Quick retries, so a test sees several attempts in seconds. */
export const FAST_RETRY: RetrySettings = { initialIntervalMs: 200, maximumIntervalMs: 1_000, maximumAttempts: 6 };

/**
 * Notify's two processes in the test process, on the real servers: the event handler, the
 * delivery worker on a task queue of its own, the API with its live hub on an ephemeral port,
 * and a real SMTP server. A database of its own, dropped at the end.
 */
export async function startNotifyHarness(): Promise<NotifyHarness> {
  const suffix = randomUUID().replace(/-/g, '').slice(0, 10);
  const taskQueue = `notify-it-${suffix}`;
  const logger = createLogger({ test: 'notify' }, process.env.LOG_LEVEL ?? 'warn');
  const lifecycle = new Lifecycle(logger);
  const config = loadServiceConfig('notify', 'worker', { ...process.env, MONGO_DATABASE: `vanthu_it_notify_${suffix}`, TEMPORAL_TASK_QUEUE: taskQueue });
  const ctx = await openServiceContext(config, logger, lifecycle);
  // Stopped in reverse: this runs after the worker, API and hub stopped, before the connection closes.
  lifecycle.onStop('test database', () => ctx.mongo.dropDatabase());
  const stores = notifyStores(ctx.mongo, { requireHttps: false });
  await prepareDatabase(stores.collections);
  await ctx.bus.ensureTopics([LIVE_TOPIC]);

  const smtp = await startSmtpServer();
  lifecycle.onStop('smtp server', smtp.close);
  const mailer = smtpMailer(smtp.url, 'Văn thư điện tử <no-reply@vanthu.local>');
  lifecycle.onStop('mailer', async () => mailer.close());
  const live = new LivePublisher(ctx.bus);
  lifecycle.onStop('live publisher', () => live.close());
  const starter = new DeliveryStarter({ client: ctx.temporal, taskQueue, webhookRetry: FAST_RETRY, emailRetry: FAST_RETRY });
  const handle = createEventHandler({ stores, live, starter, email: true, logger, portalUrl: 'https://portal.vanthu.example' });

  await startServiceWorker({
    address: config.TEMPORAL_ADDRESS,
    namespace: config.TEMPORAL_NAMESPACE,
    taskQueue,
    logger,
    lifecycle,
    activities: deliveryActivities({ stores, mailer, webhookTimeoutMs: 5_000 }),
    workflows: { workflowsPath: require.resolve('../../src/workflows') },
  });

  const { hub, url } = await startNotifyApi(ctx, stores, starter, lifecycle);

  return {
    ctx,
    stores,
    handle,
    live,
    hub,
    starter,
    apiUrl: url,
    mails: smtp.mails,
    suffix,
    taskQueue,
    token: testToken,
    untilLive: () => untilLive(hub, live, `probe-${suffix}`),
    stop: () => lifecycle.stop(),
  };
}

export const testToken = (who: Principal) => issueToken(DEVELOPMENT_JWT_SECRET, who, 600);

/**
 * Notify's API as its process mounts it (live hub included) on an ephemeral port, every JSON
 * answer held to the OpenAPI document the console's client is generated from.
 */
export async function startNotifyApi(ctx: ServiceContext, stores: NotifyStores, starter: DeliveryStarter, lifecycle: Lifecycle): Promise<{ hub: LiveHub; url: string }> {
  const hub = new LiveHub(ctx.logger);
  await hub.start(ctx.bus);
  lifecycle.onStop('live hub', () => hub.stop());
  const app = createHttpApp({ service: 'notify-it', logger: ctx.logger, readiness: [], state: lifecycle.health, edge: loadEdgeSettings('notify', {}) });
  const contract = answersHeldTo(loadNotifyOpenApi());
  app.use(...contract.check);
  mountNotifyRoutes(app, { stores, hub, starter, health: lifecycle.health, stream: { heartbeatMs: 300 } });
  app.use(contract.report);
  finishApp(app, ctx.logger);
  const server = await listen(app, '127.0.0.1', 0);
  lifecycle.onStop('api', server.close);
  return { hub, url: server.url };
}

/** Resolves once `hub`'s live subscription has joined and receives what `live` publishes. */
export async function untilLive(hub: LiveHub, live: LivePublisher, probeUser: string): Promise<void> {
  let joined = false;
  const stop = hub.listen(probeUser, () => {
    joined = true;
  });
  try {
    for (let i = 0; i < 120 && !joined; i += 1) {
      const item = { eventId: 'probe', eventType: 'probe', category: 'status', documentId: 'probe', aggregateId: 'probe', title: '', body: '', occurredAt: '', createdAt: '', seq: i, read: false } as const;
      await live.publish({ userId: probeUser, item });
      await new Promise((r) => setTimeout(r, 250));
    }
    if (!joined) throw new Error('the live hub never received a notification');
  } finally {
    stop();
  }
}

/** Polls until `check` returns a value, or fails after `timeoutMs`. */
export async function eventually<T>(check: () => Promise<T | undefined | false>, timeoutMs = 30_000, what = 'condition'): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

export async function api(url: string, token: string, method = 'GET', body?: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(url, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body !== undefined && { 'content-type': 'application/json' }), ...headers },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  // Tests read whatever shape the API answered.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const parsed = (text ? JSON.parse(text) : {}) as Record<string, any>;
  return { status: response.status, type: response.headers.get('content-type') ?? '', body: parsed };
}

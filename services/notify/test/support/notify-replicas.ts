import { randomUUID } from 'node:crypto';
import {
  createLogger,
  Lifecycle,
  loadServiceConfig,
  openServiceContext,
  startServiceWorker,
  type DomainEvent,
  type EventConsumer,
} from '@vanthu/shared';
import { deliveryActivities } from '../../src/activities/delivery-activities';
import { DeliveryStarter } from '../../src/deliveries/start-delivery';
import { consumeEvents } from '../../src/dispatch/consume-events';
import { createEventHandler } from '../../src/dispatch/handle-event';
import { smtpMailer } from '../../src/email/mailer';
import { LIVE_TOPIC, LivePublisher } from '../../src/live/inbox-topic';
import type { LiveHub } from '../../src/live/live-hub';
import { notifyStores, type NotifyStores } from '../../src/notify-stores';
import { prepareDatabase } from '../../src/store/collections';
import { FAST_RETRY, startNotifyApi, testToken, untilLive } from './notify-harness';
import { startSmtpServer, type ReceivedMail } from './smtp';

/** A notify worker as its process runs one: the event consumer and the delivery worker, with connections of its own. */
export interface WorkerReplica {
  stores: NotifyStores;
  consumer: EventConsumer;
  /** Its announcements of new inbox items on the live topic. */
  live: LivePublisher;
  /** The consumer's handler, to run an event on this replica directly (as during a rebalance, when two replicas may handle one event). */
  handle: (event: DomainEvent) => Promise<void>;
}

/** A notify API as its process runs one: the routes and a live hub with a consumer group of its own, on an ephemeral port. */
export interface ApiReplica {
  stores: NotifyStores;
  hub: LiveHub;
  url: string;
}

export interface NotifyReplicas {
  suffix: string;
  workers: WorkerReplica[];
  apis: ApiReplica[];
  /** Topics of the test's own (the real ones are the system's audit trail), consumed by the workers' one group. */
  topics: { directory: string; documents: string };
  mails: ReceivedMail[];
  token: typeof testToken;
  publish: (topic: string, events: DomainEvent[]) => Promise<void>;
  stop: () => Promise<void>;
}

/**
 * Several notify workers and APIs against one database, one consumer group and one task queue,
 * each with its own MongoDB, Kafka and Temporal connections and its own Lifecycle: notify keeps
 * nothing at module level, so replicas in one test process share no more than separate processes
 * would (the database, the topics, the SMTP server). Workers start one after another, and each
 * consumer's start resolves once the group has taken it in, so all of them hold partitions.
 */
export async function startNotifyReplicas(options: { workers: number; apis: number }): Promise<NotifyReplicas> {
  const suffix = randomUUID().replace(/-/g, '').slice(0, 10);
  const env = { ...process.env, MONGO_DATABASE: `vanthu_it_notify_${suffix}`, TEMPORAL_TASK_QUEUE: `notify-it-${suffix}` };
  const group = `vanthu-notify-it-${suffix}`;
  const topics = { directory: `vanthu-it-notify-rp-directory-${suffix}`, documents: `vanthu-it-notify-rp-documents-${suffix}` };
  const logger = createLogger({ test: 'notify-replicas' }, process.env.LOG_LEVEL ?? 'warn');

  // The test's own connections: sets up the database and the topics, drops the database last.
  const setup = new Lifecycle(logger);
  const lifecycles = [setup];
  const stopAll = async () => {
    for (const lifecycle of [...lifecycles].reverse()) await lifecycle.stop();
  };
  try {
    const admin = await openServiceContext(loadServiceConfig('notify', 'worker', env), logger, setup);
    setup.onStop('test database', () => admin.mongo.dropDatabase());
    await prepareDatabase(notifyStores(admin.mongo, { requireHttps: false }).collections);
    await admin.bus.ensureTopics([
      LIVE_TOPIC,
      { name: topics.directory, partitions: 4, retentionMs: 3_600_000, description: 'notify integration test' },
      { name: topics.documents, partitions: 6, retentionMs: 3_600_000, description: 'notify integration test' },
    ]);
    const smtp = await startSmtpServer();
    setup.onStop('smtp server', smtp.close);
    const publisher = await admin.bus.publisher();
    setup.onStop('test publisher', () => publisher.close());

    const replica = async (role: 'api' | 'worker', n: number) => {
      const replicaLogger = logger.child({ replica: `${role}-${n}` });
      const lifecycle = new Lifecycle(replicaLogger);
      lifecycles.push(lifecycle);
      const config = loadServiceConfig('notify', role, env);
      const ctx = await openServiceContext(config, replicaLogger, lifecycle);
      const stores = notifyStores(ctx.mongo, { requireHttps: false });
      const starter = new DeliveryStarter({ client: ctx.temporal, taskQueue: config.TEMPORAL_TASK_QUEUE, webhookRetry: FAST_RETRY, emailRetry: FAST_RETRY });
      return { ctx, lifecycle, stores, starter };
    };

    const workers: WorkerReplica[] = [];
    for (let n = 0; n < options.workers; n += 1) {
      const { ctx, lifecycle, stores, starter } = await replica('worker', n);
      const mailer = smtpMailer(smtp.url, 'Văn thư điện tử <no-reply@vanthu.local>');
      lifecycle.onStop('mailer', async () => mailer.close());
      const live = new LivePublisher(ctx.bus);
      lifecycle.onStop('live publisher', () => live.close());
      await startServiceWorker({
        address: ctx.config.TEMPORAL_ADDRESS,
        namespace: ctx.config.TEMPORAL_NAMESPACE,
        taskQueue: ctx.config.TEMPORAL_TASK_QUEUE,
        logger: ctx.logger,
        lifecycle,
        activities: deliveryActivities({ stores, mailer, webhookTimeoutMs: 5_000 }),
        workflows: { workflowsPath: require.resolve('../../src/workflows') },
      });
      const deps = { stores, live, starter, email: true, logger: ctx.logger, portalUrl: 'https://portal.vanthu.example' };
      const consumer = await consumeEvents(ctx, deps, { group, topics: [topics.directory, topics.documents] });
      lifecycle.onStop('notify consumer', () => consumer.stop());
      workers.push({ stores, consumer, live, handle: createEventHandler(deps) });
    }

    const apis: ApiReplica[] = [];
    const probe = new LivePublisher(admin.bus);
    setup.onStop('probe publisher', () => probe.close());
    for (let n = 0; n < options.apis; n += 1) {
      const { ctx, lifecycle, stores, starter } = await replica('api', n);
      const { hub, url } = await startNotifyApi(ctx, stores, starter, lifecycle);
      await untilLive(hub, probe, `probe-${n}-${suffix}`);
      apis.push({ stores, hub, url });
    }

    return {
      suffix,
      workers,
      apis,
      topics,
      mails: smtp.mails,
      token: testToken,
      publish: (topic, events) => publisher.publish(topic, events.map((e) => ({ key: e.subject, value: JSON.stringify(e), headers: { 'event-id': e.id, 'event-type': e.type } }))),
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

import { randomUUID } from 'node:crypto';
import { ALL_TOPICS, TOPICS, connectTemporalClient, createLogger, createMessageBus, ensureNamespace, ensureSearchAttributes, type MessageBus } from '@vanthu/shared';

/**
 * Integration tests run in a namespace of their own, so a test run beside `npm start` never
 * takes tasks from, or gives tasks to, the running services' workers.
 */
export const TEST_NAMESPACE = 'vanthu-test';

export interface BootstrapTargets {
  temporalAddress: string;
  /** The first is the one the services use; every one gets our search attributes. */
  temporalNamespaces: string[];
  kafkaBrokers: string[];
}

export interface BootstrapReport {
  topicsCreated: string[];
  searchAttributesAdded: string[];
  kafkaRoundTripMs: number;
}

/**
 * Readiness for Kafka means a produce and a consumer-group join both work (the coordinator takes
 * a few seconds to load after a start), not an open port: publish a probe until our group reads it.
 */
async function kafkaRoundTrip(bus: MessageBus, timeoutMs = 60_000): Promise<number> {
  const started = performance.now();
  const nonce = randomUUID();
  const publisher = await bus.publisher();
  const subscription = bus.subscription('vanthu-readiness');
  let received!: () => void;
  const arrived = new Promise<void>((resolve) => (received = resolve));
  await subscription.run({ topics: [TOPICS.healthcheck.name] }, async (message) => {
    if (message.value.toString() === nonce) received();
  });
  const deadline = Date.now() + timeoutMs;
  try {
    for (;;) {
      await publisher.publish(TOPICS.healthcheck.name, [{ key: 'readiness', value: nonce }]);
      const timer = new Promise<'wait'>((resolve) => setTimeout(() => resolve('wait'), 1_000));
      if ((await Promise.race([arrived.then(() => 'ok' as const), timer])) === 'ok') break;
      if (Date.now() > deadline) throw new Error(`Kafka: a consumer group did not receive a probe within ${timeoutMs / 1000} s`);
    }
  } finally {
    await Promise.all([subscription.close(), publisher.close()]);
  }
  return Math.round(performance.now() - started);
}

/** Idempotent: creates missing topics and search attributes, then proves Kafka round-trips. */
export async function bootstrap(targets: BootstrapTargets): Promise<BootstrapReport> {
  const logger = createLogger({ component: 'bootstrap' }, process.env.LOG_LEVEL ?? 'error');
  const bus = createMessageBus({ brokers: targets.kafkaBrokers, clientId: 'vanthu-bootstrap', logger });
  const [main = 'default'] = targets.temporalNamespaces;
  const temporal = await connectTemporalClient({ address: targets.temporalAddress, namespace: main });
  try {
    const topicsCreated = await bus.ensureTopics(ALL_TOPICS);
    const searchAttributesAdded: string[] = [];
    for (const namespace of targets.temporalNamespaces) {
      await ensureNamespace(temporal.connection, namespace);
      searchAttributesAdded.push(...(await ensureSearchAttributes(temporal.connection, namespace)).map((n) => `${namespace}/${n}`));
    }
    const kafkaRoundTripMs = await kafkaRoundTrip(bus);
    return { topicsCreated, searchAttributesAdded, kafkaRoundTripMs };
  } finally {
    await Promise.all([bus.close(), temporal.close()]);
  }
}

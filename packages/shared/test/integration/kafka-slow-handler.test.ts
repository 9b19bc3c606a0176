import { Kafka, logLevel } from 'kafkajs';
import { createLogger, createMessageBus, type IncomingMessage, type MessageBus, type TopicSpec } from '../../src';
import { integrationEnv, uniqueName } from '../support/integration-env';

/**
 * A handler that waits on a slow dependency for longer than the group's session timeout must not
 * cost its member the group (keep-alive.ts): before, the coordinator dropped it, the group
 * rebalanced, its uncommitted message was handled again, and so on for as long as the dependency
 * stayed slow. A real broker, a session timeout of 6 s (the broker's minimum) and a handler
 * that takes 14 s.
 */
describe('a consumer whose handler is slower than its session timeout (real broker)', () => {
  const env = integrationEnv();
  const topic: TopicSpec = { name: uniqueName('vanthu.it.slow-handler'), partitions: 1, retentionMs: 3_600_000, description: 'test' };
  const SLOW_MS = 14_000;
  let bus: MessageBus;

  beforeAll(async () => {
    bus = createMessageBus({
      brokers: env.KAFKA_BROKERS,
      clientId: 'vanthu-it-slow',
      logger: createLogger({ test: 'kafka-slow-handler' }, 'silent'),
      consumer: { sessionTimeoutMs: 6_000, heartbeatIntervalMs: 1_000, rebalanceTimeoutMs: 20_000 },
    });
    await bus.ensureTopics([topic]);
    const publisher = await bus.publisher();
    await publisher.publish(
      topic.name,
      ['first', 'second', 'third'].map((value) => ({ key: 'doc-a', value })),
    );
    await publisher.close();
  });

  afterAll(async () => {
    await bus.close();
    const admin = new Kafka({ brokers: env.KAFKA_BROKERS, logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
    await admin.deleteTopics({ topics: [topic.name] }).catch(() => undefined);
    await admin.disconnect();
  });

  /** The group's committed offset on the topic's one partition. */
  async function committed(groupId: string): Promise<string | undefined> {
    const admin = new Kafka({ brokers: env.KAFKA_BROKERS, logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
    try {
      const [offsets] = await admin.fetchOffsets({ groupId, topics: [topic.name] });
      return offsets?.partitions[0]?.offset;
    } finally {
      await admin.disconnect();
    }
  }

  async function consume(run: (groupId: string, seen: string[], done: () => void) => Promise<{ close(): Promise<void> }>): Promise<{ seen: string[]; offset: string | undefined }> {
    const seen: string[] = [];
    let done!: () => void;
    const all = new Promise<void>((resolve) => (done = resolve));
    const groupId = uniqueName('vanthu-it-slow');
    const subscription = await run(groupId, seen, done);
    const timer = setTimeout(() => done(), 60_000);
    await all;
    clearTimeout(timer);
    // Long enough for a lost member to have been noticed and the message handed out again.
    await new Promise((resolve) => setTimeout(resolve, 8_000));
    await subscription.close();
    return { seen, offset: await committed(groupId) };
  }

  it('handles each message once, one at a time, and commits them', async () => {
    const { seen, offset } = await consume(async (groupId, seen, done) => {
      const subscription = bus.subscription(groupId);
      await subscription.run({ topics: [topic.name], fromBeginning: true }, async (message: IncomingMessage) => {
        const value = message.value.toString();
        seen.push(value);
        if (value === 'first') await new Promise((resolve) => setTimeout(resolve, SLOW_MS));
        if (value === 'third') done();
      });
      return subscription;
    });
    expect(seen).toEqual(['first', 'second', 'third']);
    expect(offset).toBe('3');
  }, 90_000);

  it('handles each batch once when the batch handler is the slow one', async () => {
    const { seen, offset } = await consume(async (groupId, seen, done) => {
      const subscription = bus.subscription(groupId);
      let first = true;
      await subscription.runBatches({ topics: [topic.name], fromBeginning: true }, async (batch) => {
        seen.push(...batch.messages.map((m) => m.value.toString()));
        if (first) {
          first = false;
          await new Promise((resolve) => setTimeout(resolve, SLOW_MS));
        }
        if (seen.includes('third')) done();
      });
      return subscription;
    });
    expect(seen).toEqual(['first', 'second', 'third']);
    expect(offset).toBe('3');
  }, 90_000);
});

import { Kafka, logLevel } from 'kafkajs';
import { createLogger, createMessageBus, type IncomingMessage, type MessageBus, type TopicSpec } from '../../src';
import { integrationEnv, uniqueName } from '../support/integration-env';

function collect(count: number) {
  const received: IncomingMessage[] = [];
  let done!: () => void;
  const all = new Promise<void>((resolve) => (done = resolve));
  const handler = async (message: IncomingMessage) => {
    received.push(message);
    if (received.length >= count) done();
  };
  return { received, all, handler };
}

async function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out: ${what}`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

describe('Kafka through our bus interface (real broker)', () => {
  const env = integrationEnv();
  const topic: TopicSpec = { name: uniqueName('vanthu.it.kafka'), partitions: 3, retentionMs: 3_600_000, description: 'test' };
  let bus: MessageBus;

  beforeAll(() => {
    bus = createMessageBus({ brokers: env.KAFKA_BROKERS, clientId: 'vanthu-it', logger: createLogger({ test: 'kafka' }, 'silent') });
  });

  afterAll(async () => {
    await bus.close();
    const admin = new Kafka({ brokers: env.KAFKA_BROKERS, logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
    await admin.deleteTopics({ topics: [topic.name] }).catch(() => undefined);
    await admin.disconnect();
  });

  it('creates a topic once: a second call finds it', async () => {
    expect(await bus.ensureTopics([topic])).toEqual([topic.name]);
    expect(await bus.ensureTopics([topic])).toEqual([]);
    expect(await bus.listTopics()).toContain(topic.name);
  });

  it('delivers every message, in order per key, with its headers', async () => {
    const publisher = await bus.publisher();
    const keys = ['doc-a', 'doc-b', 'doc-c'];
    const messages = Array.from({ length: 30 }, (_, i) => ({
      key: keys[i % 3]!,
      value: JSON.stringify({ seq: i }),
      headers: { 'event-type': 'document.registered', 'event-version': '1' },
    }));
    await publisher.publish(topic.name, messages);
    await publisher.close();

    const groupId = uniqueName('vanthu-it-group');
    const { received, all, handler } = collect(30);
    const subscription = bus.subscription(groupId);
    await subscription.run({ topics: [topic.name], fromBeginning: true }, handler);
    await within(all, 30_000, 'all 30 messages');
    await subscription.close();

    expect(received).toHaveLength(30);
    for (const key of keys) {
      const seqs = received.filter((m) => m.key === key).map((m) => (JSON.parse(m.value.toString()) as { seq: number }).seq);
      expect(seqs).toHaveLength(10);
      expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    }
    expect(received[0]!.headers).toEqual({ 'event-type': 'document.registered', 'event-version': '1' });

    // The group committed what it handled: rejoining yields only what came after.
    const later = await bus.publisher();
    await later.publish(topic.name, [{ key: 'doc-a', value: JSON.stringify({ seq: 30 }) }]);
    await later.close();
    const again = collect(1);
    const rejoined = bus.subscription(groupId);
    await rejoined.run({ topics: [topic.name], fromBeginning: true }, again.handler);
    await within(again.all, 30_000, 'the message published after the first run');
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    await rejoined.close();
    expect(again.received.map((m) => m.value.toString())).toEqual([JSON.stringify({ seq: 30 })]);
  });
});

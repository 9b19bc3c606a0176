import { Kafka, logLevel } from 'kafkajs';
import {
  connectMongo,
  createLogger,
  createMessageBus,
  listDeadLetters,
  replayDeadLetters,
  startEventConsumer,
  TOPICS,
  type DomainEvent,
  type EventConsumer,
  type MessageBus,
  type TopicSpec,
} from '../../src';
import type { Connection } from 'mongoose';
import { integrationEnv, uniqueName } from '../support/integration-env';
import { documentEvent } from '../support/sample-events';

async function until(what: string, check: () => boolean | Promise<boolean>, ms = 30_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const message = (event: DomainEvent) => ({ key: event.subject, value: JSON.stringify(event), headers: { 'event-id': event.id, 'event-type': event.type } });

describe('the idempotent event consumer (real Kafka and database)', () => {
  const env = integrationEnv();
  const logger = createLogger({ test: 'event-consumer' }, 'silent');
  const topic: TopicSpec = { name: uniqueName('vanthu.it.events'), partitions: 3, retentionMs: 3_600_000, description: 'test' };
  let bus: MessageBus;
  let mongo: Connection;
  const consumers: EventConsumer[] = [];

  beforeAll(async () => {
    bus = createMessageBus({ brokers: env.KAFKA_BROKERS, clientId: 'vanthu-it-consumer', logger });
    await bus.ensureTopics([topic, TOPICS.deadLetter]);
    mongo = await connectMongo({ url: env.MONGO_URL, database: uniqueName('vanthu_it_consumer'), logger });
  });

  afterAll(async () => {
    await Promise.all(consumers.map((c) => c.stop()));
    await bus.close();
    await mongo.dropDatabase().catch(() => undefined);
    await mongo.close();
    const admin = new Kafka({ brokers: env.KAFKA_BROKERS, logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
    await admin.deleteTopics({ topics: [topic.name] }).catch(() => undefined);
    await admin.disconnect();
  });

  async function publish(...messages: ReturnType<typeof message>[] | { key: string; value: string }[]) {
    const publisher = await bus.publisher();
    await publisher.publish(topic.name, messages);
    await publisher.close();
  }

  it('handles each event once per group, however often it is delivered, and again in another group', async () => {
    const doc = uniqueName('doc');
    const events = [1, 2, 3].map((seq) => documentEvent(doc, seq));
    const handledA: string[] = [];
    const handledB: string[] = [];
    const groupA = uniqueName('vanthu-it-a');
    const a = await startEventConsumer({ connection: mongo, bus, logger, group: groupA, topics: [topic.name], fromBeginning: true, handle: async (e) => void handledA.push(e.id) });
    consumers.push(a);
    // The relay publishes again after a crash between publish and delete: the same event twice.
    await publish(...events.map(message), message(events[0]!), message(events[1]!));
    await until('group A saw all five deliveries', () => a.stats.handled + a.stats.duplicates === 5);
    expect(handledA).toEqual(events.map((e) => e.id));
    expect(a.stats.duplicates).toBe(2);

    // A restarted instance of the group that re-reads the topic from the start handles nothing twice.
    await a.stop();
    const again = await startEventConsumer({ connection: mongo, bus, logger, group: uniqueName('vanthu-it-a2'), topics: [topic.name], fromBeginning: true, handle: async (e) => void handledB.push(e.id) });
    consumers.push(again);
    await until('another group handled each event', () => handledB.length >= 3);
    expect(handledB.sort()).toEqual(events.map((e) => e.id).sort());
  });

  it('passes over the types it was not given without looking up or remembering them', async () => {
    const doc = uniqueName('typed');
    const registered = documentEvent(doc, 1);
    const returned = documentEvent(doc, 2, 'returned');
    const group = uniqueName('vanthu-it-types');
    const handled: string[] = [];
    const consumer = await startEventConsumer({ connection: mongo, bus, logger, group, topics: [topic.name], types: ['document.returned'], fromBeginning: true, handle: async (e) => void handled.push(e.id) });
    consumers.push(consumer);
    await publish(message(registered), message(returned));
    await until('both deliveries seen', () => consumer.stats.handled + consumer.stats.ignored >= 2 && handled.includes(returned.id));
    expect(handled).toEqual([returned.id]);
    const remembered = await mongo.collection<{ _id: string }>('consumed_events').find({ _id: { $regex: `^${group}\\|` } }).toArray();
    expect(remembered.map((r) => r._id)).toEqual([`${group}|${returned.id}`]);
  });

  it('retries a failing handler with backoff, then parks the event on the dead-letter topic; a replay hands it back to that group only', async () => {
    const doc = uniqueName('poison');
    const poison = documentEvent(doc, 1);
    const fine = documentEvent(doc, 2);
    const group = uniqueName('vanthu-it-dlq');
    let failing = true;
    const attempts: number[] = [];
    const handled: string[] = [];
    const consumer = await startEventConsumer({
      connection: mongo,
      bus,
      logger,
      group,
      topics: [topic.name],
      fromBeginning: false,
      maxAttempts: 3,
      backoffMs: 50,
      handle: async (event, meta) => {
        if (event.id === poison.id && failing) {
          attempts.push(meta.attempt);
          throw new Error('downstream refused');
        }
        handled.push(event.id);
      },
    });
    consumers.push(consumer);
    await new Promise((r) => setTimeout(r, 3_000)); // let the group join before publishing (it starts at the end)
    await publish(message(poison), message(fine), { key: doc, value: '{not json' });
    await until('the poison event was parked and the next one handled', () => consumer.stats.deadLettered === 2 && handled.includes(fine.id));
    expect(attempts).toEqual([1, 2, 3]);

    const letters = await listDeadLetters(bus, { group });
    expect(letters.map((l) => [l.reason, l.eventId ?? null, l.source.topic])).toEqual([
      ['handler', poison.id, topic.name],
      ['unparseable', null, topic.name],
    ]);
    expect(letters[0]!.error).toContain('downstream refused');
    expect(letters[0]!.attempts).toBe(3);

    failing = false;
    const replayed = await replayDeadLetters(bus, { group });
    expect(replayed.map((l) => l.eventId)).toEqual([poison.id]);
    await until('the replayed event was handled', () => handled.includes(poison.id));
    // Replaying again is harmless: the group remembers it handled the event.
    await replayDeadLetters(bus, { group });
    await until('the second replay was recognised', () => consumer.stats.duplicates >= 1);
    expect(handled.filter((id) => id === poison.id)).toHaveLength(1);
  });

  it('holds its partition while a dependency is away, past its attempts, and parks nothing', async () => {
    const doc = uniqueName('waiting');
    const first = documentEvent(doc, 1);
    const second = documentEvent(doc, 2);
    const group = uniqueName('vanthu-it-hold');
    const handled: string[] = [];
    let away = 6;
    // As the MongoDB driver names it when no server answers within its selection timeout.
    const unreachable = () => Object.assign(new Error('Server selection timed out after 30000 ms'), { name: 'MongoServerSelectionError' });
    const consumer = await startEventConsumer({
      connection: mongo,
      bus,
      logger,
      group,
      topics: [topic.name],
      fromBeginning: false,
      maxAttempts: 2,
      backoffMs: 50,
      maxBackoffMs: 100,
      handle: async (event) => {
        if (event.id === first.id && away-- > 0) throw unreachable();
        handled.push(event.id);
      },
    });
    consumers.push(consumer);
    await new Promise((r) => setTimeout(r, 3_000)); // let the group join before publishing (it starts at the end)
    await publish(message(first), message(second));
    await until('both handled once the dependency was back', () => handled.length === 2);
    expect(handled).toEqual([first.id, second.id]);
    expect(consumer.stats).toMatchObject({ retries: 6, deadLettered: 0 });
  });

  it('parks an event that breaks its contract without calling the handler', async () => {
    const group = uniqueName('vanthu-it-contract');
    const handled: string[] = [];
    const consumer = await startEventConsumer({ connection: mongo, bus, logger, group, topics: [topic.name], handle: async (e) => void handled.push(e.id) });
    consumers.push(consumer);
    await new Promise((r) => setTimeout(r, 3_000));
    const broken = documentEvent(uniqueName('broken'), 1, 'registered', { urgency: 'yesterday' });
    await publish(message(broken));
    await until('the broken event was parked', () => consumer.stats.deadLettered === 1);
    expect(handled).toEqual([]);
    const [letter] = await listDeadLetters(bus, { group });
    expect(letter).toMatchObject({ reason: 'contract', eventId: broken.id });
    expect(letter!.error).toContain('/data/urgency');
  });
});

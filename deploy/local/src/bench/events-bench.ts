import mongoose from 'mongoose';
import { randomUUID } from 'node:crypto';
import { cpus, totalmem } from 'node:os';
import {
  assertValidEvent,
  createLogger,
  createMessageBus,
  DEVELOPMENT_JWT_SECRET,
  issueToken,
  OutboxRelay,
  outboxModel,
  SERVICES,
  TOPICS,
  type DomainEvent,
  type IncomingMessage,
  type TopicSpec,
} from '@vanthu/shared';
import { stopServices, type RunningService } from '../services';
import { benchEnv, startBenchSystem } from './bench-system';
import { listen } from '../scenario/sse-listener';
import { percentile, report, type Figure } from './stats';

/**
 * `npm run bench:events`: domain events through the whole path other systems and portals rely on
 * — a producer's outbox and relay, Kafka, notify's idempotent consumer, its inbox, and the live
 * stream a portal holds open — beside the bare Kafka transport (produce and consume the same
 * number of messages with the same client) measured in the same run.
 */
const EVENTS = Number(process.env.BENCH_EVENTS ?? 2_000);
const USERS = Number(process.env.BENCH_USERS ?? 10);
const PACED_EVENTS = Number(process.env.BENCH_PACED_EVENTS ?? 300);
const PACED_RATE = Number(process.env.BENCH_PACED_RATE ?? 20);
const PORT_OFFSET = 4000;
const SUFFIX = '_bench_events';
const ORG = 'BS-BENCH';
const env = benchEnv;
const logger = createLogger({ bench: 'events' }, 'warn');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const userId = (i: number) => `bench-user-${i}`;

function userRegistered(i: number): DomainEvent {
  return {
    id: `user:${userId(i)}:1`,
    type: 'directory.user-registered',
    version: 1,
    occurredAt: new Date().toISOString(),
    source: 'bench',
    subject: userId(i),
    data: { userId: userId(i), fullName: `Người dùng ${i}`, position: 'Chuyên viên', role: 'specialist', org: ORG, email: `${userId(i)}@bench.vanthu.local` },
  };
}

/** A copy assigned to a handler: notify tells the handler (inbox + live stream). */
function assigned(run: string, n: number): DomainEvent {
  const documentId = `${run}-${n}`;
  return {
    id: `${documentId}@${ORG}:4`,
    type: 'document.assigned',
    version: 1,
    occurredAt: new Date().toISOString(),
    source: 'bench',
    subject: documentId,
    data: {
      documentId,
      aggregate: 'incoming',
      aggregateId: `${documentId}@${ORG}`,
      seq: 4,
      status: 'assigned',
      statusCode: '04',
      org: ORG,
      urgency: 'normal',
      actor: 'bench-clerk',
      handler: userId(n % USERS),
      deadline: new Date(Date.now() + 10 * 86_400_000).toISOString(),
    },
  };
}

/** The bare transport: the same number of messages produced and consumed through our bus. */
async function kafkaBaseline(count: number): Promise<number> {
  const bus = createMessageBus({ brokers: [env.kafka], clientId: 'bench-events-baseline', logger });
  const topic: TopicSpec = { name: `vanthu.bench.baseline.${randomUUID().slice(0, 8)}`, partitions: TOPICS.documentEvents.partitions, retentionMs: 3_600_000, description: 'bench' };
  await bus.ensureTopics([topic]);
  let received = 0;
  let done!: () => void;
  const all = new Promise<void>((r) => (done = r));
  const subscription = bus.subscription(`bench-baseline-${randomUUID()}`);
  await subscription.run({ topics: [topic.name], fromBeginning: true }, async (_m: IncomingMessage) => {
    if (++received === count) done();
  });
  const publisher = await bus.publisher();
  const value = JSON.stringify(assigned('baseline', 0));
  const started = performance.now();
  for (let i = 0; i < count; i += 200) {
    await publisher.publish(topic.name, Array.from({ length: Math.min(200, count - i) }, (_, j) => ({ key: `doc-${i + j}`, value })));
  }
  await all;
  const seconds = (performance.now() - started) / 1000;
  await publisher.close();
  await subscription.close();
  await bus.close();
  return count / seconds;
}

async function main(): Promise<void> {
  console.log(`machine: ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}), ${Math.round(totalmem() / 2 ** 30)} GiB; ${EVENTS} events to ${USERS} users, then ${PACED_EVENTS} at ${PACED_RATE}/s`);
  let running: RunningService[] = [];
  const producerDb = await mongoose.createConnection(env.mongo, { dbName: `vanthu_bench_producer${SUFFIX}` }).asPromise();
  const bus = createMessageBus({ brokers: [env.kafka], clientId: 'bench-events-producer', logger });
  const relay = new OutboxRelay({ connection: producerDb, bus, logger, name: 'bench-events', collection: 'outbox' });
  const streams: Array<{ close: () => void }> = [];
  try {
    running = await startBenchSystem({ portOffset: PORT_OFFSET, label: 'bench-events', databaseSuffix: SUFFIX });
    await outboxModel(producerDb, 'outbox').init();
    relay.start();
    let seq = 0;
    const written = new Map<string, number>();
    const write = async (event: DomainEvent) => {
      assertValidEvent(event);
      written.set(event.id, performance.now());
      await outboxModel(producerDb, 'outbox').create({ _id: event.id, aggregateId: event.id, seq: ++seq, topic: event.type.startsWith('directory.') ? TOPICS.directoryEvents.name : TOPICS.documentEvents.name, event, createdAt: new Date() });
      relay.nudge();
    };

    // Each user's portal holds its live stream open; every notification's arrival is timed.
    const arrived = new Map<string, number>();
    // One event must give one notification per recipient and channel: a second one is counted.
    let duplicates = 0;
    let onArrival: (() => void) | undefined;
    const notifyUrl = `http://127.0.0.1:${SERVICES.notify.apiPort + PORT_OFFSET}/v1/me/stream`;
    for (let i = 0; i < USERS; i++) await write(userRegistered(i));
    for (let i = 0; i < USERS; i++) {
      const token = issueToken(DEVELOPMENT_JWT_SECRET, { userId: userId(i), orgCode: ORG, role: 'specialist' }, 3_600);
      streams.push(
        await listen(notifyUrl, token, (message) => {
          if (message.event !== 'notification') return;
          const { eventId } = JSON.parse(message.data) as { eventId: string };
          if (arrived.has(eventId)) duplicates += 1;
          else arrived.set(eventId, performance.now());
          onArrival?.();
        }),
      );
    }
    const waitFor = async (ids: string[], timeoutMs: number) => {
      const deadline = Date.now() + timeoutMs;
      while (ids.some((id) => !arrived.has(id))) {
        if (Date.now() > deadline) throw new Error(`${ids.filter((id) => !arrived.has(id)).length} of ${ids.length} notifications did not arrive`);
        await new Promise<void>((r) => {
          onArrival = r;
          setTimeout(r, 200);
        });
      }
    };

    // Notify's consumer group is new: it first reads what the topics already hold. A sentinel
    // event, arriving on a stream, says it has caught up and knows the bench users.
    const caughtUp = Date.now();
    const sentinel = assigned(`warm-${randomUUID().slice(0, 8)}`, 0);
    await write(sentinel);
    await waitFor([sentinel.id], 600_000);
    console.log(`notify caught up with the topics' history in ${((Date.now() - caughtUp) / 1000).toFixed(1)} s`);

    // Throughput: every event written as fast as the producer can, until each has reached its user.
    const run = randomUUID().slice(0, 8);
    const burst = Array.from({ length: EVENTS }, (_, n) => assigned(run, n));
    const started = performance.now();
    await Promise.all(Array.from({ length: 8 }, async (_, w) => {
      for (let n = w; n < burst.length; n += 8) await write(burst[n]!);
    }));
    await waitFor(burst.map((e) => e.id), 600_000);
    const burstSeconds = (Math.max(...burst.map((e) => arrived.get(e.id)!)) - started) / 1000;
    const burstLatency = burst.map((e) => arrived.get(e.id)! - written.get(e.id)!);

    // Latency: a steady rate well under the ceiling, as offices produce events in a working day.
    const paced = Array.from({ length: PACED_EVENTS }, (_, n) => assigned(`${run}-paced`, n));
    for (const event of paced) {
      const next = performance.now() + 1000 / PACED_RATE;
      await write(event);
      await sleep(Math.max(0, next - performance.now()));
    }
    await waitFor(paced.map((e) => e.id), 120_000);
    const pacedLatency = paced.map((e) => arrived.get(e.id)! - written.get(e.id)!);

    const baseline = await kafkaBaseline(EVENTS);
    const rate = EVENTS / burstSeconds;
    const figures: Figure[] = [
      { name: 'events_per_s_outbox_kafka_notify_sse', value: rate, unit: 'events/s', baseline, ratio: rate / baseline },
      { name: 'burst_delivery_p50', value: percentile(burstLatency, 50), unit: 'ms' },
      { name: 'burst_delivery_p99', value: percentile(burstLatency, 99), unit: 'ms' },
      { name: `paced_${PACED_RATE}_per_s_delivery_p50`, value: percentile(pacedLatency, 50), unit: 'ms' },
      { name: `paced_${PACED_RATE}_per_s_delivery_p99`, value: percentile(pacedLatency, 99), unit: 'ms' },
      { name: 'kafka_bare_produce_consume', value: baseline, unit: 'messages/s' },
      { name: 'notifications_missing', value: [...burst, ...paced].filter((e) => !arrived.has(e.id)).length, unit: 'notifications' },
      { name: 'notifications_duplicated', value: duplicates, unit: 'notifications' },
    ];
    report('Events: producer outbox → relay → Kafka → notify (consumer, inbox) → SSE to the portal', figures);
  } finally {
    for (const s of streams) s.close();
    await relay.stop();
    await bus.close();
    await producerDb.close();
    await stopServices(running);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

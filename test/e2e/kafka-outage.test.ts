import mongoose from 'mongoose';
import { randomUUID } from 'node:crypto';
import { DEVELOPMENT_JWT_SECRET, issueToken } from '@vanthu/shared';
import { checkEvent, createLogger, createMessageBus, TOPICS, type DomainEvent, type MessageBus } from '@vanthu/shared';
import { ApiClient } from '../../deploy/local/src/scenario/http-client';
import { runLifecycleScenario, type ScenarioResult } from '../../deploy/local/src/scenario/lifecycle-scenario';
import { describeStack, startStack, stopServers } from '../../deploy/local/src/stack';
import type { RunningService } from '../../deploy/local/src/services';
import { apiUrl, DATABASE_SUFFIX, startSystem, stopServices } from './support/system';

const mongoUrl = process.env.MONGO_URL ?? 'mongodb://127.0.0.1:27017';

/** What intake's outbox still holds for these aggregates: written, not yet on Kafka. */
async function pendingInOutbox(prefixes: string[]): Promise<string[]> {
  const client = await mongoose.createConnection(mongoUrl).asPromise();
  try {
    const records = await client.getClient().db(`vanthu_intake${DATABASE_SUFFIX}`).collection<{ _id: string }>('outbox').find({}).toArray();
    return records.map((r) => r._id).filter((id) => prefixes.some((p) => id.startsWith(p)));
  } finally {
    await client.close();
  }
}

describe('Kafka down while the offices work: nothing is lost, nothing is doubled', () => {
  // `npm test` hands the stack's addresses to the tests; described without them, the stack's own
  // servers are the ones this test may stop and start.
  const stack = describeStack({ ...process.env, KAFKA_BROKERS: undefined, TEMPORAL_ADDRESS: undefined, MONGO_URL: undefined });
  const kafka = stack.servers.find((s) => s.name === 'kafka')!;
  let running: RunningService[] = [];
  let bus: MessageBus;
  let result: ScenarioResult;
  const userId = `outage-${randomUUID().slice(0, 8)}`;

  beforeAll(async () => {
    // This test stops and starts the stack's own Kafka; one given by the environment is not ours to stop.
    const given = process.env.KAFKA_BROKERS;
    if (given !== undefined && given !== kafka.address) throw new Error(`Kafka at ${given} was given by the environment; this test needs the stack's own (${kafka.address})`);
    running = await startSystem();
    bus = createMessageBus({ brokers: [kafka.address], clientId: 'e2e-outage', logger: createLogger({ test: 'outage' }, 'silent') });
  }, 120_000);

  afterAll(async () => {
    // Whatever happened, leave Kafka running for the tests after this one.
    await startStack(stack, { quiet: true });
    await bus?.close();
    await stopServices(running);
  }, 120_000);

  it('keeps every change in the outboxes while Kafka is down, and publishes each exactly once when it is back', async () => {
    expect(await stopServers([kafka])).toEqual([{ name: kafka.name, outcome: 'stopped' }]);
    expect(await kafka.isReady()).toBe(false);

    // A whole lifecycle and a new user, while Kafka is down: none of it waits for Kafka.
    result = await runLifecycleScenario({ apiUrl: apiUrl('intake'), jwtSecret: DEVELOPMENT_JWT_SECRET });
    const admin = new ApiClient(apiUrl('intake'), issueToken(DEVELOPMENT_JWT_SECRET, { userId: 'bs-admin', orgCode: 'BS-TU', role: 'admin' }, 600));
    await admin.request('POST', '/v1/users', { id: userId, fullName: 'Lương Thị Thu', position: 'Văn thư', role: 'clerk', org: 'BS-TU', email: `${userId}@demo.vanthu.local` }, { 'Idempotency-Key': randomUUID() });
    const documentId = result.document.id;
    const pending = await pendingInOutbox([documentId, `user:${userId}`]);
    // 8 of the document, 5 per recipient copy, 1 of the user.
    expect(pending.length).toBe(19);
    expect(pending).toContain(`${documentId}:1`);
    expect(pending).toContain(`user:${userId}:1`);

    const restart = await startStack(stack, { quiet: true });
    expect(restart.started.map((s) => s.name)).toEqual([kafka.name]);

    // Each relay backs off while Kafka is away and resumes by itself.
    const deadline = Date.now() + 90_000;
    while ((await pendingInOutbox([documentId, `user:${userId}`])).length > 0) {
      if (Date.now() > deadline) throw new Error('the outbox did not drain after Kafka came back');
      await new Promise((r) => setTimeout(r, 500));
    }
    const documentEvents = (await bus.readTopic(TOPICS.documentEvents.name, { timeoutMs: 60_000 }))
      .filter((m) => m.key === documentId)
      .map((m) => JSON.parse(m.value.toString()) as DomainEvent);
    const ids = documentEvents.map((e) => e.id);
    expect(ids.length).toBe(pending.length - 1);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(pending.filter((id) => id.startsWith(documentId)).sort());
    expect(documentEvents.every((e) => checkEvent(e).ok)).toBe(true);
    // Per aggregate, in the order written.
    for (const aggregate of new Set(documentEvents.map((e) => String(e.data.aggregateId)))) {
      const seqs = documentEvents.filter((e) => e.data.aggregateId === aggregate).map((e) => Number(e.data.seq));
      expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    }
    const userEvents = (await bus.readTopic(TOPICS.directoryEvents.name, { timeoutMs: 60_000 })).filter((m) => m.key === userId);
    expect(userEvents.map((m) => (JSON.parse(m.value.toString()) as DomainEvent).type)).toEqual(['directory.user-registered']);
  }, 300_000);
});

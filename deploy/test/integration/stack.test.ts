import { Client, Connection } from '@temporalio/client';
import { Kafka, logLevel } from 'kafkajs';
import mongoose from 'mongoose';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROBE_WORKFLOW, temporalDataConverter, TOPICS } from '@vanthu/shared';
import { isAlive, livePid } from '../../local/src/proc';
import { describeStack, startStack, stopServers, type Stack } from '../../local/src/stack';

/**
 * A private stack on ports and a data directory of its own (the build cache is shared), so this
 * can run beside the stack the other tests use.
 */
describe('the local stack: idempotent start, data kept across a restart', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'vanthu-stack-'));
  const env = {
    ...process.env,
    TEMPORAL_ADDRESS: '',
    KAFKA_BROKERS: '',
    MONGO_URL: '',
    VANTHU_DATA_DIR: dataDir,
    VANTHU_TEMPORAL_PORT: '17233',
    VANTHU_TEMPORAL_UI_PORT: '18233',
    VANTHU_TEMPORAL_HTTP_PORT: '17243',
    VANTHU_TEMPORAL_METRICS_PORT: '17244',
    VANTHU_KAFKA_PORT: '19092',
    VANTHU_KAFKA_CONTROLLER_PORT: '19093',
    VANTHU_MONGO_PORT: '27117',
    VANTHU_KAFKA_HEAP: '256m',
  };
  // Empty strings count as unset, so the three servers are ours to start here.
  for (const key of ['TEMPORAL_ADDRESS', 'KAFKA_BROKERS', 'MONGO_URL'] as const) delete env[key];
  let stack: Stack;
  const workflowId = `stack-test-${Date.now()}`;

  beforeAll(() => {
    stack = describeStack(env);
  });

  afterAll(async () => {
    await stopServers(stack.servers);
    rmSync(dataDir, { recursive: true, force: true });
  }, 60_000);

  const pids = () => stack.servers.map((s) => livePid(s.pidFile));

  it('starts all three servers on 127.0.0.1 ports of its own', async () => {
    const result = await startStack(stack, { quiet: true });
    expect(result.started.map((s) => s.name).sort()).toEqual(['kafka', 'mongodb', 'temporal']);
    expect(result.bootstrap.topicsCreated.sort()).toEqual(Object.values(TOPICS).map((t) => t.name).sort());
    const ui = await fetch('http://127.0.0.1:18233/');
    expect(ui.status).toBe(200);
  }, 120_000);

  it('finds the running servers on a second start and starts no duplicates', async () => {
    const before = pids();
    const again = await startStack(stack, { quiet: true });
    expect(again.started).toEqual([]);
    expect(again.bootstrap.topicsCreated).toEqual([]);
    expect(pids()).toEqual(before);
  }, 120_000);

  it('keeps documents, events and workflows across a stop and a start', async () => {
    const mongo = await mongoose.createConnection('mongodb://127.0.0.1:27117', { dbName: 'vanthu_stacktest' }).asPromise();
    await mongo.collection('kept').insertOne({ _id: 'doc-1' as never, subject: 'survives a restart' });
    await mongo.close();

    const kafka = new Kafka({ brokers: ['127.0.0.1:19092'], logLevel: logLevel.NOTHING });
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic: TOPICS.healthcheck.name, messages: [{ key: 'kept', value: 'survives a restart' }] });
    await producer.disconnect();

    const connection = await Connection.connect({ address: '127.0.0.1:17233' });
    // No worker polls this queue, so the workflow stays open: it must still be there afterwards.
    await new Client({ connection, dataConverter: temporalDataConverter() }).workflow.start(PROBE_WORKFLOW, { workflowId, taskQueue: 'nobody-polls-this' });
    await connection.close();

    const oldPids = pids();
    await stopServers(stack.servers);
    for (const pid of oldPids) expect(isAlive(pid!)).toBe(false);

    const restarted = await startStack(stack, { quiet: true });
    expect(restarted.started).toHaveLength(3);

    const mongoAfter = await mongoose.createConnection('mongodb://127.0.0.1:27117', { dbName: 'vanthu_stacktest' }).asPromise();
    expect(await mongoAfter.collection('kept').findOne({ _id: 'doc-1' as never })).toMatchObject({ subject: 'survives a restart' });
    await mongoAfter.close();

    const admin = kafka.admin();
    await admin.connect();
    const offsets = await admin.fetchTopicOffsets(TOPICS.healthcheck.name);
    await admin.disconnect();
    // The bootstrap round trip adds probes of its own, so at least ours plus one is there.
    expect(Number(offsets[0]!.high)).toBeGreaterThanOrEqual(2);

    const after = await Connection.connect({ address: '127.0.0.1:17233' });
    const description = await new Client({ connection: after, dataConverter: temporalDataConverter() }).workflow.getHandle(workflowId).describe();
    await after.close();
    expect(description.status.name).toBe('RUNNING');
  }, 180_000);
});

import { mkdirSync, writeFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { temporal } from '@temporalio/proto';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import { baseEnvSchema, ensureNamespace, ensureSearchAttributes, loadConfig, TASK_QUEUES, temporalDataConverter } from '@vanthu/shared';
import { fakeArchive, fakeIntake, fakeSigning, runWholeLifecycle } from '../support/lifecycle-run';

/**
 * Records the histories the replay guard (test/unit/replay.test.ts) holds the workflow code to:
 * a whole lifecycle on the real Temporal server, the services' activities answered by fakes. Every run replays what it just recorded; `VANTHU_WRITE_HISTORIES=1` also writes them to
 * test/fixtures/histories — do that only when a change is meant to leave running workflows
 * behind (and then keep the old files: they are the running workflows).
 */
const FIXTURES = join(__dirname, '..', 'fixtures', 'histories');
const NAMESPACE = 'vanthu-replay';

/** protobufjs's own object form (bytes in base64, enums by name), which History.fromObject reads back. */
const historyJson = (history: temporal.api.history.v1.IHistory) =>
  JSON.stringify(temporal.api.history.v1.History.toObject(temporal.api.history.v1.History.fromObject(history), { longs: String, enums: String, bytes: String }), null, 1);

describe('a whole lifecycle, recorded for the replay guard (real Temporal, a namespace of its own)', () => {
  let connection: Connection;
  let nativeConnection: NativeConnection;
  let client: Client;

  beforeAll(async () => {
    const address = loadConfig(baseEnvSchema).TEMPORAL_ADDRESS;
    connection = await Connection.connect({ address });
    // Task queues are per namespace: no service's worker answers here, only the fakes below.
    await ensureNamespace(connection, NAMESPACE, 1);
    await ensureSearchAttributes(connection, NAMESPACE);
    nativeConnection = await NativeConnection.connect({ address });
    client = new Client({ connection, namespace: NAMESPACE, dataConverter: temporalDataConverter() });
  }, 120_000);
  afterAll(async () => {
    await nativeConnection?.close();
    await connection?.close();
  });

  it('runs return, revision, signing, issue, a recipient\'s processing and the archive, and replays its own histories', async () => {
    const dataConverter = temporalDataConverter();
    const workflowsPath = require.resolve('@vanthu/workflows');
    const worker = (taskQueue: string, rest: Partial<WorkerOptions>) => Worker.create({ connection: nativeConnection, namespace: NAMESPACE, taskQueue, dataConverter, ...rest });
    const workers = await Promise.all([
      worker(TASK_QUEUES.intake, { workflowsPath, activities: fakeIntake }),
      worker(TASK_QUEUES.signing, { activities: fakeSigning }),
      worker(TASK_QUEUES.archive, { activities: fakeArchive }),
    ]);
    const run = Promise.all(workers.map((w) => w.run()));
    let ids: string[];
    try {
      ids = await runWholeLifecycle(client, TASK_QUEUES.intake, `replay-guard-${randomUUID().slice(0, 8)}`);
    } finally {
      for (const w of workers) w.shutdown();
      await run;
    }
    const histories = await Promise.all(ids.map(async (workflowId) => ({ workflowId, history: await client.workflow.getHandle(workflowId).fetchHistory() })));
    for (const { workflowId, history } of histories) {
      expect(history.events?.length).toBeGreaterThan(20);
      await Worker.runReplayHistory({ workflowsPath, dataConverter }, history, workflowId);
    }
    if (process.env.VANTHU_WRITE_HISTORIES === '1') {
      mkdirSync(FIXTURES, { recursive: true });
      for (const { workflowId, history } of histories) writeFileSync(join(FIXTURES, `${workflowId.split('-')[0]}.json`), historyJson(history));
    }
  }, 120_000);
});

import { mkdirSync, writeFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { temporal } from '@temporalio/proto';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { baseEnvSchema, ensureNamespace, ensureSearchAttributes, loadConfig, TASK_QUEUES, temporalDataConverter } from '@vanthu/shared';
import { TransitionRecorder } from '../support/tracking-env';
import { runTaskTree } from '../support/tracking-run';

/**
 * Records the task histories the replay guard (test/unit/tracking-replay.test.ts) holds the task
 * workflow to, on the real Temporal server, the activity answered by a recorder. Every run replays
 * what it just recorded; `VANTHU_WRITE_HISTORIES=1` also writes them to
 * test/fixtures/histories/tracking — only when a change is meant to leave running tasks behind
 * (and then keep the old files: they are the running tasks).
 */
const FIXTURES = join(__dirname, '..', 'fixtures', 'histories', 'tracking');
const NAMESPACE = 'vanthu-replay';

const historyJson = (history: temporal.api.history.v1.IHistory) =>
  JSON.stringify(temporal.api.history.v1.History.toObject(temporal.api.history.v1.History.fromObject(history), { longs: String, enums: String, bytes: String }), null, 1);

describe('a task and its sub-task, recorded for the replay guard (real Temporal, a namespace of its own)', () => {
  let connection: Connection;
  let nativeConnection: NativeConnection;
  let client: Client;

  beforeAll(async () => {
    const address = loadConfig(baseEnvSchema).TEMPORAL_ADDRESS;
    connection = await Connection.connect({ address });
    // Task queues are per namespace: the tracking service's worker does not answer here, the recorder does.
    await ensureNamespace(connection, NAMESPACE, 1);
    await ensureSearchAttributes(connection, NAMESPACE);
    nativeConnection = await NativeConnection.connect({ address });
    client = new Client({ connection, namespace: NAMESPACE, dataConverter: temporalDataConverter() });
  }, 120_000);
  afterAll(async () => {
    await nativeConnection?.close();
    await connection?.close();
  });

  it('runs a split, a roll-up, an extension, a return and the result, and replays its own histories', async () => {
    const dataConverter = temporalDataConverter();
    const workflowsPath = require.resolve('@vanthu/workflows/dist/tracking');
    const recorder = new TransitionRecorder();
    const worker = await Worker.create({ connection: nativeConnection, namespace: NAMESPACE, taskQueue: TASK_QUEUES.tracking, dataConverter, workflowsPath, activities: recorder.activities });
    const run = worker.run();
    let ids: string[];
    try {
      ids = await runTaskTree(client, `replay-guard-${randomUUID().slice(0, 8)}`);
    } finally {
      worker.shutdown();
      await run;
    }
    expect(recorder.contractErrors).toEqual([]);
    const histories = await Promise.all(ids.map(async (workflowId) => ({ workflowId, history: await client.workflow.getHandle(workflowId).fetchHistory() })));
    for (const { workflowId, history } of histories) {
      expect(history.events?.length).toBeGreaterThan(20);
      await Worker.runReplayHistory({ workflowsPath, dataConverter }, history, workflowId);
    }
    if (process.env.VANTHU_WRITE_HISTORIES === '1') {
      mkdirSync(FIXTURES, { recursive: true });
      const [task, subtask] = histories;
      writeFileSync(join(FIXTURES, 'task.json'), historyJson(task.history));
      writeFileSync(join(FIXTURES, 'subtask.json'), historyJson(subtask.history));
    }
  }, 120_000);
});

import { randomUUID } from 'node:crypto';
import { type Client } from '@temporalio/client';
import { type NativeConnection, Worker } from '@temporalio/worker';
import { TASK_QUEUES, temporalDataConverter } from '@vanthu/shared';
import { saveHistories, type RecordedRun } from '../support/history-fixtures';
import { openReplayNamespace, REPLAY_NAMESPACE, type ReplayNamespace } from '../support/replay-namespace';
import { TransitionRecorder } from '../support/tracking-env';
import { runRecurringCancelled, runTaskTree } from '../support/tracking-run';

/**
 * Records the task histories the replay guard (test/unit/replay.test.ts) holds the task workflow
 * to, on the real Temporal server, the activity answered by a recorder: a task and its sub-task,
 * and a recurring task (its first run, the run it continued as, its period). Every run replays
 * what it just recorded; with `VANTHU_WRITE_HISTORIES=1` it also adds them to the current
 * release's set (docs/lifecycle.md, Versioning), never rewriting a file already there.
 */

describe('task workflows, recorded for the replay guard (real Temporal, a namespace of its own)', () => {
  let replay: ReplayNamespace;
  let nativeConnection: NativeConnection;
  let client: Client;

  beforeAll(async () => {
    replay = await openReplayNamespace();
    ({ client, nativeConnection } = replay);
  }, 120_000);
  afterAll(async () => {
    await replay?.close();
  });

  it('runs a split, a roll-up, an extension, a return and the result, a recurring task\'s periods, and replays its own histories', async () => {
    const dataConverter = temporalDataConverter();
    const workflowsPath = require.resolve('@vanthu/workflows/dist/tracking');
    const recorder = new TransitionRecorder();
    const worker = await Worker.create({ connection: nativeConnection, namespace: REPLAY_NAMESPACE, taskQueue: TASK_QUEUES.tracking, dataConverter, workflowsPath, activities: recorder.activities });
    const run = worker.run();
    let runs: RecordedRun[];
    try {
      runs = [...(await runTaskTree(client, `replay-guard-${randomUUID().slice(0, 8)}`)), ...(await runRecurringCancelled(client, `replay-guard-${randomUUID().slice(0, 8)}`))];
    } finally {
      worker.shutdown();
      await run;
    }
    expect(recorder.contractErrors).toEqual([]);
    const histories = await Promise.all(runs.map(async ({ file, workflowId, runId }) => ({ file, workflowId, history: await client.workflow.getHandle(workflowId, runId).fetchHistory() })));
    for (const { workflowId, history } of histories) {
      await Worker.runReplayHistory({ workflowsPath, dataConverter }, history, workflowId);
    }
    saveHistories(histories);
  }, 180_000);
});

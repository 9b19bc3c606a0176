import { randomUUID } from 'node:crypto';
import { type Client } from '@temporalio/client';
import { type NativeConnection, Worker } from '@temporalio/worker';
import { temporalDataConverter } from '@vanthu/shared';
import { saveHistories, type RecordedRun } from '../support/history-fixtures';
import { openReplayNamespace, REPLAY_NAMESPACE, type ReplayNamespace } from '../support/replay-namespace';
import { fakeServiceWorkers } from '../support/lifecycle-env';
import { runRecalledLifecycle, runRejectedLifecycle, runSystemProbe, runUnverifiedCopy, runWholeLifecycle } from '../support/lifecycle-run';
import { ServiceFakes } from '../support/service-fakes';

/**
 * Records the histories the replay guard (test/unit/replay.test.ts) holds the intake worker's
 * workflows to: each branch whose commands differ, on the real Temporal server, the services'
 * activities answered by fakes. Every run replays what it just recorded; with
 * `VANTHU_WRITE_HISTORIES=1` it also adds them to the current release's set
 * (test/fixtures/histories/<version>/, docs/lifecycle.md, Versioning), never rewriting a file
 * already there.
 */

describe('the intake worker\'s workflows, recorded for the replay guard (real Temporal, a namespace of its own)', () => {
  let replay: ReplayNamespace;
  let nativeConnection: NativeConnection;
  let client: Client;
  let fakes: ServiceFakes;
  let workers: Worker[] = [];
  let running: Promise<unknown>;

  beforeAll(async () => {
    replay = await openReplayNamespace();
    ({ client, nativeConnection } = replay);
    fakes = new ServiceFakes();
    workers = await fakeServiceWorkers(nativeConnection, REPLAY_NAMESPACE, fakes);
    running = Promise.all(workers.map((w) => w.run()));
  }, 120_000);
  afterAll(async () => {
    for (const w of workers) w.shutdown();
    await running;
    await replay?.close();
  });

  it('runs every branch whose commands differ, and replays its own histories', async () => {
    const id = () => `replay-guard-${randomUUID().slice(0, 8)}`;
    const runs: RecordedRun[] = [
      ...(await runWholeLifecycle(client, id())),
      ...(await runRecalledLifecycle(client, id())),
      ...(await runRejectedLifecycle(client, id())),
      ...(await runUnverifiedCopy(client, fakes, id())),
      ...(await runSystemProbe(client, id())),
    ];
    expect(fakes.contractErrors).toEqual([]);
    const histories = await Promise.all(runs.map(async ({ file, workflowId }) => ({ file, workflowId, history: await client.workflow.getHandle(workflowId).fetchHistory() })));
    for (const { workflowId, history } of histories) {
      await Worker.runReplayHistory({ workflowsPath: require.resolve('@vanthu/workflows'), dataConverter: temporalDataConverter() }, history, workflowId);
    }
    saveHistories(histories);
  }, 180_000);
});

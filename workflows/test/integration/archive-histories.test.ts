import { randomUUID } from 'node:crypto';
import { type Client, WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { type NativeConnection, Worker, type WorkflowBundlePath } from '@temporalio/worker';
import { TASK_QUEUES, temporalDataConverter } from '@vanthu/shared';
import {
  DECISION_REFUSALS,
  DISPOSITION_QUERY,
  DISPOSITION_UPDATE,
  dispositionWorkflowId,
  type ArchiveWorkflowActivities,
  type Decision,
  type DispositionInput,
  type DispositionOutcome,
  type DispositionPhase,
  type DispositionPlanView,
  type DispositionStatus,
  type ExecuteDispositionInput,
  type ExecuteDispositionResult,
} from '@vanthu/archive/dist/workflows/types';
import { saveHistories, type RecordedRun } from '../support/history-fixtures';
import { openReplayNamespace, REPLAY_NAMESPACE, type ReplayNamespace } from '../support/replay-namespace';
import { eventually, timeSkippingEnv } from '../support/time-skipping';
import { workflowBundle } from '../support/workflow-bundle';

/**
 * Records the histories the replay guard (test/unit/replay.test.ts) holds the archive worker's
 * workflows to, the archive's activities answered by fakes. A disposition waits years (notice,
 * due date, a 90-day approval window), so its branches run on Temporal's time-skipping test
 * server: destroyed after both timers and an approval (a refused decision on the way, which
 * leaves no trace), transferred when already due (no timers), held at the due date, held again
 * when executed (a hold placed while the approval waited), rejected, lapsed. The fixity audit
 * runs on the real Temporal server, started by a schedule as in production. Every run replays what
 * it just recorded; with `VANTHU_WRITE_HISTORIES=1` it also adds them to the current release's
 * set (docs/lifecycle.md, Versioning), never rewriting a file already there.
 *
 * It lives here, beside the other recorders, rather than in services/archive/test: the set, the
 * recording helper and the replay it feeds are the workflows package's, and the recorder must run
 * the built module the guard replays (the archive's own tests run its sources, with real MongoDB).
 */
const WORKFLOWS = require.resolve('@vanthu/archive/dist/workflows');
const DAY = 86_400_000;
const YEAR = 365 * DAY;
const ORG = 'BS-TU';
const PEOPLE = {
  archivist: { userId: 'archivist-1', orgCode: ORG, role: 'archivist' },
  director: { userId: 'director-1', orgCode: ORG, role: 'leader' },
  admin: { userId: 'admin-1', orgCode: ORG, role: 'admin' },
};

interface Scenario {
  plan: DispositionPlanView;
  /** Holds `activeHolds` finds at the due date. */
  holds: string[];
  /** What the execution finds (a hold placed while the approval waited makes it `held`). */
  execution: (input: ExecuteDispositionInput) => ExecuteDispositionResult;
}

/** The archive's activities as its workflows see them: each work file's plan and holds as its test sets them; every call kept. */
class ArchiveFakes {
  readonly calls: { activity: keyof ArchiveWorkflowActivities; args: unknown[] }[] = [];
  readonly scenarios = new Map<string, Scenario>();

  private scenario(workFileId: string): Scenario {
    const scenario = this.scenarios.get(workFileId);
    if (!scenario) throw new Error(`no work file ${workFileId}`);
    return scenario;
  }

  readonly activities: ArchiveWorkflowActivities = {
    planDisposition: async (workFileId) => {
      this.calls.push({ activity: 'planDisposition', args: [workFileId] });
      return this.scenario(workFileId).plan;
    },
    sendDispositionNotice: async (input) => {
      this.calls.push({ activity: 'sendDispositionNotice', args: [input] });
    },
    activeHolds: async (workFileId) => {
      this.calls.push({ activity: 'activeHolds', args: [workFileId] });
      return this.scenario(workFileId).holds;
    },
    executeDisposition: async (input) => {
      this.calls.push({ activity: 'executeDisposition', args: [input] });
      return this.scenario(input.workFileId).execution(input);
    },
    runFixityAudit: async (input) => {
      this.calls.push({ activity: 'runFixityAudit', args: [input] });
      return { auditId: input.auditId, packagesChecked: 12, partsChecked: 60, mismatchCount: 0 };
    },
  };

  of(workFileId: string): string[] {
    return this.calls.filter((c) => JSON.stringify(c.args).includes(workFileId)).map((c) => c.activity);
  }
}

const executed = (input: ExecuteDispositionInput): ExecuteDispositionResult => ({ outcome: input.action === 'destroy' ? 'destroyed' : 'transferred' });

describe('the archive\'s disposition, recorded for the replay guard (time-skipping test server)', () => {
  let env: TestWorkflowEnvironment;
  let bundle: WorkflowBundlePath;
  const fakes = new ArchiveFakes();

  beforeAll(async () => {
    env = await timeSkippingEnv();
    bundle = await workflowBundle(WORKFLOWS);
  }, 120_000);
  afterAll(async () => {
    await env?.teardown();
  });

  /** A file closed `closedYearsAgo` years ago (0: now, on the server's clock), kept five years, 90 days' notice. */
  async function workFile(action: 'transfer' | 'destroy', opts: { closedYearsAgo?: number; holds?: string[]; execution?: Scenario['execution'] } = {}) {
    const workFileId = `replay-guard-${randomUUID().slice(0, 8)}`;
    const due = (await env.currentTimeMs()) - (opts.closedYearsAgo ?? 0) * YEAR + 5 * YEAR;
    fakes.scenarios.set(workFileId, {
      plan: { action, dueAt: new Date(due).toISOString(), noticeAt: new Date(due - 90 * DAY).toISOString() },
      holds: opts.holds ?? [],
      execution: opts.execution ?? executed,
    });
    return workFileId;
  }

  const start = (workFileId: string) =>
    env.client.workflow.start('dispositionWorkflow', {
      taskQueue: TASK_QUEUES.archive,
      workflowId: dispositionWorkflowId(workFileId),
      args: [{ workFileId, orgCode: ORG, requestedBy: PEOPLE.archivist } satisfies DispositionInput],
    });

  /** Waits on the wall clock, the server's standing still, until the disposition reaches a phase. */
  const phase = (handle: WorkflowHandle, wanted: DispositionPhase) =>
    eventually(async () => {
      const status = await handle.query<DispositionStatus>(DISPOSITION_QUERY);
      return status.phase === wanted ? status : undefined;
    }, `${handle.workflowId} ${wanted}`);

  /** Moves the server's clock past the notice, then past the due date, into the approval window. */
  async function untilDue(handle: WorkflowHandle): Promise<void> {
    const { plan } = await phase(handle, 'waiting-for-notice');
    await env.sleep(Date.parse(plan!.noticeAt) - (await env.currentTimeMs()) + DAY);
    await phase(handle, 'waiting-for-due-date');
    await env.sleep(Date.parse(plan!.dueAt) - (await env.currentTimeMs()) + DAY);
    await phase(handle, 'awaiting-approval');
  }

  const decide = (handle: WorkflowHandle, decision: Decision) => handle.executeUpdate<unknown, [Decision]>(DISPOSITION_UPDATE, { args: [decision] });

  it('runs each branch of the disposition, and replays its own histories', async () => {
    const runs: (RecordedRun & { workFileId: string })[] = [];
    const record = (file: string, workFileId: string) => runs.push({ file, workflowId: dispositionWorkflowId(workFileId), workFileId });
    const worker = await Worker.create({ connection: env.nativeConnection, taskQueue: TASK_QUEUES.archive, dataConverter: temporalDataConverter(), workflowBundle: bundle, activities: fakes.activities });

    // One at a time: each moves the server's one clock.
    await worker.runUntil(async () => {
      const destroyed = await workFile('destroy');
      let handle = await start(destroyed);
      await untilDue(handle);
      const refused = await decide(handle, { approve: true, by: PEOPLE.archivist }).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(refused).toBeInstanceOf(WorkflowUpdateFailedError);
      expect((refused as WorkflowUpdateFailedError).cause).toMatchObject({ type: DECISION_REFUSALS.ownProposal });
      await decide(handle, { approve: true, by: PEOPLE.director });
      expect(await handle.result()).toEqual({ outcome: 'destroyed', decidedBy: 'director-1', decidedAt: expect.any(String) } satisfies DispositionOutcome);
      record('disposition-destroyed.json', destroyed);

      const transferred = await workFile('transfer', { closedYearsAgo: 6 });
      handle = await start(transferred);
      await phase(handle, 'awaiting-approval');
      await decide(handle, { approve: true, by: PEOPLE.admin });
      expect(await handle.result()).toMatchObject({ outcome: 'transferred', decidedBy: 'admin-1' });
      record('disposition-transferred.json', transferred);

      const held = await workFile('destroy', { holds: ['hold-investigation'] });
      expect(await (await start(held)).result()).toEqual({ outcome: 'held', holds: ['hold-investigation'] });
      record('disposition-held.json', held);

      const heldLate = await workFile('destroy', { execution: () => ({ outcome: 'held', holds: ['hold-audit'] }) });
      handle = await start(heldLate);
      await untilDue(handle);
      await decide(handle, { approve: true, by: PEOPLE.director });
      expect(await handle.result()).toMatchObject({ outcome: 'held', holds: ['hold-audit'], decidedBy: 'director-1' });
      record('disposition-held-on-execution.json', heldLate);

      const rejected = await workFile('destroy');
      handle = await start(rejected);
      await untilDue(handle);
      await decide(handle, { approve: false, by: PEOPLE.director, reason: 'Hồ sơ còn giá trị tra cứu' });
      expect(await handle.result()).toMatchObject({ outcome: 'rejected', decidedBy: 'director-1', reason: 'Hồ sơ còn giá trị tra cứu' });
      record('disposition-rejected.json', rejected);

      const lapsed = await workFile('destroy');
      expect(await (await start(lapsed)).result()).toEqual({ outcome: 'expired' });
      record('disposition-expired.json', lapsed);
    });

    // What each branch asked of the activities: notice only when it fell due later, execution only on approval.
    const asked = Object.fromEntries(runs.map(({ file, workFileId }) => [file, fakes.of(workFileId)]));
    expect(asked).toEqual({
      'disposition-destroyed.json': ['planDisposition', 'sendDispositionNotice', 'activeHolds', 'executeDisposition'],
      'disposition-transferred.json': ['planDisposition', 'sendDispositionNotice', 'activeHolds', 'executeDisposition'],
      'disposition-held.json': ['planDisposition', 'sendDispositionNotice', 'activeHolds'],
      'disposition-held-on-execution.json': ['planDisposition', 'sendDispositionNotice', 'activeHolds', 'executeDisposition'],
      'disposition-rejected.json': ['planDisposition', 'sendDispositionNotice', 'activeHolds'],
      'disposition-expired.json': ['planDisposition', 'sendDispositionNotice', 'activeHolds'],
    });

    const histories = await Promise.all(runs.map(async ({ file, workflowId }) => ({ file, workflowId, history: await env.client.workflow.getHandle(workflowId).fetchHistory() })));
    const timers = (file: string) => histories.find((h) => h.file === file)!.history.events?.filter((e) => e.timerStartedEventAttributes).length;
    // Notice and due date, then the approval window; a file already due starts only the window's.
    expect(timers('disposition-destroyed.json')).toBe(3);
    expect(timers('disposition-transferred.json')).toBe(1);
    expect(timers('disposition-held.json')).toBe(2);
    for (const { workflowId, history } of histories) {
      await Worker.runReplayHistory({ workflowBundle: bundle, dataConverter: temporalDataConverter() }, history, workflowId);
    }
    saveHistories(histories);
  }, 180_000);
});

describe('the archive\'s fixity audit, recorded for the replay guard (real Temporal, started by a schedule)', () => {
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

  it('runs the audit a schedule started, and replays its history', async () => {
    const dataConverter = temporalDataConverter();
    const bundle = await workflowBundle(WORKFLOWS);
    const fakes = new ArchiveFakes();
    // A queue of its own: the intake recorder's fake workers poll the archive's queue in this namespace and would take the audit.
    const taskQueue = `replay-guard-archive-${randomUUID().slice(0, 8)}`;
    const worker = await Worker.create({ connection: nativeConnection, namespace: REPLAY_NAMESPACE, taskQueue, dataConverter, workflowBundle: bundle, activities: fakes.activities });
    // As the archive worker creates its schedule, paused and triggered once: no run at the cron's hour while the test runs.
    const schedule = await client.schedule.create({
      scheduleId: `replay-guard-fixity-${randomUUID().slice(0, 8)}`,
      spec: { cronExpressions: ['0 2 * * *'] },
      action: { type: 'startWorkflow', workflowType: 'fixityAuditWorkflow', taskQueue, args: [] },
      policies: { overlap: 'SKIP', catchupWindow: '1 day' },
      state: { paused: true, triggerImmediately: true },
    });
    let workflowId: string;
    try {
      workflowId = await eventually(async () => (await schedule.describe()).info.recentActions[0]?.action.workflow.workflowId, 'the scheduled audit');
      await worker.runUntil(async () => {
        expect(await client.workflow.getHandle(workflowId).result()).toEqual({ auditId: workflowId, packagesChecked: 12, partsChecked: 60, mismatchCount: 0 });
      });
    } finally {
      await schedule.delete();
    }
    expect(fakes.calls).toEqual([{ activity: 'runFixityAudit', args: [{ auditId: workflowId }] }]);
    const history = await client.workflow.getHandle(workflowId).fetchHistory();
    await Worker.runReplayHistory({ workflowBundle: bundle, dataConverter }, history, workflowId);
    saveHistories([{ file: 'fixity-audit.json', history }]);
  }, 120_000);
});

import { randomUUID } from 'node:crypto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import type { WorkflowHandle } from '@temporalio/client';
import { temporalDataConverter } from '@vanthu/shared';
import { archiveActivities } from '../../src/activities';
import { archiveDocument } from '../../src/packages/archive-document';
import { RETENTION_POLICY } from '../../src/retention/policy';
import type { Decision, DispositionPhase, DispositionStatus } from '../../src/workflows/types';
import { openArchiveEnv, sampleInput, type ArchiveTestEnv } from '../support/archive-env';
import { quietTemporal } from '../support/temporal-quiet';
import { timeSkippingEnv } from '../support/time-skipping';

const DAY = 86_400_000;
const ORG = { orgCode: 'BS-TU' };

describe('disposition over years of retention (time-skipping test server, real MongoDB)', () => {
  let env: ArchiveTestEnv;
  let temporal: TestWorkflowEnvironment;
  let worker: Worker;
  let running: Promise<void>;
  const taskQueue = `archive-it-${randomUUID()}`;
  let packageId: string;

  beforeAll(async () => {
    quietTemporal();
    env = await openArchiveEnv();
    temporal = await timeSkippingEnv();
    worker = await Worker.create({
      connection: temporal.nativeConnection,
      taskQueue,
      workflowsPath: require.resolve('../../src/workflows'),
      activities: archiveActivities(env.archive),
      dataConverter: temporalDataConverter(),
    });
    running = worker.run();
    packageId = (await archiveDocument(env.archive, await sampleInput(env.blobs, { type: 'CV', issuerCode: ORG.orgCode }))).packageId;
  });

  afterAll(async () => {
    worker?.shutdown();
    await running;
    await temporal?.teardown();
    await env?.close();
  });

  /**
   * An administrative file (kept 5 years) closed now, on the test server's clock. The Java test
   * server times every workflow out ten years after it starts, whatever timeout is asked for, so
   * these tests stay within that.
   */
  async function closedFile() {
    const file = await env.archive.workFiles.create({ code: `HS-${randomUUID().slice(0, 8)}`, title: 'Công văn hành chính 2026', category: 'administrative', ...ORG, createdBy: 'archivist-1' });
    await env.archive.workFiles.addDocument(file._id, packageId, ORG.orgCode);
    await env.archive.workFiles.close(file._id, 'archivist-1', new Date(await temporal.currentTimeMs()));
    return file._id;
  }

  async function start(workFileId: string) {
    return temporal.client.workflow.start('dispositionWorkflow', {
      taskQueue,
      workflowId: `disposition-${workFileId}`,
      args: [{ workFileId, ...ORG, requestedBy: { userId: 'archivist-1', ...ORG, role: 'archivist' } }],
    });
  }

  /** Waits (without moving the clock) until the workflow has reached a phase. */
  async function phase(handle: WorkflowHandle, wanted: DispositionPhase): Promise<DispositionStatus> {
    for (;;) {
      const status = await handle.query<DispositionStatus>('status');
      if (status.phase === wanted) return status;
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  it('gives notice before the due date, waits for it, and disposes only on approval', async () => {
    const id = await closedFile();
    const handle = await start(id);
    const { plan } = await phase(handle, 'waiting-for-notice');
    const now = await temporal.currentTimeMs();
    expect(Date.parse(plan!.dueAt) - Date.parse(plan!.noticeAt)).toBe(RETENTION_POLICY.noticeDays * DAY);
    expect(Date.parse(plan!.dueAt)).toBeGreaterThan(now + 4 * 365 * DAY);

    await temporal.sleep(Date.parse(plan!.noticeAt) - now - DAY);
    expect((await handle.query<DispositionStatus>('status')).phase).toBe('waiting-for-notice');
    expect(await env.archive.c.notices.countDocuments({ workFileId: id })).toBe(0);

    await temporal.sleep(2 * DAY);
    await phase(handle, 'waiting-for-due-date');
    expect(await env.archive.c.notices.findOne({ workFileId: id })).toMatchObject({ dueAt: plan!.dueAt, action: 'destroy' });

    await temporal.sleep(RETENTION_POLICY.noticeDays * DAY);
    await phase(handle, 'awaiting-approval');
    expect((await env.archive.workFiles.get(id)).state).toBe('closed');
    await handle.executeUpdate<unknown, [Decision]>('decide', { args: [{ approve: true, by: { userId: 'director-1', ...ORG, role: 'leader' } }] });
    expect(await handle.result()).toEqual({ outcome: 'destroyed', decidedBy: 'director-1', decidedAt: expect.any(String) });
    expect((await env.archive.workFiles.get(id)).state).toBe('destroyed');
  });

  it('stops at the due date when a legal hold was placed while the file waited', async () => {
    const id = await closedFile();
    const handle = await start(id);
    await phase(handle, 'waiting-for-notice');
    await temporal.sleep(2 * 365 * DAY);
    const hold = await env.archive.workFiles.placeHold(id, { reason: 'Vụ án đang điều tra', placedBy: 'inspector-1' });
    expect(await handle.result()).toEqual({ outcome: 'held', holds: [hold._id] });
    expect((await env.archive.workFiles.get(id)).state).toBe('closed');
    expect(await env.archive.c.dispositions.countDocuments({ _id: id })).toBe(0);
  });

  it('lets a request lapse when nobody approves within the window', async () => {
    const id = await closedFile();
    const handle = await start(id);
    expect(await handle.result()).toEqual({ outcome: 'expired' });
    expect((await env.archive.workFiles.get(id)).state).toBe('closed');
  });
});

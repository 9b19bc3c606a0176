import { outboxModel } from '@vanthu/shared';
import { trackingActivities } from '../../src/activities';
import { taskModel } from '../../src/store/collections';
import { sampleTaskInput, transitionOf } from '../support/task-inputs';
import { trackingTestContext, type TrackingTestContext } from '../support/tracking-context';

/** `recordTaskTransition` as the worker registers it, on the real database. */
describe('recording a task transition', () => {
  let t: TrackingTestContext;
  let activities: ReturnType<typeof trackingActivities>;
  let nudges = 0;

  beforeAll(async () => {
    t = await trackingTestContext();
    activities = trackingActivities({ mongo: t.ctx.mongo, relay: { nudge: () => (nudges += 1) } });
  });
  afterAll(() => t?.close());

  const outbox = () => outboxModel(t.ctx.mongo);
  const record = (taskId: string) => taskModel(t.ctx.mongo).findById(taskId).lean();

  it('creates the record and writes its event once, however many times the activity runs at once', async () => {
    const task = sampleTaskInput();
    const assigned = transitionOf(task, { seq: 1, action: 'assigned', status: 'assigned', actor: 'bs-specialist', create: true });
    // A retry racing its first try (a timed-out attempt still running), and one more after both.
    await Promise.all([activities.recordTaskTransition(assigned), activities.recordTaskTransition(assigned)]);
    await activities.recordTaskTransition(assigned);

    const events = await outbox().find({ aggregateId: task.taskId }).lean();
    expect(events.map((e) => e._id)).toEqual([`${task.taskId}:1`]);
    expect(events[0]!.event).toMatchObject({ type: 'tracking.task-assigned', subject: task.taskId, data: { seq: 1, status: 'assigned', leadOrg: 'BS-TL-DU' } });
    const stored = await record(task.taskId);
    expect(stored).toMatchObject({ _id: task.taskId, status: 'assigned', seq: 1, leadOrg: 'BS-TL-DU', assignerOrg: 'BS-TU', deadline: task.deadline, originalDeadline: task.deadline, source: task.source });
    expect(stored!.history).toEqual([{ seq: 1, at: task.assignedAt, action: 'assigned', status: 'assigned', actor: 'bs-specialist' }]);
    expect(nudges).toBeGreaterThanOrEqual(3);
  });

  it('applies later transitions in order, with their reports, and ignores a replay of an older one', async () => {
    const task = sampleTaskInput();
    await activities.recordTaskTransition(transitionOf(task, { seq: 1, action: 'assigned', status: 'assigned', create: true }));
    const accepted = transitionOf(task, { seq: 2, action: 'accepted', status: 'accepted', actor: 'tl-secretary', at: '2026-11-24T01:00:00.000Z' });
    await activities.recordTaskTransition(accepted);
    const report = { seq: 3, at: '2026-11-30T01:00:00.000Z', by: 'tl-specialist', kind: 'progress' as const, percent: 40, narrative: 'Đã xây dựng dự thảo kế hoạch', evidence: [] };
    const reported = transitionOf(task, {
      seq: 3,
      action: 'progress-reported',
      status: 'in_progress',
      actor: 'tl-specialist',
      note: report.narrative,
      at: report.at,
      progress: 40,
      extra: { evidence: [] },
      report,
    });
    await Promise.all([activities.recordTaskTransition(reported), activities.recordTaskTransition(reported)]);
    // The accept again, after the report: a late retry must not roll the record back.
    await activities.recordTaskTransition(accepted);

    const stored = await record(task.taskId);
    expect(stored).toMatchObject({ status: 'in_progress', progress: 40, seq: 3, updatedAt: report.at });
    expect(stored!.history.map((h) => [h.seq, h.action, h.status])).toEqual([
      [1, 'assigned', 'assigned'],
      [2, 'accepted', 'accepted'],
      [3, 'progress-reported', 'in_progress'],
    ]);
    expect(stored!.reports).toEqual([report]);
    const events = await outbox().find({ aggregateId: task.taskId }).sort({ seq: 1 }).lean();
    expect(events.map((e) => e.event.type)).toEqual(['tracking.task-assigned', 'tracking.task-accepted', 'tracking.task-progress-reported']);
  });

  it('completes a transition interrupted after its event was written', async () => {
    const task = sampleTaskInput();
    const assigned = transitionOf(task, { seq: 1, action: 'assigned', status: 'assigned', create: true });
    await activities.recordTaskTransition(assigned);
    const accepted = transitionOf(task, { seq: 2, action: 'accepted', status: 'accepted', actor: 'tl-secretary' });
    // As if the worker died between the outbox insert and the record's update.
    await activities.recordTaskTransition(accepted);
    await taskModel(t.ctx.mongo).updateOne({ _id: task.taskId }, { $set: { seq: 1, status: 'assigned' }, $pop: { history: 1 } });
    await activities.recordTaskTransition(accepted);
    expect(await record(task.taskId)).toMatchObject({ seq: 2, status: 'accepted', history: [{ seq: 1 }, { seq: 2 }] });
    expect(await outbox().countDocuments({ aggregateId: task.taskId })).toBe(2);
  });

  it('leaves nothing behind for a transition whose event breaks its contract', async () => {
    const task = sampleTaskInput();
    const broken = transitionOf(task, { seq: 1, action: 'assigned', status: 'assigned', create: true });
    delete broken.data.assignerOrg;
    await expect(activities.recordTaskTransition(broken)).rejects.toThrow(/assignerOrg/);
    expect(await outbox().countDocuments({ aggregateId: task.taskId })).toBe(0);
    expect(await record(task.taskId)).toBeNull();
  });

  it('refuses a patch naming a field the record does not have, before writing its event', async () => {
    const task = sampleTaskInput();
    await activities.recordTaskTransition(transitionOf(task, { seq: 1, action: 'assigned', status: 'assigned', create: true }));
    await expect(activities.recordTaskTransition(transitionOf(task, { seq: 2, action: 'accepted', status: 'accepted', patch: { acceptedBy: 'tl-secretary' } }))).rejects.toThrow(/acceptedBy/);
    expect(await record(task.taskId)).toMatchObject({ seq: 1, status: 'assigned' });
    expect(await outbox().countDocuments({ aggregateId: task.taskId })).toBe(1);
  });
});

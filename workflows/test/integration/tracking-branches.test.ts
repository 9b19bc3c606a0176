import {
  acceptTaskUpdate,
  addSubtasksUpdate,
  cancelTaskUpdate,
  decideExtensionUpdate,
  reassignTaskUpdate,
  refuseTaskUpdate,
  reportProgressUpdate,
  requestExtensionUpdate,
  returnTaskUpdate,
  submitTaskUpdate,
  taskStateQuery,
} from '@vanthu/workflows/dist/tracking/definitions';
import { TASK_ERRORS, type Actor } from '@vanthu/shared';
import { DAY, eventually, PEOPLE, useTrackingEnv, type TrackingTestEnv } from '../support/tracking-env';
import { refusal, startTask, stateWhen, taskHandle, type TaskHandle } from '../support/tracking-steps';

/**
 * The task workflow's branches the other tracking tests leave out, on the time-skipping test
 * server: a split that cannot start all its sub-tasks, what a sub-task tells its parent without
 * changing its progress, the deadline watch around a submission and after an escalation, a task
 * without a deadline, and a recurring task's refusals and cancellation.
 */
const HOUR = 3_600_000;
const GRANULARITY = 60_000;

describe('an implementation task, the branches left', () => {
  let t: TrackingTestEnv;
  useTrackingEnv((env) => (t = env));

  const deadlineEvents = (taskId: string) => t.recorder.of(taskId).filter((c) => c.action === 'deadline-approaching' || c.action === 'overdue');
  const near = (at: string | undefined, expected: number) => at !== undefined && Math.abs(Date.parse(at) - expected) <= GRANULARITY;
  /**
   * Ends a test's tasks, each by its assigner, children before their parent: a child cancelled
   * with its parent tells a parent that may have closed, and that failed signal leaves the Java
   * test server no longer skipping time for the tests after it.
   */
  async function cancel(...tasks: [TaskHandle, Actor][]) {
    for (const [handle, assigner] of tasks) await handle.executeUpdate(cancelTaskUpdate, { args: [assigner, 'Kết thúc kiểm tra'] });
  }
  it('records the sub-tasks of a split that did start and refuses the split, naming the one that could not', async () => {
    const { handle, input } = await startTask(t, 'split-partial');
    await handle.executeUpdate(acceptTaskUpdate, { args: [PEOPLE.tanLap] });
    // A workflow already runs under the second sub-task's id.
    await startTask(t, 'split-partial.vp', { leadOrg: 'BS-TL-VP' });
    const spec = (taskId: string, leadOrg: string) => ({ taskId, title: taskId, leadOrg, cooperating: [], deadline: input.deadline!, priority: 'normal' as const, weight: 50 });
    const failed = await refusal(
      handle.executeUpdate(addSubtasksUpdate, { args: [PEOPLE.tanLap, [spec('split-partial.xdd', 'BS-TL-XDD'), spec('split-partial.vp', 'BS-TL-VP'), spec('split-partial.hb', 'BS-HB-DU')]] }),
    );
    expect(failed).toMatchObject({ type: TASK_ERRORS.invalidInput, details: [{ field: 'subtasks[1].taskId' }] });

    const state = await handle.query(taskStateQuery);
    expect(state.subtasks.map((s) => s.taskId)).toEqual(['split-partial.xdd']);
    expect(t.recorder.of('split-partial').at(-1)).toMatchObject({ action: 'split', data: { subtaskIds: ['split-partial.xdd'] }, patch: { subtasks: [{ taskId: 'split-partial.xdd', status: 'assigned' }] } });
    await stateWhen(t, 'split-partial.xdd', (s) => s.seq >= 1, 'the started sub-task assigned');
    expect(t.recorder.of('split-partial.xdd')[0].create).toMatchObject({ parentTaskId: 'split-partial', assignedBy: 'tl-specialist' });
    expect(t.recorder.of('split-partial.hb')).toEqual([]);
    // The one that started stays the parent's; splitting again with it is refused.
    const again = await refusal(handle.executeUpdate(addSubtasksUpdate, { args: [PEOPLE.tanLap, [spec('split-partial.xdd', 'BS-TL-XDD')]] }));
    expect(again).toMatchObject({ type: TASK_ERRORS.invalidInput, details: [{ field: 'subtasks[0].taskId' }] });
    await cancel([taskHandle(t, 'split-partial.xdd'), PEOPLE.tanLap], [handle, PEOPLE.province], [taskHandle(t, 'split-partial.vp'), PEOPLE.province]);
  });

  it('tells its parent of a new status, lead or deadline, which the parent keeps without recording a roll-up', async () => {
    const { handle, input } = await startTask(t, 'told');
    await handle.executeUpdate(acceptTaskUpdate, { args: [PEOPLE.tanLap] });
    const now = await t.env.currentTimeMs();
    const due = new Date(now + 10 * DAY).toISOString();
    await handle.executeUpdate(addSubtasksUpdate, { args: [PEOPLE.tanLap, [{ taskId: 'told.vp', title: 'Tổng hợp', leadOrg: 'BS-TL-VP', cooperating: [], deadline: due, priority: 'normal', weight: 1 }]] });
    const child = taskHandle(t, 'told.vp');
    await stateWhen(t, 'told.vp', (s) => s.seq >= 1, 'assigned');

    await child.executeUpdate(refuseTaskUpdate, { args: [PEOPLE.tanLapOffice, 'Không đủ nhân lực'] });
    await stateWhen(t, 'told', (s) => s.subtasks[0].status === 'refused', 'the parent hears of the refusal');
    // The parent's lead assigned it: it gives the sub-task to another office.
    await child.executeUpdate(reassignTaskUpdate, { args: [PEOPLE.tanLap, { leadOrg: 'BS-TL-XDD', cooperating: [] }] });
    await stateWhen(t, 'told', (s) => s.subtasks[0].leadOrg === 'BS-TL-XDD' && s.subtasks[0].status === 'assigned', 'the parent hears of the new lead');
    await child.executeUpdate(acceptTaskUpdate, { args: [PEOPLE.tanLapBuilding] });
    const later = new Date(Date.parse(due) + 5 * DAY).toISOString();
    expect(Date.parse(later)).toBeLessThan(Date.parse(input.deadline!));
    await child.executeUpdate(requestExtensionUpdate, { args: [PEOPLE.tanLapBuilding, { until: later, reason: 'Chờ số liệu' }] });
    await child.executeUpdate(decideExtensionUpdate, { args: [PEOPLE.tanLap, { grant: true }] });
    const parent = await stateWhen(t, 'told', (s) => s.subtasks[0].deadline === later, 'the parent hears of the new deadline');
    expect(parent.subtasks[0]).toMatchObject({ taskId: 'told.vp', status: 'accepted', leadOrg: 'BS-TL-XDD', progress: 0 });
    // Its progress did not move: nothing for the parent's record.
    expect(t.recorder.actions('told')).toEqual(['assigned', 'accepted', 'split']);
    await cancel([child, PEOPLE.tanLap], [handle, PEOPLE.province]);
  });

  it('skips the reminder due while its result is submitted, escalates once it is returned late, and re-arms both on an extension granted after the escalation', async () => {
    const { handle, input, startedAt } = await startTask(t, 'rearmed', (now) => ({ deadline: new Date(now + 10 * DAY).toISOString() }));
    const deadline = Date.parse(input.deadline!);
    await handle.executeUpdate(acceptTaskUpdate, { args: [PEOPLE.tanLap] });
    await handle.executeUpdate(submitTaskUpdate, { args: [PEOPLE.tanLap, { narrative: 'Hoàn thành sớm', evidence: [] }] });
    // A normal task is reminded 7 days ahead: at day 3 it is submitted, nothing to remind of.
    await t.env.sleep(deadline - 7 * DAY - startedAt + HOUR);
    expect(deadlineEvents('rearmed')).toEqual([]);
    await t.env.sleep(7 * DAY);
    await handle.executeUpdate(returnTaskUpdate, { args: [PEOPLE.province, 'Chưa đạt'] });
    const [overdue] = await eventually(() => (deadlineEvents('rearmed').length === 1 ? deadlineEvents('rearmed') : undefined), 'escalated on its return');
    expect(overdue).toMatchObject({ action: 'overdue', status: 'in_progress' });

    const extended = deadline + 20 * DAY;
    await handle.executeUpdate(requestExtensionUpdate, { args: [PEOPLE.tanLap, { until: new Date(extended).toISOString(), reason: 'Làm lại' }] });
    const granted = await handle.executeUpdate(decideExtensionUpdate, { args: [PEOPLE.province, { grant: true }] });
    expect(granted).toMatchObject({ reminded: false, escalated: false, deadline: new Date(extended).toISOString(), originalDeadline: input.deadline });
    await t.env.sleep(extended - 7 * DAY - (await t.env.currentTimeMs()) + HOUR);
    await t.env.sleep(7 * DAY);
    const events = deadlineEvents('rearmed');
    expect(events.map((e) => e.action)).toEqual(['overdue', 'deadline-approaching', 'overdue']);
    expect(near(events[1].at, extended - 7 * DAY)).toBe(true);
    expect(near(events[2].at, extended)).toBe(true);
    await handle.executeUpdate(cancelTaskUpdate, { args: [PEOPLE.province, 'Kết thúc kiểm tra'] });
  });

  it('without a deadline, has no timer and nothing to extend; a submitted task cannot ask for more time', async () => {
    const { handle } = await startTask(t, 'no-deadline', { deadline: undefined });
    await handle.executeUpdate(acceptTaskUpdate, { args: [PEOPLE.tanLap] });
    const ask = { until: new Date((await t.env.currentTimeMs()) + 30 * DAY).toISOString(), reason: 'Thêm thời gian' };
    expect((await refusal(handle.executeUpdate(requestExtensionUpdate, { args: [PEOPLE.tanLap, ask] }))).type).toBe(TASK_ERRORS.invalidTransition);
    await t.env.sleep(400 * DAY);
    expect(deadlineEvents('no-deadline')).toEqual([]);

    const { handle: submitted } = await startTask(t, 'submitted-ask');
    await submitted.executeUpdate(acceptTaskUpdate, { args: [PEOPLE.tanLap] });
    await submitted.executeUpdate(submitTaskUpdate, { args: [PEOPLE.tanLap, { narrative: 'Xong', evidence: [] }] });
    expect((await refusal(submitted.executeUpdate(requestExtensionUpdate, { args: [PEOPLE.tanLap, ask] }))).type).toBe(TASK_ERRORS.invalidTransition);
    for (const h of [handle, submitted]) await h.executeUpdate(cancelTaskUpdate, { args: [PEOPLE.province, 'Kết thúc kiểm tra'] });
  });

  // Last: the Java test server stops skipping time once a continued-as-new run's child closes (temporalio/sdk-java#1540).
  it('recurring: takes no submission or split and no reported percentage (its periods are the tasks); cancelled, so is its open period', async () => {
    const now = await t.env.currentTimeMs();
    const thisMonth = new Date(now + 7 * HOUR).toISOString().slice(0, 7);
    const { handle } = await startTask(t, 'monthly-cancelled', {
      kind: 'recurring',
      deadline: undefined,
      recurrence: { frequency: 'monthly', from: `${thisMonth}-01`, until: `${new Date(now + 7 * HOUR + 70 * DAY).toISOString().slice(0, 7)}-01` },
    });
    await handle.executeUpdate(acceptTaskUpdate, { args: [PEOPLE.tanLap] });
    const periodId = `monthly-cancelled.${thisMonth}`;
    // The current month's period opens at once; the run continues as new to wait for the next.
    await stateWhen(t, periodId, (s) => s.seq >= 1, 'the period opened');
    await eventually(async () => (await taskHandle(t, 'monthly-cancelled').describe()).runId !== handle.firstExecutionRunId || undefined, 'continued as new');
    const period = taskHandle(t, periodId);
    expect((await refusal(period.executeUpdate(refuseTaskUpdate, { args: [PEOPLE.tanLap, 'Không'] }))).type).toBe(TASK_ERRORS.invalidTransition);

    const recurring = taskHandle(t, 'monthly-cancelled');
    expect((await refusal(recurring.executeUpdate(submitTaskUpdate, { args: [PEOPLE.tanLap, { narrative: 'Xong', evidence: [] }] }))).type).toBe(TASK_ERRORS.invalidTransition);
    const split = { taskId: 'monthly-cancelled.x', title: 'X', leadOrg: 'BS-TL-VP', cooperating: [], deadline: new Date(now + 5 * DAY).toISOString(), priority: 'normal' as const, weight: 1 };
    expect((await refusal(recurring.executeUpdate(addSubtasksUpdate, { args: [PEOPLE.tanLap, [split]] }))).type).toBe(TASK_ERRORS.invalidTransition);
    const reported = await recurring.executeUpdate(reportProgressUpdate, { args: [PEOPLE.tanLap, { percent: 80, narrative: 'Đang tổng hợp', evidence: [] }] });
    expect(reported).toMatchObject({ status: 'in_progress', progress: 0 });

    await recurring.executeUpdate(cancelTaskUpdate, { args: [PEOPLE.province, 'Nghị quyết hết hiệu lực'] });
    expect((await recurring.result()).status).toBe('cancelled');
    expect((await period.result()).status).toBe('cancelled');
    expect(t.recorder.of(periodId).at(-1)).toMatchObject({ action: 'cancelled', note: 'Nghị quyết hết hiệu lực' });
    expect(t.recorder.actions('monthly-cancelled')).toEqual(['assigned', 'accepted', 'progress-reported', 'cancelled']);
  });
});

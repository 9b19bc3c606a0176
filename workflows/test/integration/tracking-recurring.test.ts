import type { temporal } from '@temporalio/proto';
import { acceptResultUpdate, acceptTaskUpdate, submitTaskUpdate, taskStateQuery } from '@vanthu/workflows/dist/tracking/definitions';
import { PEOPLE, useTrackingEnv, type TrackingTestEnv } from '../support/tracking-env';
import { startTask, stateWhen, taskHandle } from '../support/tracking-steps';

/**
 * A monthly report over three months, on the time-skipping test server: each period opens as a
 * child task when it starts, the recurring task continues as new once per period, and it is done
 * when its periods are.
 */
const HOUR = 3_600_000;
const pad = (n: number) => String(n).padStart(2, '0');

/** The three calendar months after the current one, in Vietnam time: `YYYY-MM`. */
function nextMonths(now: number, count: number): string[] {
  const local = new Date(now + 7 * HOUR);
  const months: string[] = [];
  for (let i = 1; i <= count; i++) {
    const index = local.getUTCFullYear() * 12 + local.getUTCMonth() + i;
    months.push(`${Math.floor(index / 12)}-${pad((index % 12) + 1)}`);
  }
  return months;
}

describe('a recurring report', () => {
  let t: TrackingTestEnv;
  useTrackingEnv((env) => (t = env));

  it('opens one period task per month as its child, continues as new once per period, and is done when its periods are', async () => {
    const id = 'monthly-1';
    const months = nextMonths(await t.env.currentTimeMs(), 3);
    const { handle } = await startTask(t, id, {
      kind: 'recurring',
      title: 'Báo cáo tình hình thực hiện Nghị quyết hằng tháng',
      deadline: undefined,
      recurrence: { frequency: 'monthly', from: `${months[0]}-01`, until: `${months[2]}-15`, dueDay: 20 },
    });
    const firstRunId = handle.firstExecutionRunId;
    // Nothing opens before the lead takes the task on.
    await handle.executeUpdate(acceptTaskUpdate, { args: [PEOPLE.tanLap] });

    for (const [index, month] of months.entries()) {
      const periodId = `${id}.${month}`;
      const opens = Date.parse(`${month}-01T00:00:00+07:00`);
      await t.env.sleep(opens - (await t.env.currentTimeMs()) - HOUR);
      expect(t.recorder.of(periodId)).toEqual([]);
      await t.env.sleep(2 * HOUR);
      const period = await stateWhen(t, periodId, (s) => s.seq >= 1, 'opened');
      expect(period).toMatchObject({ status: 'accepted', leadOrg: 'BS-TL-DU', deadline: new Date(`${month}-20T23:59:59+07:00`).toISOString() });
      const [assigned] = t.recorder.of(periodId);
      expect(Date.parse(assigned.at)).toBeGreaterThanOrEqual(opens);
      expect(assigned.create).toMatchObject({ kind: 'period', period: month, parentTaskId: id, rootTaskId: id, depth: 1, assignerOrg: 'BS-TU', assignedBy: 'bs-specialist', initialStatus: 'accepted' });
      expect(assigned.actor).toBeUndefined();
      expect(assigned.data).toMatchObject({ kind: 'period', period: month, status: 'accepted' });
      await stateWhen(t, id, (s) => s.subtasks.length === index + 1, 'the period in its parent\'s state');
    }
    // Each period is a task like any other: the first two passed their deadlines unreported.
    expect(t.recorder.actions(`${id}.${months[0]}`)).toEqual(['assigned', 'deadline-approaching', 'overdue']);
    const overdueAt = Date.parse(t.recorder.of(`${id}.${months[0]}`)[2].at);
    expect(Math.abs(overdueAt - Date.parse(`${months[0]}-20T23:59:59+07:00`))).toBeLessThan(60_000);

    // The reports come in once every period is open: the Java test server stops skipping time for
    // good once a child of a continued-as-new run completes (temporalio/sdk-java#1540), so no
    // sleep may follow a period's completion.
    for (const [index, month] of months.entries()) {
      const periodTask = taskHandle(t, `${id}.${month}`);
      await periodTask.executeUpdate(submitTaskUpdate, { args: [PEOPLE.tanLap, { narrative: `Báo cáo tháng ${month}`, evidence: [] }] });
      await periodTask.executeUpdate(acceptResultUpdate, { args: [PEOPLE.province, null] });
      // The share of the periods done.
      const share = Math.round((100 * (index + 1)) / 3);
      await stateWhen(t, id, (s) => s.progress === share, `progress ${share}`);
    }

    const final = await handle.result();
    expect(final).toMatchObject({ status: 'done', progress: 100 });
    expect(final.subtasks.map((s) => [s.period, s.status])).toEqual(months.map((m) => [m, 'done']));
    const lastPeriodDone = t.recorder.of(`${id}.${months[2]}`).at(-1)!;
    expect(final.completedAt).toBe(lastPeriodDone.data.completedAt);
    expect(t.recorder.actions(id)).toEqual(['assigned', 'accepted', 'progress-rolled-up', 'progress-rolled-up', 'progress-rolled-up', 'completed']);

    // One run per period, then the last waits for its periods: three continuations, four short histories.
    const runs: temporal.api.history.v1.IHistory[] = [];
    let runId: string | undefined = firstRunId;
    while (runId) {
      const history = await t.env.client.workflow.getHandle(handle.workflowId, runId).fetchHistory();
      runs.push(history);
      runId = history.events?.at(-1)?.workflowExecutionContinuedAsNewEventAttributes?.newExecutionRunId ?? undefined;
    }
    expect(runs).toHaveLength(4);
    expect(runs.map((h) => h.events!.filter((e) => e.startChildWorkflowExecutionInitiatedEventAttributes).length)).toEqual([1, 1, 1, 0]);
    // No run carries the whole task's history: each holds one period's opening (the last, the closings).
    const total = runs.reduce((sum, h) => sum + h.events!.length, 0);
    for (const history of runs) expect(history.events!.length).toBeLessThan(total / 2);
    await expect(handle.query(taskStateQuery)).resolves.toMatchObject({ status: 'done' });
  });
});

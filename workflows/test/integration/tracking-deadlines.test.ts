import {
  acceptResultUpdate,
  acceptTaskUpdate,
  cancelTaskUpdate,
  decideExtensionUpdate,
  requestExtensionUpdate,
  returnTaskUpdate,
  submitTaskUpdate,
} from '@vanthu/workflows/dist/tracking/definitions';
import { DAY, PEOPLE, useTrackingEnv, type TrackingTestEnv } from '../support/tracking-env';
import { startTask } from '../support/tracking-steps';

/**
 * Reminders and escalation at their real durations, on the time-skipping test server: the
 * recorded `at` of each deadline event is the workflow's clock when its timer fired, compared
 * with the instants the policy sets (TASK_PRIORITIES: a normal task is reminded 7 days ahead).
 */
const GRANULARITY = 60_000;
const HOUR = 3_600_000;

describe('a task\'s deadline: reminder, then escalation (time-skipping)', () => {
  let t: TrackingTestEnv;
  useTrackingEnv((env) => (t = env));

  const deadlineEvents = (taskId: string) =>
    t.recorder.of(taskId).filter((c) => c.action === 'deadline-approaching' || c.action === 'overdue').map((c) => ({ action: c.action, at: Date.parse(c.at), status: c.status }));
  const near = (at: number, expected: number) => Math.abs(at - expected) <= GRANULARITY;

  it('reminds a normal task 7 days before its deadline and escalates when it passes', async () => {
    const { handle, input, startedAt } = await startTask(t, 'late-1', (now) => ({ deadline: new Date(now + 20 * DAY).toISOString() }));
    const deadline = Date.parse(input.deadline!);
    await handle.executeUpdate(acceptTaskUpdate, { args: [PEOPLE.tanLap] });

    await t.env.sleep(deadline - 7 * DAY - startedAt - HOUR);
    expect(deadlineEvents('late-1')).toEqual([]);
    await t.env.sleep(2 * HOUR);
    const [reminder] = deadlineEvents('late-1');
    expect(reminder).toMatchObject({ action: 'deadline-approaching', status: 'accepted' });
    expect(near(reminder.at, deadline - 7 * DAY)).toBe(true);

    await t.env.sleep(7 * DAY);
    const events = deadlineEvents('late-1');
    expect(events.map((e) => e.action)).toEqual(['deadline-approaching', 'overdue']);
    expect(near(events[1].at, deadline)).toBe(true);
    expect(t.recorder.of('late-1').at(-1)?.data).toMatchObject({ status: 'accepted', deadline: input.deadline, leadOrg: 'BS-TL-DU', assignedBy: 'bs-specialist' });

    // Late, but done: no second escalation.
    await handle.executeUpdate(submitTaskUpdate, { args: [PEOPLE.tanLap, { narrative: 'Hoàn thành muộn', evidence: [] }] });
    await handle.executeUpdate(acceptResultUpdate, { args: [PEOPLE.province, null] });
    expect((await handle.result()).status).toBe('done');
    expect(deadlineEvents('late-1').map((e) => e.action)).toEqual(['deadline-approaching', 'overdue']);
  });

  it('reminds at once a task assigned closer to its deadline than the reminder, and does not escalate one submitted in time', async () => {
    const { handle, input } = await startTask(t, 'ontime-1', (now) => ({ deadline: new Date(now + 3 * DAY).toISOString() }));
    const [reminder] = await waitForEvents('ontime-1', 1);
    expect(reminder.action).toBe('deadline-approaching');
    expect(reminder.at).toBeLessThan(Date.parse(input.deadline!) - 2 * DAY);

    await handle.executeUpdate(acceptTaskUpdate, { args: [PEOPLE.tanLap] });
    await handle.executeUpdate(submitTaskUpdate, { args: [PEOPLE.tanLap, { narrative: 'Hoàn thành', evidence: [] }] });
    await t.env.sleep(5 * DAY);
    expect(deadlineEvents('ontime-1').map((e) => e.action)).toEqual(['deadline-approaching']);
    const done = await handle.executeUpdate(acceptResultUpdate, { args: [PEOPLE.province, null] });
    expect(Date.parse(done.completedAt!)).toBeLessThanOrEqual(Date.parse(input.deadline!));
  });

  it('escalates a result submitted by the deadline and returned after it when it is returned', async () => {
    const { handle, input, startedAt } = await startTask(t, 'returned-late-1', (now) => ({ deadline: new Date(now + 30 * DAY).toISOString(), priority: 'high' }));
    const deadline = Date.parse(input.deadline!);
    await handle.executeUpdate(acceptTaskUpdate, { args: [PEOPLE.tanLap] });
    await t.env.sleep(deadline - startedAt - DAY);
    // A high-priority task is reminded 3 days ahead.
    const [reminder] = deadlineEvents('returned-late-1');
    expect(near(reminder.at, deadline - 3 * DAY)).toBe(true);

    await handle.executeUpdate(submitTaskUpdate, { args: [PEOPLE.tanLap, { narrative: 'Hoàn thành', evidence: [] }] });
    await t.env.sleep(2 * DAY);
    expect(deadlineEvents('returned-late-1').map((e) => e.action)).toEqual(['deadline-approaching']);
    const returned = await handle.executeUpdate(returnTaskUpdate, { args: [PEOPLE.province, 'Chưa đạt'] });
    expect(returned.status).toBe('in_progress');
    const [, overdue] = await waitForEvents('returned-late-1', 2);
    expect(overdue).toMatchObject({ action: 'overdue', status: 'in_progress' });
    const returnedAt = Date.parse(t.recorder.of('returned-late-1').find((c) => c.action === 'returned')!.at);
    expect(overdue.at).toBeGreaterThanOrEqual(returnedAt);
    expect(overdue.at - returnedAt).toBeLessThan(GRANULARITY);
    await handle.executeUpdate(cancelTaskUpdate, { args: [PEOPLE.province, 'Kết thúc kiểm tra'] });
  });

  it('sets the reminder and the escalation again from a granted extension', async () => {
    const { handle, input, startedAt } = await startTask(t, 'extended-1', (now) => ({ deadline: new Date(now + 40 * DAY).toISOString() }));
    const deadline = Date.parse(input.deadline!);
    await handle.executeUpdate(acceptTaskUpdate, { args: [PEOPLE.tanLap] });
    await t.env.sleep(deadline - 7 * DAY - startedAt + HOUR);
    expect(deadlineEvents('extended-1').map((e) => e.action)).toEqual(['deadline-approaching']);

    const extended = deadline + 10 * DAY;
    await handle.executeUpdate(requestExtensionUpdate, { args: [PEOPLE.tanLap, { until: new Date(extended).toISOString(), reason: 'Chờ ý kiến Ban Tổ chức' }] });
    await handle.executeUpdate(decideExtensionUpdate, { args: [PEOPLE.province, { grant: true }] });
    // Past the first deadline: no escalation, it is no longer the deadline.
    await t.env.sleep(7 * DAY);
    expect(deadlineEvents('extended-1').map((e) => e.action)).toEqual(['deadline-approaching']);
    await t.env.sleep(4 * DAY);
    expect(deadlineEvents('extended-1').map((e) => e.action)).toEqual(['deadline-approaching', 'deadline-approaching']);
    await t.env.sleep(7 * DAY);
    expect(deadlineEvents('extended-1').map((e) => e.action)).toEqual(['deadline-approaching', 'deadline-approaching', 'overdue']);
    const [, second, overdue] = deadlineEvents('extended-1');
    expect(near(second.at, extended - 7 * DAY)).toBe(true);
    expect(near(overdue.at, extended)).toBe(true);
    expect(t.recorder.of('extended-1').at(-1)?.data).toMatchObject({ deadline: new Date(extended).toISOString(), originalDeadline: input.deadline });
    await handle.executeUpdate(cancelTaskUpdate, { args: [PEOPLE.province, 'Kết thúc kiểm tra'] });
  });

  /** Deadline events that fire without the clock moving (a reminder due at once, an escalation on return). */
  async function waitForEvents(taskId: string, count: number) {
    for (let i = 0; i < 200 && deadlineEvents(taskId).length < count; i++) await new Promise((r) => setTimeout(r, 50));
    return deadlineEvents(taskId);
  }
});

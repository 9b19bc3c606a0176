import { assertValidEvent, checkEvent, taskTransitionEvent } from '@vanthu/shared';
import { historyEntry, newTaskRecord } from '../../src/activities/record-task-transition';
import { sampleTaskInput, transitionOf } from '../support/task-inputs';

describe('a task transition', () => {
  const task = sampleTaskInput({ taskId: 'task-1', rootTaskId: 'task-1' });

  it('becomes the event tracking.task-<action>, keyed by the task and identified by its seq', () => {
    const event = taskTransitionEvent(transitionOf(task, { seq: 1, action: 'assigned', status: 'assigned', actor: 'bs-specialist', create: true }));
    expect(event).toMatchObject({ id: 'task-1:1', type: 'tracking.task-assigned', version: 1, source: 'tracking', subject: 'task-1', occurredAt: task.assignedAt });
    expect(event.data).toMatchObject({ taskId: 'task-1', seq: 1, status: 'assigned', actor: 'bs-specialist', leadOrg: 'BS-TL-DU', sourceNotation: '12-NQ/TU' });
    expect(() => assertValidEvent(event)).not.toThrow();
  });

  it('states its own id, seq and status over whatever the snapshot says', () => {
    const input = transitionOf(task, { seq: 4, action: 'refused', status: 'refused', note: 'Không thuộc thẩm quyền', extra: { taskId: 'other', seq: 99, status: 'done' } });
    const event = taskTransitionEvent(input);
    expect(event.data).toMatchObject({ taskId: 'task-1', seq: 4, status: 'refused', note: 'Không thuộc thẩm quyền' });
    expect(checkEvent(event).ok).toBe(true);
  });

  it('is refused by the event contract when the snapshot misses what consumers need', () => {
    const input = transitionOf(task, { seq: 2, action: 'accepted', status: 'accepted' });
    delete input.data.leadOrg;
    expect(() => assertValidEvent(taskTransitionEvent(input))).toThrow(/leadOrg/);
    expect(() => assertValidEvent(taskTransitionEvent({ ...transitionOf(task, { seq: 2, action: 'accepted', status: 'accepted' }), action: 'teleported' }))).toThrow();
  });

  it('adds one history line with the actor and note it was given, and no empty fields', () => {
    expect(historyEntry(transitionOf(task, { seq: 3, action: 'overdue', status: 'accepted', at: '2027-01-01T00:00:00.000Z' }))).toEqual({ seq: 3, at: '2027-01-01T00:00:00.000Z', action: 'overdue', status: 'accepted' });
    expect(historyEntry(transitionOf(task, { seq: 2, action: 'accepted', status: 'accepted', actor: 'tl-secretary', note: 'Nhận' }))).toEqual({ seq: 2, at: task.assignedAt, action: 'accepted', status: 'accepted', actor: 'tl-secretary', note: 'Nhận' });
  });

  it('creates the record from the task input at seq 0, the deadline kept as the original', () => {
    const record = newTaskRecord(task, transitionOf(task, { seq: 1, action: 'assigned', status: 'assigned', create: true }));
    expect(record).toMatchObject({ _id: 'task-1', seq: 0, status: 'assigned', progress: 0, deadline: task.deadline, originalDeadline: task.deadline, subtasks: [], reports: [], history: [] });
    const recurring = sampleTaskInput({ kind: 'recurring', deadline: undefined, recurrence: { frequency: 'monthly', from: '2026-01-01', until: '2026-12-31' } });
    const recurringRecord = newTaskRecord(recurring, transitionOf(recurring, { seq: 1, action: 'assigned', status: 'assigned' }));
    expect(recurringRecord).not.toHaveProperty('deadline');
    expect(recurringRecord).not.toHaveProperty('originalDeadline');
    expect(recurringRecord.recurrence).toEqual({ frequency: 'monthly', from: '2026-01-01', until: '2026-12-31' });
  });
});

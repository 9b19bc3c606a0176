import { ApplicationFailure } from '@temporalio/common';
import { checkEvent, TASK_ERRORS, type SubtaskSpec, type TaskInput, type TaskState } from '@vanthu/shared';
import { checkExtensionAsk, checkProgressReport, checkSubtaskSpecs, instantOf } from '../../src/tracking/checks';
import { subtaskSummary, taskSnapshot } from '../../src/tracking/snapshot';

function failureOf(check: () => unknown): ApplicationFailure {
  try {
    check();
  } catch (error) {
    if (error instanceof ApplicationFailure) return error;
    throw error;
  }
  throw new Error('accepted');
}

const spec = (overrides: Partial<SubtaskSpec> = {}): SubtaskSpec => ({
  taskId: 't-1.vp', title: 'Văn phòng tổng hợp', leadOrg: 'BS-TL-VP', cooperating: [], deadline: '2026-12-20T10:00:00Z', priority: 'normal', weight: 40, ...overrides,
});
const parent = { taskId: 't-1', deadline: '2026-12-31T16:59:59.000Z', leadOrg: 'BS-TL-DU', known: ['t-1.xdd'] };

describe('the task workflow\'s input checks', () => {
  it('reads a date as the end of that day in Vietnam, and refuses what is not a real instant', () => {
    expect(instantOf('2026-12-31')).toBe('2026-12-31T16:59:59.000Z');
    expect(instantOf('2026-12-31T08:00:00+07:00')).toBe('2026-12-31T01:00:00.000Z');
    for (const bad of ['2026-02-30', '31/12/2026', '2026-12-31T25:00:00Z', 'tomorrow', 20261231, undefined]) expect(instantOf(bad)).toBeUndefined();
  });

  it('takes a percent only as an integer from 0 to 100', () => {
    for (const percent of [0, 55, 100]) expect(() => checkProgressReport({ percent, narrative: 'Báo cáo', evidence: [] })).not.toThrow();
    for (const percent of [-1, 101, 12.5, Number.NaN]) {
      const failure = failureOf(() => checkProgressReport({ percent, narrative: 'Báo cáo', evidence: [] }));
      expect(failure).toMatchObject({ type: TASK_ERRORS.invalidInput, nonRetryable: true, details: [{ field: 'percent' }] });
    }
    expect(failureOf(() => checkProgressReport({ percent: 5, narrative: '  ', evidence: [] })).details).toEqual([{ field: 'narrative' }]);
  });

  it('keeps a sub-task\'s deadline within its parent\'s, its weight within 1–100, and its id new', () => {
    expect(checkSubtaskSpecs([spec({ deadline: '2026-12-31' })], parent)[0].deadline).toBe('2026-12-31T16:59:59.000Z');
    expect(failureOf(() => checkSubtaskSpecs([spec(), spec({ taskId: 't-1.hb', deadline: '2027-01-01' })], parent)).details).toEqual([{ field: 'subtasks[1].deadline' }]);
    expect(failureOf(() => checkSubtaskSpecs([spec({ weight: 0 })], parent)).details).toEqual([{ field: 'subtasks[0].weight' }]);
    expect(failureOf(() => checkSubtaskSpecs([spec({ taskId: 't-1.xdd' })], parent)).details).toEqual([{ field: 'subtasks[0].taskId' }]);
    expect(failureOf(() => checkSubtaskSpecs([spec({ leadOrg: 'BS-TL-DU' })], parent)).details).toEqual([{ field: 'subtasks[0].leadOrg' }]);
    expect(failureOf(() => checkSubtaskSpecs([spec({ priority: 'constructor' as 'normal' })], parent)).details).toEqual([{ field: 'subtasks[0].priority' }]);
    expect(failureOf(() => checkSubtaskSpecs([], parent)).details).toEqual([{ field: 'subtasks' }]);
  });

  it('asks for an extension only to a later deadline', () => {
    expect(checkExtensionAsk({ until: '2027-01-15', reason: 'Chờ số liệu' }, parent.deadline)).toBe('2027-01-15T16:59:59.000Z');
    expect(failureOf(() => checkExtensionAsk({ until: '2026-12-31', reason: 'Chờ số liệu' }, parent.deadline)).details).toEqual([{ field: 'until' }]);
  });
});

describe('the snapshot every tracking event carries', () => {
  const input: TaskInput = {
    taskId: 't-1', kind: 'task', title: 'Triển khai', source: { documentId: 'd-1', notation: '12-NQ/TU', type: 'NQ' }, assignerOrg: 'BS-TU', assignedBy: 'bs-specialist',
    leadOrg: 'BS-TL-DU', cooperating: [], deadline: parent.deadline, priority: 'high', parentTaskId: 't-0', rootTaskId: 't-0', depth: 1, weight: 30, assignedAt: '2026-12-01T02:00:00.000Z',
  };
  const state: TaskState = { taskId: 't-1', status: 'in_progress', seq: 4, progress: 40, leadOrg: 'BS-TL-DU', cooperating: ['BS-HB-DU'], deadline: parent.deadline, subtasks: [], reminded: false, escalated: false };

  it('meets the published contract, absent fields left out rather than null', () => {
    const data = { ...taskSnapshot(input, state, { actor: 'tl-specialist', note: 'Đang làm' }), evidence: [] };
    expect(checkEvent({ id: 't-1:4', type: 'tracking.task-progress-reported', version: 1, occurredAt: '2026-12-02T00:00:00.000Z', source: 'tracking', subject: 't-1', data })).toEqual({ ok: true });
    expect(Object.values(data)).not.toContain(undefined);
    expect(data).toMatchObject({ sourceDocumentId: 'd-1', documentType: 'NQ', leadOrg: 'BS-TL-DU', cooperating: ['BS-HB-DU'], parentTaskId: 't-0', depth: 1, weight: 30 });
    expect(data).not.toHaveProperty('clause');
    expect(data).not.toHaveProperty('submittedAt');
  });

  it('gives the parent what its roll-up needs', () => {
    expect(subtaskSummary(input, state)).toEqual({ taskId: 't-1', leadOrg: 'BS-TL-DU', status: 'in_progress', progress: 40, weight: 30, deadline: parent.deadline });
  });
});

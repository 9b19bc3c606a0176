import { WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { DEMO_ORGANISATIONS, Problem, TASK_ERRORS } from '@vanthu/shared';
import { checkAssigner, checkOrganisations, checkSource } from '../../src/app/assignment-checks';
import { checkRecurrence, parseDeadline } from '../../src/app/deadlines';
import { toProblem } from '../../src/app/failures';
import { canSee } from '../../src/app/task-access';
import { derivedTaskId, randomTaskId, TASK_ID } from '../../src/app/task-ids';
import { OrgTree } from '../../src/directory/org-tree';
import type { SourceRecord } from '../../src/store/task-record';

const tree = new OrgTree(DEMO_ORGANISATIONS.map(({ code, name, level, parent }) => ({ code, name, level, ...(parent && { parent }) })));
const NOW = new Date('2026-12-01T03:00:00.000Z');

function problemOf(run: () => unknown): Pick<Problem, 'status' | 'reason' | 'field'> {
  try {
    run();
  } catch (error) {
    if (error instanceof Problem) return { status: error.status, reason: error.reason, ...(error.field !== undefined && { field: error.field }) };
    throw error;
  }
  throw new Error('no problem was thrown');
}

describe('deadlines', () => {
  it('reads a date as the end of that day in Vietnam, and a date-time by its offset, as UTC instants', () => {
    expect(parseDeadline('2026-12-31', 'deadline', NOW)).toBe('2026-12-31T16:59:59.000Z');
    expect(parseDeadline('2026-12-31T08:00:00+07:00', 'deadline', NOW)).toBe('2026-12-31T01:00:00.000Z');
  });

  it.each([
    ['2026-11-30', 'deadline-in-past'],
    ['2026-12-01T09:59:59+07:00', 'deadline-in-past'],
    ['2027-02-30', 'invalid-date'],
  ])('refuses %s as %s', (value, reason) => {
    expect(problemOf(() => parseDeadline(value, 'subtasks.1.deadline', NOW))).toEqual({ status: 422, reason, field: 'subtasks.1.deadline' });
  });

  it("takes today's date until the day is over in Vietnam", () => {
    expect(parseDeadline('2026-12-01', 'deadline', NOW)).toBe('2026-12-01T16:59:59.000Z');
  });

  it('holds a recurrence to a term and to its order', () => {
    expect(() => checkRecurrence({ frequency: 'quarterly', from: '2027-01-01', until: '2032-12-31' }, NOW)).not.toThrow();
    expect(problemOf(() => checkRecurrence({ frequency: 'yearly', from: '2027-01-01', until: '2033-01-02' }, NOW))).toMatchObject({ reason: 'recurrence-too-long', field: 'recurrence.until' });
    expect(problemOf(() => checkRecurrence({ frequency: 'monthly', from: '2027-05-01', until: '2027-04-30' }, NOW))).toMatchObject({ reason: 'recurrence-until-before-from' });
    expect(problemOf(() => checkRecurrence({ frequency: 'monthly', from: '2025-01-01', until: '2025-12-31' }, NOW))).toMatchObject({ reason: 'deadline-in-past' });
  });
});

describe('who assigns what to whom', () => {
  const source: SourceRecord = { _id: 'doc-1', issuer: 'BS-TU', type: 'NQ', notation: '12-NQ/TU', number: 12, secrecy: 'none', issuedAt: '2026-11-20T03:00:00.000Z' };

  it('takes an issued, non-secret document of a trackable type, from its issuer', () => {
    expect(checkSource(source, 'doc-1')).toBe(source);
    expect(() => checkAssigner({ userId: 'bs-clerk', orgCode: 'BS-TU', role: 'clerk' }, source)).not.toThrow();
    expect(problemOf(() => checkSource(null, 'doc-2'))).toEqual({ status: 422, reason: 'unknown-source', field: 'sourceDocumentId' });
    expect(problemOf(() => checkSource({ ...source, secrecy: 'mat' }, 'doc-1'))).toMatchObject({ reason: 'secret-source' });
    expect(problemOf(() => checkSource({ ...source, recalled: true }, 'doc-1'))).toMatchObject({ reason: 'recalled-source' });
    expect(problemOf(() => checkSource({ ...source, type: 'CV' }, 'doc-1'))).toMatchObject({ reason: 'untrackable-type' });
    expect(problemOf(() => checkAssigner({ userId: 'tl-secretary', orgCode: 'BS-TL-DU', role: 'leader' }, source))).toMatchObject({ status: 403 });
    expect(problemOf(() => checkAssigner({ userId: 'bs-admin', orgCode: 'BS-TU', role: 'admin' }, source))).toMatchObject({ status: 403 });
  });

  it('gives tasks only downwards, to organisations the directory knows', () => {
    expect(() => checkOrganisations(tree, { leadOrg: 'BS-TL-VP', cooperating: ['BS-HB-DU'] }, 'BS-TU')).not.toThrow();
    expect(problemOf(() => checkOrganisations(tree, { leadOrg: 'BS-TU' }, 'BS-TU'))).toMatchObject({ reason: 'outside-hierarchy', field: 'leadOrg' });
    expect(problemOf(() => checkOrganisations(tree, { leadOrg: 'BS-HB-DU' }, 'BS-TL-DU'))).toMatchObject({ reason: 'outside-hierarchy' });
    expect(problemOf(() => checkOrganisations(tree, { leadOrg: 'BS-TL-VP', cooperating: ['XX'] }, 'BS-TL-DU', 'subtasks.3.'))).toMatchObject({
      reason: 'unknown-organisation',
      field: 'subtasks.3.cooperating.0',
    });
    expect(problemOf(() => checkOrganisations(tree, { leadOrg: 'BS-TL-DU', cooperating: ['BS-TL-DU'] }, 'BS-TU'))).toMatchObject({ reason: 'lead-also-cooperating' });
  });

  it('shows a task to its assigner, lead, cooperating organisations and those above the lead only', () => {
    const task = { assignerOrg: 'BS-TL-DU', leadOrg: 'BS-TL-VP', cooperating: ['BS-TL-XDD'] };
    const seen = (org: string) => canSee({ userId: 'u', orgCode: org, role: 'clerk' }, task, tree);
    expect(['BS-TL-DU', 'BS-TL-VP', 'BS-TL-XDD', 'BS-TU', 'TW'].map(seen)).toEqual([true, true, true, true, true]);
    expect(seen('BS-HB-DU')).toBe(false);
  });
});

describe('task ids', () => {
  it('are random, or the same for the same organisation and key', () => {
    const ids = new Set(Array.from({ length: 200 }, randomTaskId));
    expect(ids.size).toBe(200);
    for (const id of ids) expect(id).toMatch(TASK_ID);
    expect(derivedTaskId('BS-TU', 'k-1')).toBe(derivedTaskId('BS-TU', 'k-1'));
    expect(derivedTaskId('BS-TU', 'k-1')).toMatch(TASK_ID);
    expect(derivedTaskId('BS-TU', 'k-1')).not.toBe(derivedTaskId('BS-HB-DU', 'k-1'));
    expect(derivedTaskId('BS-TU', 'k-1', 'T1', '0')).not.toBe(derivedTaskId('BS-TU', 'k-1', 'T1', '1'));
  });
});

describe("the workflow's refusals as problems", () => {
  const refused = (type: string, field?: string) =>
    new WorkflowUpdateFailedError('refused', ApplicationFailure.create({ type, message: 'no', nonRetryable: true, ...(field && { details: [{ field }] }) }));

  it.each([
    [TASK_ERRORS.forbidden, undefined, 403, 'forbidden', undefined],
    [TASK_ERRORS.invalidTransition, undefined, 409, 'invalid-transition', 'status'],
    [TASK_ERRORS.subtasksOpen, undefined, 409, 'subtasks-open', 'status'],
    [TASK_ERRORS.invalidInput, 'subtasks[2].deadline', 422, 'invalid-input', 'subtasks.2.deadline'],
  ])('%s becomes %s %s', (type, detailField, status, reason, field) => {
    const problem = toProblem(refused(type, detailField), 'T1') as Problem;
    expect({ status: problem.status, reason: problem.reason, field: problem.field }).toEqual({ status, reason, field });
  });

  it('leaves other errors to the generic handler', () => {
    const error = new Error('connection lost');
    expect(toProblem(error, 'T1')).toBe(error);
  });
});

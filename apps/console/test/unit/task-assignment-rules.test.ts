import type { TFunction } from 'i18next';
import { TASK_ROLES, TRACKABLE_DOCUMENT_TYPES } from '@vanthu/shared';
import type { components } from '../../web/src/api/generated/intake';
import { ASSIGNING_ROLES, taskAccessOf, TRACKABLE_TYPES } from '../../web/src/pages/document/document-steps';
import { checkNewTask, EMPTY_TASK, newTaskOf, type NewTaskValues } from '../../web/src/pages/my-work/new-task-values';

type DocumentView = components['schemas']['DocumentView'];

/** The key itself stands for the text: what is checked is which message is chosen. */
const t = ((key: string) => key) as unknown as TFunction;

describe('who sees and assigns the tasks of a document on its page', () => {
  const doc = (over: Partial<DocumentView>): DocumentView => ({ id: 'doc-1', type: 'NQ', status: 'distributed', issuer: 'BS-TU', secrecy: 'none', ...over }) as DocumentView;
  const who = (role: 'clerk' | 'specialist' | 'leader' | 'admin' | 'archivist', org = 'BS-TU') => ({ userId: 'someone', role, org });

  it("holds the console to tracking's own rules (packages/shared), which decide again", () => {
    expect([...TRACKABLE_TYPES].sort()).toEqual([...TRACKABLE_DOCUMENT_TYPES].sort());
    expect([...ASSIGNING_ROLES].sort()).toEqual([...TASK_ROLES.assigner].sort());
  });

  it("lets the issuer's leaders, specialists and clerks assign from an issued, trackable, open document", () => {
    for (const status of ['issued', 'distributed', 'archived'] as const) {
      expect(['leader', 'specialist', 'clerk'].map((role) => taskAccessOf(doc({ status }), who(role as 'clerk')))).toEqual(['assign', 'assign', 'assign']);
    }
  });

  it('shows a recalled document its tasks without assigning more, and nothing before issue', () => {
    expect(taskAccessOf(doc({ status: 'recalled' }), who('clerk'))).toBe('follow');
    for (const status of ['draft', 'in_review', 'signing', 'rejected'] as const) expect(taskAccessOf(doc({ status }), who('clerk'))).toBe('none');
  });

  it('shows nothing to another organisation, another role, a secret document or a type that assigns no tasks', () => {
    expect(taskAccessOf(doc({}), who('clerk', 'BS-TL-DU'))).toBe('none');
    expect(taskAccessOf(doc({}), who('admin'))).toBe('none');
    expect(taskAccessOf(doc({}), who('archivist'))).toBe('none');
    expect(taskAccessOf(doc({ secrecy: 'mat' }), who('leader'))).toBe('none');
    expect(taskAccessOf(doc({ type: 'CV' }), who('leader'))).toBe('none');
  });
});

describe("the assigning form's own checks", () => {
  const today = '2026-12-04';
  const complete: NewTaskValues = { ...EMPTY_TASK, title: ' Quán triệt Nghị quyết ', clause: ' Mục III.1 ', leadOrg: 'BS-TL-DU', deadline: '2027-01-03' };

  it('names every missing input in plain words, and nothing for a complete task', () => {
    expect(checkNewTask(EMPTY_TASK, today, t)).toEqual({
      title: 'assignTask.titleRequired',
      leadOrg: 'assignTask.leadOrgRequired',
      deadline: 'assignTask.deadlineRequired',
    });
    expect(checkNewTask(complete, today, t)).toEqual({});
    expect(checkNewTask({ ...complete, deadline: '2026-12-04' }, today, t)).toEqual({});
    expect(checkNewTask({ ...complete, deadline: '2026-12-03' }, today, t)).toEqual({ deadline: 'assignTask.deadlinePast' });
  });

  it("checks a periodic report's days as tracking does, under the service's field names", () => {
    const recurring: NewTaskValues = { ...complete, kind: 'recurring', deadline: '' };
    expect(checkNewTask(recurring, today, t)).toEqual({ 'recurrence.from': 'assignTask.fromRequired', 'recurrence.until': 'assignTask.untilRequired' });
    expect(checkNewTask({ ...recurring, from: '2027-01-01', until: '2026-12-31' }, today, t)).toEqual({ 'recurrence.until': 'assignTask.untilBeforeFrom' });
    expect(checkNewTask({ ...recurring, from: '2026-01-01', until: '2026-12-01' }, today, t)).toEqual({ 'recurrence.until': 'assignTask.untilPast' });
    expect(checkNewTask({ ...recurring, from: '2026-01-01', until: '2032-01-01' }, today, t)).toEqual({});
    expect(checkNewTask({ ...recurring, from: '2026-01-01', until: '2032-01-02' }, today, t)).toEqual({ 'recurrence.until': 'assignTask.tooLong' });
  });

  it('sends the task trimmed, blanks left out, the lead never also cooperating', () => {
    expect(newTaskOf({ ...complete, cooperating: ['BS-TL-DU', 'BS-HB-DU'], priority: 'high' }, 'doc-1')).toEqual({
      sourceDocumentId: 'doc-1',
      title: 'Quán triệt Nghị quyết',
      clause: 'Mục III.1',
      leadOrg: 'BS-TL-DU',
      cooperating: ['BS-HB-DU'],
      deadline: '2027-01-03',
      priority: 'high',
    });
    expect(newTaskOf({ ...complete, clause: '  ', kind: 'recurring', frequency: 'monthly', from: '2027-01-01', until: '2027-12-31' }, 'doc-1')).toEqual({
      sourceDocumentId: 'doc-1',
      title: 'Quán triệt Nghị quyết',
      leadOrg: 'BS-TL-DU',
      recurrence: { frequency: 'monthly', from: '2027-01-01', until: '2027-12-31' },
      priority: 'normal',
    });
  });
});

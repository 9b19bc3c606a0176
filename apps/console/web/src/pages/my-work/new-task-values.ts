import type { TFunction } from 'i18next';
import type { components } from '../../api/generated/tracking';

type NewTask = components['schemas']['NewTask'];
export type TaskPriority = components['schemas']['TaskPriority'];
export type Frequency = components['schemas']['Recurrence']['frequency'];

export const PRIORITIES: readonly TaskPriority[] = ['normal', 'high', 'urgent'];
export const FREQUENCIES: readonly Frequency[] = ['monthly', 'quarterly', 'yearly'];

/** What the assigning form holds: a task with a deadline, or a report due every period until a day. */
export interface NewTaskValues {
  title: string;
  clause: string;
  leadOrg: string | null;
  cooperating: string[];
  kind: 'deadline' | 'recurring';
  deadline: string;
  frequency: Frequency;
  from: string;
  until: string;
  priority: TaskPriority;
}

export const EMPTY_TASK: NewTaskValues = {
  title: '',
  clause: '',
  leadOrg: null,
  cooperating: [],
  kind: 'deadline',
  deadline: '',
  frequency: 'quarterly',
  from: '',
  until: '',
  priority: 'normal',
};

/** The form's inputs, named as the service names them in a problem's `field`. */
export const NEW_TASK_INPUTS = ['title', 'clause', 'leadOrg', 'cooperating', 'deadline', 'recurrence.from', 'recurrence.until', 'priority'] as const;
export type NewTaskInput = (typeof NEW_TASK_INPUTS)[number];

/** A recurrence lasts at most a committee's term (MAX_RECURRENCE_YEARS in services/tracking/src/app/deadlines.ts). */
const MAX_RECURRENCE_YEARS = 6;
const yearsAfter = (day: string, years: number) => `${String(Number(day.slice(0, 4)) + years).padStart(4, '0')}${day.slice(4)}`;

/**
 * The form's own checks, in plain words, before anything is sent (`today` is Vietnam's, YYYY-MM-DD);
 * the service checks again and its problem shows beside the input it names.
 */
export function checkNewTask(values: NewTaskValues, today: string, t: TFunction): Partial<Record<NewTaskInput, string>> {
  const found: Partial<Record<NewTaskInput, string>> = {};
  if (values.title.trim() === '') found.title = t('assignTask.titleRequired');
  if (!values.leadOrg) found.leadOrg = t('assignTask.leadOrgRequired');
  if (values.kind === 'deadline') {
    if (values.deadline === '') found.deadline = t('assignTask.deadlineRequired');
    else if (values.deadline < today) found.deadline = t('assignTask.deadlinePast');
  } else {
    if (values.from === '') found['recurrence.from'] = t('assignTask.fromRequired');
    if (values.until === '') found['recurrence.until'] = t('assignTask.untilRequired');
    else if (values.until < today) found['recurrence.until'] = t('assignTask.untilPast');
    else if (values.from !== '' && values.until < values.from) found['recurrence.until'] = t('assignTask.untilBeforeFrom');
    else if (values.from !== '' && values.until > yearsAfter(values.from, MAX_RECURRENCE_YEARS)) {
      found['recurrence.until'] = t('assignTask.tooLong', { years: MAX_RECURRENCE_YEARS });
    }
  }
  return found;
}

/** The request for a checked form: the lead is not also among those cooperating, blanks are left out. */
export function newTaskOf(values: NewTaskValues, sourceDocumentId: string): NewTask {
  const cooperating = values.cooperating.filter((org) => org !== values.leadOrg);
  return {
    sourceDocumentId,
    title: values.title.trim(),
    ...(values.clause.trim() !== '' && { clause: values.clause.trim() }),
    leadOrg: values.leadOrg!,
    ...(cooperating.length > 0 && { cooperating }),
    ...(values.kind === 'deadline' ? { deadline: values.deadline } : { recurrence: { frequency: values.frequency, from: values.from, until: values.until } }),
    priority: values.priority,
  };
}

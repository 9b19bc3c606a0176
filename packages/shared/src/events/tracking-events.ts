import { DOCUMENT_TYPE_CODES } from '../contracts/documents';
import { TOPICS } from '../contracts/topics';
import type { DomainEvent } from '../contracts/events';
import { TASK_KINDS, TASK_PRIORITY_CODES, TASK_STATUSES, type TaskTransitionInput } from '../contracts/tracking';
import { array, int, object, oneOf, sha256, str, timestamp, type Schema } from './json-schema';
import { defineEvent } from './event-spec';

/*
 * Implementation tasks, as the tracking service's outbox writes them for the task workflows
 * (services/tracking). Every event carries the task's whole snapshot — organisations, deadline,
 * status, progress — so a consumer (notify, the figures projection, other systems) needs no lookup
 * and can rebuild its view from any one event of a task: the one with the highest `seq` wins.
 * Tasks are assigned only from non-secret documents, so titles and notes may travel.
 */

const orgList = (description: string) => array(str('Organisation code.'), description);

const snapshot = {
  taskId: str('The task, also the Kafka key.', { minLength: 1 }),
  seq: int('Position of this change in the task\'s history, from 1; with taskId it identifies the event.', 1),
  kind: oneOf('`task` (one-off, with a deadline), `recurring` (a report each period; holds no deadline), `period` (one period\'s report of a recurring task).', TASK_KINDS),
  status: oneOf('The task\'s status after the change.', TASK_STATUSES),
  title: str('What is to be done.'),
  clause: str('The clause of the source document it implements, e.g. `Mục III.2`.'),
  sourceDocumentId: str('The issued document that assigned it (the root task\'s).'),
  sourceNotation: str('Its notation, e.g. `12-NQ/TU`.'),
  documentType: oneOf('Its type code.', DOCUMENT_TYPE_CODES),
  assignerOrg: str('Code of the organisation that assigned the task.'),
  assignedBy: str('User id of the person who assigned it.'),
  leadOrg: str('Code of the organisation that leads it (chủ trì).'),
  cooperating: orgList('Organisations that cooperate (phối hợp).'),
  parentTaskId: str('The task it was split from, or the recurring task a period belongs to.'),
  rootTaskId: str('The task assigned from the document, at the top of this tree.'),
  depth: int('0 for a task assigned from a document, the parent\'s + 1 below.'),
  priority: oneOf('normal, high or urgent: how early the reminder comes.', TASK_PRIORITY_CODES),
  weight: int('Its share of its parent\'s progress (1–100).', 1),
  deadline: timestamp('When it is due, after any extension (absent on a recurring task).'),
  originalDeadline: timestamp('The deadline first set, before any extension.'),
  period: str('A period task\'s period: `2026-12`, `2026-Q4` or `2026`.'),
  progress: int('0–100: reported, or rolled up from its sub-tasks (docs/tracking.md).'),
  submittedAt: timestamp('When the result now submitted or accepted was submitted.'),
  completedAt: timestamp('When the accepted result was submitted: decides on time or late.'),
  assignedAt: timestamp('When it was assigned.'),
  actor: str('User id of the person who acted; absent when the system acted (timers, roll-up).'),
  note: str('Free text given with the action: a reason, a report\'s narrative, a comment.'),
};
const snapshotRequired = [
  'taskId',
  'seq',
  'kind',
  'status',
  'title',
  'sourceDocumentId',
  'sourceNotation',
  'documentType',
  'assignerOrg',
  'assignedBy',
  'leadOrg',
  'cooperating',
  'rootTaskId',
  'depth',
  'priority',
  'weight',
  'progress',
  'assignedAt',
] as const;

const evidence = array(
  object({ sha256: sha256('SHA-256 of the file.'), name: str('File name.'), contentType: str('Media type.'), size: int('Bytes.') }, ['sha256', 'name', 'contentType', 'size']),
  'Evidence files attached, in the blob store.',
);

function taskEvent<const A extends string, E extends Record<string, Schema> = Record<never, Schema>, R extends keyof (typeof snapshot & E) & string = never>(
  action: A,
  summary: string,
  extra: E = {} as E,
  required: readonly R[] = [],
) {
  return defineEvent({
    type: `tracking.task-${action}`,
    version: 1,
    topic: TOPICS.trackingEvents.name,
    key: 'taskId',
    summary,
    data: object({ ...snapshot, ...extra }, [...snapshotRequired, ...required]),
  });
}

const extensionUntil = timestamp('The deadline asked for.');

export const TRACKING_EVENTS = [
  taskEvent('assigned', 'A task was assigned to its lead organisation (from a document, as a sub-task, or as a period of a recurring task).'),
  taskEvent('accepted', 'The lead organisation accepted the task.'),
  taskEvent('refused', 'The lead organisation refused the task (reason in `note`); it is back with the assigner.'),
  taskEvent('reassigned', 'The assigner gave a refused task to another lead organisation.', { previousLeadOrg: str('The organisation that refused it.') }, ['previousLeadOrg']),
  taskEvent('split', 'The lead organisation split the task into sub-tasks for organisations below it.', { subtaskIds: array(str('Task id.'), 'The sub-tasks added.') }, ['subtaskIds']),
  taskEvent('progress-reported', 'The lead organisation reported progress (narrative in `note`).', { evidence, documentRef: str('A document the report refers to.') }, ['evidence']),
  taskEvent('progress-rolled-up', 'A sub-task changed, and with it the task\'s rolled-up progress.', { subtaskId: str('The sub-task that changed.') }, ['subtaskId']),
  taskEvent('submitted', 'The lead organisation submitted the task as done (report in `note`).', { evidence, documentRef: str('A document the report refers to.') }, ['evidence', 'submittedAt']),
  taskEvent('returned', 'The assigner returned the submitted result (reason in `note`); the task is in progress again.'),
  taskEvent('completed', 'The assigner accepted the result: the task is done.', {}, ['completedAt']),
  taskEvent('cancelled', 'The assigner withdrew the task (reason in `note`).'),
  taskEvent('extension-requested', 'The lead organisation asked for a later deadline (reason in `note`).', { extensionUntil }, ['extensionUntil']),
  taskEvent('extension-granted', 'The assigner granted the extension: `deadline` is the new one.', { extensionUntil }, ['extensionUntil']),
  taskEvent('extension-refused', 'The assigner refused the extension (reason in `note`).', { extensionUntil }, ['extensionUntil']),
  taskEvent('deadline-approaching', 'The deadline is near and the task is not done: a reminder to the lead organisation.'),
  taskEvent('overdue', 'The deadline passed and the task is not done: escalated to the lead organisation\'s leaders and the assigner.'),
];

/**
 * The transition's event: its id is the transition's key (`<taskId>:<seq>`), so a retried
 * activity cannot mint a second one. The workflow gives the snapshot in `data`; the fields that
 * identify the transition are stated here, from the input itself, so the two cannot disagree.
 */
export function taskTransitionEvent(input: TaskTransitionInput): DomainEvent {
  return {
    id: `${input.taskId}:${input.seq}`,
    type: `tracking.task-${input.action}`,
    version: 1,
    occurredAt: input.at,
    source: 'tracking',
    subject: input.taskId,
    data: {
      ...input.data,
      taskId: input.taskId,
      seq: input.seq,
      status: input.status,
      ...(input.actor !== undefined && { actor: input.actor }),
      ...(input.note !== undefined && { note: input.note }),
    },
  };
}

import type { DocumentType, Role } from './documents';

/*
 * Implementation tracking (docs/tracking.md): the tasks an issued resolution, directive, conclusion,
 * plan, programme or notice assigns, one Temporal workflow each. Deterministic; safe in workflow code.
 */

/**
 * The document types whose issuance may assign tasks, as policy data: Nghị quyết, Chỉ thị, Kết
 * luận, Kế hoạch, Chương trình, Thông báo (MISSION.md). A change of rules is a change of this list.
 */
export const TRACKABLE_DOCUMENT_TYPES: readonly DocumentType[] = ['NQ', 'CT', 'KL', 'KH', 'CTr', 'TB'];

/**
 * assigned → accepted (or refused, back to the assigner, who reassigns or cancels) → in_progress
 * (the first progress report) → submitted → done (the assigner accepts the result) or back to
 * in_progress (returned with a reason). `cancelled` is the assigner withdrawing the task.
 */
export const TASK_STATUSES = ['assigned', 'accepted', 'refused', 'in_progress', 'submitted', 'done', 'cancelled'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];
export const FINAL_TASK_STATUSES: readonly TaskStatus[] = ['done', 'cancelled'];
export const isFinalTaskStatus = (status: TaskStatus) => FINAL_TASK_STATUSES.includes(status);

/**
 * `task`: a one-off task with a deadline. `recurring`: a report each month, quarter or year until a
 * date; it holds no deadline of its own and opens one `period` task per period (its children),
 * which are the obligations counted in the figures.
 */
export const TASK_KINDS = ['task', 'recurring', 'period'] as const;
export type TaskKind = (typeof TASK_KINDS)[number];

export const RECURRENCE_FREQUENCIES = ['monthly', 'quarterly', 'yearly'] as const;
export type RecurrenceFrequency = (typeof RECURRENCE_FREQUENCIES)[number];

export interface Recurrence {
  frequency: RecurrenceFrequency;
  /** First period: the one containing this date (YYYY-MM-DD, Vietnam time). */
  from: string;
  /** Last period: the one containing this date (YYYY-MM-DD); a committee's term at most. */
  until: string;
  /** Day of the period's last month the report is due by (end of that day, Vietnam time); absent: its last day. */
  dueDay?: number;
}

/** How long before the deadline the lead organisation is reminded, by priority (Temporal durations). */
export const TASK_PRIORITIES = {
  normal: { remindBefore: '7 days' },
  high: { remindBefore: '3 days' },
  urgent: { remindBefore: '1 day' },
} as const;
export type TaskPriority = keyof typeof TASK_PRIORITIES;
export const TASK_PRIORITY_CODES = Object.keys(TASK_PRIORITIES) as TaskPriority[];

/** Who may act on which side of a task: members of the lead organisation, and of the assigning one. */
export const TASK_ROLES: { lead: readonly Role[]; assigner: readonly Role[] } = {
  lead: ['leader', 'specialist', 'clerk'],
  assigner: ['leader', 'specialist', 'clerk'],
};

/** Typed failures of the task workflow's Updates; the API maps each to its problem+json. */
export const TASK_ERRORS = {
  invalidTransition: 'TaskInvalidTransition',
  forbidden: 'TaskForbidden',
  subtasksOpen: 'TaskSubtasksOpen',
  invalidInput: 'TaskInvalidInput',
} as const;

/** The document a task implements, as the tracking service learnt it from `document.issued`. */
export interface TaskSource {
  documentId: string;
  notation: string;
  type: DocumentType;
}

/** A piece of evidence attached to a report: a blob in the shared store. */
export interface EvidenceRef {
  sha256: string;
  size: number;
  contentType: string;
  name: string;
}

/** A report as the task's record keeps it: a progress report or the result submitted. */
export interface TaskReport {
  seq: number;
  at: string;
  by: string;
  kind: 'progress' | 'submission';
  percent: number;
  narrative: string;
  evidence: EvidenceRef[];
  documentRef?: string;
}

export interface ProgressReport {
  /** 0–100; ignored for a task with sub-tasks, whose progress is rolled up from them. */
  percent: number;
  narrative: string;
  evidence: EvidenceRef[];
  /** A document that reports or implements it (e.g. the commune's own plan). */
  documentRef?: string;
}

export interface SubtaskSpec {
  taskId: string;
  title: string;
  clause?: string;
  leadOrg: string;
  cooperating: string[];
  /** ISO 8601 instant; not later than the parent's deadline. */
  deadline: string;
  priority: TaskPriority;
  /** Share of the parent's progress (1–100). */
  weight: number;
}

export interface TaskInput {
  taskId: string;
  kind: TaskKind;
  title: string;
  clause?: string;
  source: TaskSource;
  assignerOrg: string;
  /** The user who assigned it: escalations reach them. */
  assignedBy: string;
  leadOrg: string;
  cooperating: string[];
  /** ISO 8601 instant (a date is the end of that day, Vietnam time); absent for `recurring`. */
  deadline?: string;
  recurrence?: Recurrence;
  /** `period` tasks: the period's key, e.g. `2026-12`, `2026-Q4`, `2026`. */
  period?: string;
  priority: TaskPriority;
  parentTaskId?: string;
  rootTaskId: string;
  /** 0 for a task assigned from a document, parent's + 1 for a sub-task. */
  depth: number;
  weight: number;
  assignedAt: string;
  /** A `period` task starts accepted: the recurring task it belongs to was accepted once. */
  initialStatus?: TaskStatus;
  /** Carried by continue-as-new (recurring tasks); absent on the first run. */
  carried?: TaskCarried;
}

/** What a recurring task keeps from one run to the next (continue-as-new). */
export interface TaskCarried {
  state: TaskState;
  /** Index of the next period to open. */
  nextPeriod: number;
}

/** A child's summary as its parent keeps it for the roll-up. */
export interface SubtaskSummary {
  taskId: string;
  leadOrg: string;
  status: TaskStatus;
  progress: number;
  weight: number;
  deadline?: string;
  period?: string;
  completedAt?: string;
}

export interface ExtensionRequest {
  until: string;
  reason: string;
  requestedBy: string;
  requestedAt: string;
}

export interface TaskState {
  taskId: string;
  status: TaskStatus;
  seq: number;
  /** 0–100: reported, or rolled up from sub-tasks (weighted mean; docs/tracking.md). */
  progress: number;
  leadOrg: string;
  cooperating: string[];
  deadline?: string;
  /** The deadline first set, before any extension. */
  originalDeadline?: string;
  pendingExtension?: ExtensionRequest;
  /** When the accepted result was submitted: what decides on time or late. */
  completedAt?: string;
  submittedAt?: string;
  subtasks: SubtaskSummary[];
  reminded: boolean;
  escalated: boolean;
}

/** From a sub-task (or a period) to its parent: its status or progress changed. */
export type SubtaskUpdate = SubtaskSummary;

/** What the task workflow's one activity records: the task's record and the event, once. */
export interface TaskTransitionInput {
  taskId: string;
  seq: number;
  /** The event type's suffix: `assigned`, `accepted`, `progress-reported`, ... (`tracking.task-<action>`). */
  action: string;
  status: TaskStatus;
  at: string;
  actor?: string;
  note?: string;
  /** Fields set on the task's record. */
  patch: Record<string, unknown>;
  /** The event's `data`: the task's whole snapshot and the event's own fields (see events/tracking-events.ts). */
  data: Record<string, unknown>;
  /** The full task input, on the first transition only: the record is created from it. */
  create?: TaskInput;
  /** A report to append to the record's reports. */
  report?: TaskReport;
}

export interface TrackingActivities {
  recordTaskTransition(input: TaskTransitionInput): Promise<void>;
}

import type { EvidenceRef, Principal, Recurrence, TaskPriority, TaskStatus } from '@vanthu/shared';
import type { TaskRecord } from '../store/task-record';

export type { Principal };

/** A task as the API answers it: its record, with `id` for `_id`. */
export type TaskView = Omit<TaskRecord, '_id'> & { id: string };

/** `POST /v1/tasks`, as the validator let it through. */
export interface NewTask {
  sourceDocumentId: string;
  title: string;
  clause?: string;
  leadOrg: string;
  cooperating?: string[];
  /** `YYYY-MM-DD` (the end of that day, Vietnam time) or a date-time with an offset. */
  deadline?: string;
  recurrence?: Recurrence;
  priority?: TaskPriority;
}

export interface NewSubtask {
  title: string;
  clause?: string;
  leadOrg: string;
  cooperating?: string[];
  deadline: string;
  priority?: TaskPriority;
  weight?: number;
}

export interface ReportInput {
  percent: number;
  narrative: string;
  /** SHA-256 of files uploaded for this task beforehand. */
  evidence?: string[];
  documentRef?: string;
}

export interface SubmissionInput {
  narrative: string;
  evidence?: string[];
  documentRef?: string;
}

export const TASK_LIST_ROLES = ['assigned', 'lead', 'cooperating'] as const;
export type TaskListRole = (typeof TASK_LIST_ROLES)[number];

export interface TaskFilter {
  /** Which relation of the caller's organisation to the task; all three when absent. */
  role?: TaskListRole;
  status?: TaskStatus;
  sourceDocumentId?: string;
  leadOrg?: string;
  cursor?: string;
  limit: number;
}

export interface TaskPage {
  items: TaskView[];
  /** Present when more follow: pass it as `cursor` for the next page. */
  nextCursor?: string;
}

/** A file in the request's body: read (within the size limit) only once the caller may attach it. */
export interface EvidenceUpload {
  name: string;
  contentType: string;
  read(): Promise<Buffer>;
}

export interface EvidenceContent extends EvidenceRef {
  data: Buffer;
}

/** What a creation answered: `created` false when an Idempotency-Key found the task a first call made. */
export interface Creation<T> {
  created: boolean;
  value: T;
}

/**
 * Everything the HTTP API asks of the tracking service. Each call is the caller's, checked here.
 * A step sent again under its first call's Idempotency-Key gets that call's outcome, not a second
 * step (a progress report twice in the history, as a chaos run once found).
 */
export interface TrackingApplication {
  createTask(p: Principal, input: NewTask, idempotencyKey?: string): Promise<Creation<TaskView>>;
  listTasks(p: Principal, filter: TaskFilter): Promise<TaskPage>;
  getTask(p: Principal, id: string): Promise<TaskView>;
  accept(p: Principal, id: string, idempotencyKey?: string): Promise<TaskView>;
  refuse(p: Principal, id: string, reason: string, idempotencyKey?: string): Promise<TaskView>;
  reassign(p: Principal, id: string, leadOrg: string, cooperating?: string[], idempotencyKey?: string): Promise<TaskView>;
  report(p: Principal, id: string, report: ReportInput, idempotencyKey?: string): Promise<TaskView>;
  submit(p: Principal, id: string, submission: SubmissionInput, idempotencyKey?: string): Promise<TaskView>;
  acceptResult(p: Principal, id: string, comment?: string, idempotencyKey?: string): Promise<TaskView>;
  returnTask(p: Principal, id: string, reason: string, idempotencyKey?: string): Promise<TaskView>;
  requestExtension(p: Principal, id: string, until: string, reason: string, idempotencyKey?: string): Promise<TaskView>;
  decideExtension(p: Principal, id: string, grant: boolean, reason?: string, idempotencyKey?: string): Promise<TaskView>;
  addSubtasks(p: Principal, id: string, subtasks: NewSubtask[], idempotencyKey?: string): Promise<TaskView[]>;
  cancel(p: Principal, id: string, reason: string, idempotencyKey?: string): Promise<TaskView>;
  uploadEvidence(p: Principal, id: string, file: EvidenceUpload): Promise<EvidenceRef>;
  readEvidence(p: Principal, id: string, sha256: string): Promise<EvidenceContent>;
}

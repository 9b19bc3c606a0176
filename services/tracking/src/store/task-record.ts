import type { EvidenceRef, ExtensionRequest, SubtaskSummary, TaskInput, TaskReport, TaskSource, TaskStatus } from '@vanthu/shared';

/** One line of a task's history, as its record keeps it. */
export interface TaskHistoryEntry {
  seq: number;
  at: string;
  action: string;
  status: TaskStatus;
  actor?: string;
  note?: string;
}

/**
 * A task as the `tasks` collection keeps it (`_id` is the task id). Written only by the task
 * workflow's activity (activities/record-task-transition.ts), one transition at a time, so each
 * record has one writer; the API reads it.
 */
export interface TaskRecord extends Omit<TaskInput, 'taskId' | 'initialStatus' | 'carried'> {
  _id: string;
  originalDeadline?: string;
  status: TaskStatus;
  progress: number;
  seq: number;
  updatedAt: string;
  submittedAt?: string;
  completedAt?: string;
  pendingExtension?: ExtensionRequest | null;
  subtasks: SubtaskSummary[];
  reports: TaskReport[];
  history: TaskHistoryEntry[];
}

/** An evidence file uploaded for a task, before (or after) a report names it. `_id`: `<taskId>:<sha256>`. */
export interface EvidenceRecord extends EvidenceRef {
  _id: string;
  taskId: string;
  uploadedBy: string;
  org: string;
  at: string;
}

/** An issued document as tracking learnt it from `document.issued` (and `document.recalled`). `_id`: the document id. */
export interface SourceRecord {
  _id: string;
  issuer: string;
  type: TaskSource['type'];
  notation: string;
  number: number;
  secrecy: string;
  issuedAt: string;
  recalled?: boolean;
}

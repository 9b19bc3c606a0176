import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { Actor, EvidenceRef, ProgressReport, SubtaskSpec, SubtaskSummary, TaskState } from '@vanthu/shared/contracts';

/*
 * The messages the tracking API sends to a task's workflow, and those task workflows send each
 * other. Updates are validated before they are accepted (a typed failure, TASK_ERRORS, when
 * refused) and answer with the task's new state. Imported by the API through
 * '@vanthu/workflows/dist/tracking/definitions': nothing here may pull in workflow code.
 */

/** One workflow per task; the API, parents and children all address it by this id. */
export const taskWorkflowId = (taskId: string) => `task-${taskId}`;

/** The result the lead submits as done. */
export interface TaskSubmission {
  narrative: string;
  evidence: EvidenceRef[];
  documentRef?: string;
}

/** A refused task given to another lead organisation. */
export interface TaskReassignment {
  leadOrg: string;
  cooperating: string[];
}

export interface ExtensionAsk {
  /** The deadline asked for: an ISO 8601 instant (a date is the end of that day, Vietnam time). */
  until: string;
  reason: string;
}

export interface ExtensionDecision {
  grant: boolean;
  /** Required when the extension is refused. */
  reason?: string;
}

export const acceptTaskUpdate = defineUpdate<TaskState, [Actor]>('acceptTask');
export const refuseTaskUpdate = defineUpdate<TaskState, [Actor, string]>('refuseTask');
export const reassignTaskUpdate = defineUpdate<TaskState, [Actor, TaskReassignment]>('reassignTask');
export const reportProgressUpdate = defineUpdate<TaskState, [Actor, ProgressReport]>('reportProgress');
export const submitTaskUpdate = defineUpdate<TaskState, [Actor, TaskSubmission]>('submitTask');
export const acceptResultUpdate = defineUpdate<TaskState, [Actor, string | null]>('acceptResult');
export const returnTaskUpdate = defineUpdate<TaskState, [Actor, string]>('returnTask');
export const requestExtensionUpdate = defineUpdate<TaskState, [Actor, ExtensionAsk]>('requestExtension');
export const decideExtensionUpdate = defineUpdate<TaskState, [Actor, ExtensionDecision]>('decideExtension');
export const addSubtasksUpdate = defineUpdate<TaskState, [Actor, SubtaskSpec[]]>('addSubtasks');
export const cancelTaskUpdate = defineUpdate<TaskState, [Actor, string]>('cancelTask');

export const taskStateQuery = defineQuery<TaskState>('taskState');

/** From a sub-task or a period to its parent: its status, progress, lead or deadline changed. */
export const subtaskUpdateSignal = defineSignal<[SubtaskSummary]>('subtaskUpdate');
/** From a parent to its open sub-tasks and periods: the parent was cancelled (the reason), so are they. */
export const parentCancelledSignal = defineSignal<[string]>('parentCancelled');

import type { SubtaskSpec, TaskInput, TaskState } from '@vanthu/shared/contracts';
import type { TaskPeriod } from './periods';

/** A sub-task: the parent's source and tree, given by the parent's lead to an organisation below it. */
export function subtaskInput(parent: TaskInput, spec: SubtaskSpec, by: { assignerOrg: string; assignedBy: string; assignedAt: string }): TaskInput {
  return {
    taskId: spec.taskId,
    kind: 'task',
    title: spec.title,
    ...(spec.clause !== undefined && { clause: spec.clause }),
    source: parent.source,
    assignerOrg: by.assignerOrg,
    assignedBy: by.assignedBy,
    leadOrg: spec.leadOrg,
    cooperating: [...spec.cooperating],
    deadline: spec.deadline,
    priority: spec.priority,
    parentTaskId: parent.taskId,
    rootTaskId: parent.rootTaskId,
    depth: parent.depth + 1,
    weight: spec.weight,
    assignedAt: by.assignedAt,
  };
}

export const periodTaskId = (recurringTaskId: string, period: TaskPeriod) => `${recurringTaskId}.${period.key}`;

/** One period's report of a recurring task: due at the period's end, with the recurring task's lead. */
export function periodInput(recurring: TaskInput, state: Pick<TaskState, 'leadOrg' | 'cooperating'>, period: TaskPeriod, assignedAt: string): TaskInput {
  return {
    taskId: periodTaskId(recurring.taskId, period),
    kind: 'period',
    title: recurring.title,
    ...(recurring.clause !== undefined && { clause: recurring.clause }),
    source: recurring.source,
    assignerOrg: recurring.assignerOrg,
    assignedBy: recurring.assignedBy,
    leadOrg: state.leadOrg,
    cooperating: [...state.cooperating],
    deadline: period.due,
    period: period.key,
    priority: recurring.priority,
    parentTaskId: recurring.taskId,
    rootTaskId: recurring.rootTaskId,
    depth: recurring.depth + 1,
    weight: 1,
    assignedAt,
    // The recurring task was accepted once for all its periods.
    initialStatus: 'accepted',
  };
}

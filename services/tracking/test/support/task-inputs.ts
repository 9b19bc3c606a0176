import { randomUUID } from 'node:crypto';
import type { TaskInput, TaskStatus, TaskTransitionInput } from '@vanthu/shared';

/** A one-off task the province assigns a commune from its resolution; override what a test is about. */
export function sampleTaskInput(overrides: Partial<TaskInput> = {}): TaskInput {
  const taskId = overrides.taskId ?? `task-${randomUUID()}`;
  return {
    taskId,
    kind: 'task',
    title: 'Xây dựng kế hoạch triển khai chuyển đổi số',
    clause: 'Mục III.2',
    source: { documentId: `doc-${randomUUID()}`, notation: '12-NQ/TU', type: 'NQ' },
    assignerOrg: 'BS-TU',
    assignedBy: 'bs-specialist',
    leadOrg: 'BS-TL-DU',
    cooperating: ['BS-HB-DU'],
    deadline: '2026-12-31T16:59:59.999Z',
    priority: 'normal',
    rootTaskId: taskId,
    depth: 0,
    weight: 1,
    assignedAt: '2026-11-23T02:00:00.000Z',
    ...overrides,
  };
}

export interface TransitionOptions {
  seq: number;
  action: string;
  status: TaskStatus;
  at?: string;
  actor?: string;
  note?: string;
  progress?: number;
  patch?: Record<string, unknown>;
  /** The event's data beyond the snapshot. */
  extra?: Record<string, unknown>;
  create?: boolean;
  report?: TaskTransitionInput['report'];
}

/** A transition of `task` as the task workflow hands it to `recordTaskTransition`: the whole snapshot in `data`. */
export function transitionOf(task: TaskInput, options: TransitionOptions): TaskTransitionInput {
  const progress = options.progress ?? 0;
  return {
    taskId: task.taskId,
    seq: options.seq,
    action: options.action,
    status: options.status,
    at: options.at ?? task.assignedAt,
    ...(options.actor !== undefined && { actor: options.actor }),
    ...(options.note !== undefined && { note: options.note }),
    patch: { status: options.status, progress, ...options.patch },
    data: {
      kind: task.kind,
      title: task.title,
      ...(task.clause !== undefined && { clause: task.clause }),
      sourceDocumentId: task.source.documentId,
      sourceNotation: task.source.notation,
      documentType: task.source.type,
      assignerOrg: task.assignerOrg,
      assignedBy: task.assignedBy,
      leadOrg: task.leadOrg,
      cooperating: task.cooperating,
      ...(task.parentTaskId !== undefined && { parentTaskId: task.parentTaskId }),
      rootTaskId: task.rootTaskId,
      depth: task.depth,
      priority: task.priority,
      weight: task.weight,
      ...(task.deadline !== undefined && { deadline: task.deadline, originalDeadline: task.deadline }),
      ...(task.period !== undefined && { period: task.period }),
      progress,
      assignedAt: task.assignedAt,
      ...options.extra,
    },
    ...(options.create && { create: task }),
    ...(options.report && { report: options.report }),
  };
}

import type { EvidenceRef, SubtaskSummary, TaskInput, TaskState } from '@vanthu/shared/contracts';

/*
 * The fields every tracking.task-* event carries, so that notify, the figures projection and other
 * systems route and count without a lookup (packages/shared/src/events/tracking-events.ts). The
 * event schemas are closed: only these fields, and absent rather than null.
 */
export function taskSnapshot(input: TaskInput, state: TaskState, moment: { actor?: string; note?: string } = {}): Record<string, unknown> {
  return {
    taskId: input.taskId,
    seq: state.seq,
    kind: input.kind,
    status: state.status,
    title: input.title,
    ...(input.clause !== undefined && { clause: input.clause }),
    sourceDocumentId: input.source.documentId,
    sourceNotation: input.source.notation,
    documentType: input.source.type,
    assignerOrg: input.assignerOrg,
    assignedBy: input.assignedBy,
    leadOrg: state.leadOrg,
    cooperating: state.cooperating,
    ...(input.parentTaskId !== undefined && { parentTaskId: input.parentTaskId }),
    rootTaskId: input.rootTaskId,
    depth: input.depth,
    priority: input.priority,
    weight: input.weight,
    ...(state.deadline !== undefined && { deadline: state.deadline }),
    ...(state.originalDeadline !== undefined && { originalDeadline: state.originalDeadline }),
    ...(input.period !== undefined && { period: input.period }),
    progress: state.progress,
    ...(state.submittedAt !== undefined && { submittedAt: state.submittedAt }),
    ...(state.completedAt !== undefined && { completedAt: state.completedAt }),
    assignedAt: input.assignedAt,
    ...(moment.actor !== undefined && { actor: moment.actor }),
    ...(moment.note !== undefined && { note: moment.note }),
  };
}

/** What a task tells its parent about itself. */
export function subtaskSummary(input: TaskInput, state: TaskState): SubtaskSummary {
  return {
    taskId: input.taskId,
    leadOrg: state.leadOrg,
    status: state.status,
    progress: state.progress,
    weight: input.weight,
    ...(state.deadline !== undefined && { deadline: state.deadline }),
    ...(input.period !== undefined && { period: input.period }),
    ...(state.completedAt !== undefined && { completedAt: state.completedAt }),
  };
}

/** Evidence as the events describe it: exactly these four fields, whatever else a caller sent. */
export const evidenceOf = (evidence: EvidenceRef[]): EvidenceRef[] =>
  evidence.map(({ sha256, name, contentType, size }) => ({ sha256, name, contentType, size }));

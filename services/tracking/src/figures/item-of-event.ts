import type { DomainEvent, TaskEventType, TypedEvent } from '@vanthu/shared';
import type { FigureItem } from './figure-item';

/** A task's event, its data typed as the catalogue states it: on an event `checkEvent` passed. */
export const isTrackingEvent = (event: DomainEvent): event is DomainEvent & TypedEvent<TaskEventType> => event.type.startsWith('tracking.task-');

/**
 * The item an event's snapshot gives, without `projectedAt` (the writer's clock). Every
 * tracking event carries the whole snapshot, so any one of them rebuilds the item; the caller has
 * validated the event against the catalogue.
 */
export function itemOfEvent(event: TypedEvent<TaskEventType>): Omit<FigureItem, 'projectedAt'> {
  const d = event.data;
  return {
    _id: d.taskId,
    seq: d.seq,
    kind: d.kind,
    status: d.status,
    sourceDocumentId: d.sourceDocumentId,
    sourceNotation: d.sourceNotation,
    documentType: d.documentType,
    assignerOrg: d.assignerOrg,
    leadOrg: d.leadOrg,
    ...(d.parentTaskId !== undefined && { parentTaskId: d.parentTaskId }),
    rootTaskId: d.rootTaskId,
    depth: d.depth,
    ...(d.deadline !== undefined && { deadline: d.deadline }),
    ...(d.completedAt !== undefined && { completedAt: d.completedAt }),
    assignedAt: d.assignedAt,
    ...(d.period !== undefined && { period: d.period }),
    progress: d.progress,
  };
}

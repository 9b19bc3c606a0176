import type { DomainEvent } from '@vanthu/shared';
import type { FigureItem } from './figure-item';

/** The snapshot fields a tracking event carries that the figures need (tracking-events.ts). */
type TaskSnapshot = Omit<FigureItem, '_id' | 'projectedAt'> & { taskId: string };

export const isTrackingEvent = (event: DomainEvent): boolean => event.type.startsWith('tracking.task-');

/**
 * The item an event's snapshot gives, without `projectedAt` (the writer's clock). Every
 * tracking event carries the whole snapshot, so any one of them rebuilds the item; the caller has
 * validated the event against the catalogue.
 */
export function itemOfEvent(event: DomainEvent): Omit<FigureItem, 'projectedAt'> {
  const d = event.data as unknown as TaskSnapshot;
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

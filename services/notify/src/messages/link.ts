import type { DomainEvent, TaskEventType, TypedEvent } from '@vanthu/shared';

/**
 * Events of implementation tasks (services/tracking): keyed by the task, about a task, not a
 * document. On a checked event, narrows its data to the task's snapshot.
 */
export const isTaskEvent = <E extends Pick<DomainEvent, 'type'>>(event: E): event is E & Pick<TypedEvent<TaskEventType>, 'type' | 'data'> =>
  event.type.startsWith('tracking.task-');

/**
 * Where the portal opens what the event is about: a task's page for a task's events, otherwise
 * its document — a recipient's copy opens through its document too. The subject is the Kafka key:
 * the document id, or the task id.
 */
export function eventLink(portalUrl: string | undefined, event: Pick<DomainEvent, 'type' | 'subject'>): string | undefined {
  if (!portalUrl) return undefined;
  return `${portalUrl}/${isTaskEvent(event) ? 'tasks' : 'documents'}/${encodeURIComponent(event.subject)}`;
}

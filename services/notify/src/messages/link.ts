import type { DomainEvent } from '@vanthu/shared';

/** Where the portal opens the event's document; a recipient's copy opens through its document too. */
export function documentLink(portalUrl: string | undefined, event: Pick<DomainEvent, 'subject'>): string | undefined {
  return portalUrl ? `${portalUrl}/documents/${encodeURIComponent(event.subject)}` : undefined;
}

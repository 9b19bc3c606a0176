import { isDuplicateKeyError, type DomainEvent, type Logger } from '@vanthu/shared';
import { KeyedMutex } from '../inbox/keyed-mutex';
import type { DeliveryStarter } from '../deliveries/start-delivery';
import type { LivePublisher } from '../live/inbox-topic';
import { eventLink, isTaskEvent } from '../messages/link';
import { messageFor, type Message } from '../messages/templates';
import type { NotifyStores } from '../notify-stores';
import { wants, type PreferencesInput } from '../preferences/preferences';
import type { Category, Channel } from '../routing/categories';
import { recipientsOf, routeOf } from '../routing/resolve';
import { NOT_SECRET, withoutFreeText, type SecrecyVerdict } from '../secrecy/secrecy';
import type { InboxItem, NotificationDoc } from '../store/collections';
import { webhookWorkflowId } from '../webhooks/deliveries';
import { emailText } from './email-text';

export interface EventHandlerDeps {
  stores: NotifyStores;
  live: Pick<LivePublisher, 'publish'>;
  starter: Pick<DeliveryStarter, 'webhook' | 'email'>;
  /** False when no SMTP server is configured: the e-mail channel is skipped. */
  email: boolean;
  logger: Logger;
  portalUrl?: string;
}

/** The ledger id: one notification per event, recipient and channel, however often the event comes. */
export const notificationId = (eventId: string, userId: string, channel: Channel) => `${eventId}|${userId}|${channel}`;

const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

/** The organisation an event belongs to: a task's lead organisation, else the document's (the copy's recipient, or its issuer). */
export function eventOrg(event: DomainEvent): string | undefined {
  if (isTaskEvent(event)) return text(event.data.leadOrg);
  const data = event.data ?? {};
  return text(data.org) ?? text(data.issuer);
}

/** Whose webhooks hear of an event: its organisation's; a task's concerns both the organisation that assigned it and the lead. */
export function webhookOrgs(event: DomainEvent): string[] {
  const orgs = isTaskEvent(event) ? [text(event.data.assignerOrg), text(event.data.leadOrg)] : [eventOrg(event)];
  return [...new Set(orgs.filter((org): org is string => org !== undefined))];
}

/** The inbox item's document and aggregate: a task's source document and the task itself. */
function aboutOf(event: DomainEvent): { documentId: string; aggregateId: string } {
  if (isTaskEvent(event)) return { documentId: text(event.data.sourceDocumentId) ?? event.subject, aggregateId: event.subject };
  return { documentId: event.subject, aggregateId: text(event.data?.aggregateId) ?? event.subject };
}

/**
 * The consumer's handler: directory events update the projection; document and task events reach
 * the people the routing table names, on the channels each chose, and the organisation's webhooks.
 * Every write is keyed by the event id, so running it again for the same event changes nothing.
 */
export function createEventHandler(deps: EventHandlerDeps): (event: DomainEvent) => Promise<void> {
  const { stores, logger } = deps;
  const c = stores.collections;
  const perUser = new KeyedMutex();

  async function ledger(doc: Omit<NotificationDoc, 'createdAt'>): Promise<void> {
    try {
      await c.notifications.insertOne({ ...doc, createdAt: new Date().toISOString() });
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
    }
  }

  async function toInbox(event: DomainEvent, userId: string, category: Category, message: Message): Promise<InboxItem & { seq: number }> {
    const id = notificationId(event.id, userId, 'inbox');
    const link = eventLink(deps.portalUrl, event);
    const item: InboxItem = {
      eventId: event.id,
      eventType: event.type,
      category,
      ...aboutOf(event),
      ...(eventOrg(event) !== undefined && { org: eventOrg(event) }),
      title: message.title,
      body: message.body,
      ...(link !== undefined && { link }),
      occurredAt: event.occurredAt,
      createdAt: new Date().toISOString(),
    };
    // No lookup of the ledger first: the consumer skips events it handled, and for the rare one
    // handled again (a crash before it was remembered) the append returns the entry's first seq.
    const { seq } = await stores.inbox.append(userId, id, item);
    await ledger({ _id: id, eventId: event.id, userId, channel: 'inbox', category, status: 'delivered', seq });
    return { ...item, seq };
  }

  async function toStream(event: DomainEvent, userId: string, category: Category, item: InboxItem & { seq: number }): Promise<void> {
    const id = notificationId(event.id, userId, 'sse');
    // No lookup of the ledger first: publishing again after a redelivery (on this worker or
    // another) is harmless, as the entry has the same seq and streams drop what they already sent.
    await deps.live.publish({ userId, item: { ...item, read: false } });
    await ledger({ _id: id, eventId: event.id, userId, channel: 'sse', category, status: 'published', seq: item.seq });
  }

  async function toEmail(event: DomainEvent, userId: string, category: Category, message: Message): Promise<void> {
    const user = await stores.directory.user(userId);
    if (!user?.email) {
      logger.info({ userId, eventId: event.id }, 'no e-mail address known for the recipient; e-mail skipped');
      return;
    }
    const id = notificationId(event.id, userId, 'email');
    await stores.emails.queue({
      id,
      eventId: event.id,
      userId,
      category,
      to: user.email,
      subject: message.title,
      text: emailText(user.fullName, message, event, deps.portalUrl),
    });
    await deps.starter.email(id);
  }

  async function toRecipient(event: DomainEvent, userId: string, category: Category, message: Message): Promise<void> {
    const preferences: PreferencesInput = await stores.preferences.get(userId);
    // The consumer handles partitions side by side, so two events for one user can be in flight
    // at once. Streams put announcements in seq order themselves (other workers announce into the
    // same inbox), but within this process one user's append-and-publish at a time keeps them in
    // order already, and streams have no gap to fill from the inbox.
    await perUser.run(userId, async () => {
      const item = await toInbox(event, userId, category, message);
      if (wants(preferences, 'sse', category)) await toStream(event, userId, category, item);
    });
    if (deps.email && wants(preferences, 'email', category)) await toEmail(event, userId, category, message);
  }

  async function toWebhooks(event: DomainEvent, secrecy?: SecrecyVerdict): Promise<void> {
    // Receivers get the event as on Kafka, except for a secret document's free text, which no
    // producer should have sent: dropped before it is logged for delivery, let alone sent.
    const delivered = secrecy?.secret ? withoutFreeText(event) : event;
    for (const org of webhookOrgs(event)) {
      for (const endpoint of await stores.endpoints.matching(org, event)) {
        const id = await stores.deliveries.forEvent(org, endpoint, delivered);
        await deps.starter.webhook(id, webhookWorkflowId(id));
      }
    }
  }

  /** A task's secrecy is its source document's, as far as notify has seen it. */
  async function secrecyOf(event: DomainEvent): Promise<SecrecyVerdict> {
    if (!isTaskEvent(event)) return stores.secrets.of(event);
    const source = text(event.data.sourceDocumentId);
    return source ? stores.secrets.known(source) : NOT_SECRET;
  }

  return async (event) => {
    if (event.type.startsWith('directory.')) {
      await stores.directory.apply(event);
      if (await stores.horizon.includes(event)) await toWebhooks(event);
      return;
    }
    if (!event.type.startsWith('document.') && !isTaskEvent(event)) return;
    // Every document event of the outgoing document, routed or not: a copy's later events are named from it.
    if (!isTaskEvent(event)) await stores.documents.remember(event);
    // Also before the horizon: a copy's later events are judged secret from what this one said.
    const secrecy = await secrecyOf(event);
    if (!(await stores.horizon.includes(event))) return;
    const route = routeOf(event);
    if (route) {
      const known = isTaskEvent(event) ? undefined : await stores.documents.of(event);
      const message = messageFor(event, secrecy, known);
      for (const userId of await recipientsOf(event, route, stores.directory)) {
        await toRecipient(event, userId, route.category, message);
      }
    }
    await toWebhooks(event, secrecy);
  };
}

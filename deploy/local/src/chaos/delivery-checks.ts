import type { DomainEvent } from '@vanthu/shared';
import type { RunRecords } from './run-records';
import type { MailReceipt, WebhookReceipt } from './sinks';
import { aggregateOf, countBy, extras, groupBy, info, offenders, type Count } from './tally';

/** Whose webhook the run registered: the province's (its documents' events and the tasks it assigned). */
export const WEBHOOK_ORG = 'BS-TU';

/** The organisations whose webhooks hear of an event, as notify decides it (dispatch/handle-event.ts: webhookOrgs). */
function webhookOrgs(event: DomainEvent): string[] {
  const data = event.data ?? {};
  const text = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);
  if (event.type.startsWith('tracking.')) return [text(data.assignerOrg), text(data.leadOrg)].filter((o): o is string => o !== undefined);
  const org = text(data.org) ?? text(data.issuer);
  return org ? [org] : [];
}

/**
 * Who a notification goes to depends on the event only, and every document of the run goes
 * through the same steps: so each (event type, organisation of the aggregate) gets the same
 * number of inbox entries per aggregate. The most common number is what each should have got;
 * fewer is a lost notification.
 */
function missingNotifications(events: DomainEvent[], items: RunRecords['inboxItems'], leadOf: Map<string, string>): string[] {
  const perEvent = countBy(items, (i) => i.eventId);
  const profile = (e: DomainEvent) => {
    const { aggregate } = aggregateOf(e.id);
    return e.type.startsWith('tracking.') ? (leadOf.get(aggregate) ?? '?') : aggregate.includes('@') ? aggregate.slice(aggregate.indexOf('@') + 1) : 'document';
  };
  const missing: string[] = [];
  for (const [kind, list] of groupBy(events, (e) => `${e.type} ${profile(e)}`)) {
    const counts = list.map((e) => perEvent.get(e.id) ?? 0);
    if (counts.every((n) => n === 0)) continue;
    const tally = countBy(counts, String);
    const expected = Number([...tally].sort((a, b) => b[1] - a[1] || Number(b[0]) - Number(a[0]))[0]![0]);
    list.forEach((e, i) => {
      for (let k = counts[i]!; k < expected; k++) missing.push(`${e.id} (${kind})`);
    });
  }
  return missing;
}

/** The key once per distinct id under it: two ids for one key count as one extra, however often each came. */
function perDistinct<T>(items: T[], key: (item: T) => string, id: (item: T) => string): string[] {
  return [...groupBy(items, key)].flatMap(([k, list]) => [...new Set(list.map(id))].map(() => k));
}

/** The notification id an e-mail's Message-ID carries (activities/delivery-activities.ts: base64url of `<event>|<user>|email`). */
function notificationOf(messageId: string): string {
  const match = /^<([A-Za-z0-9_-]+)@notify\.vanthu>$/.exec(messageId.trim());
  return match ? Buffer.from(match[1]!, 'base64url').toString('utf8') : messageId;
}

/**
 * Notifications in inboxes, e-mails at the mail server, webhook POSTs at the receiver: each
 * once (per event and person, per event and endpoint), and none missing.
 */
export function deliveryChecks(r: RunRecords, mails: MailReceipt[], webhooks: WebhookReceipt[]): Count[] {
  const events = new Map(r.events.filter((e) => e.type.startsWith('document.') || e.type.startsWith('tracking.')).map((e) => [e.id, e]));
  const leadOf = new Map(r.tasks.map((t) => [t._id, t.leadOrg]));
  const about = (eventId: string) => {
    const e = events.get(eventId);
    return e ? `${e.type} ${aggregateOf(e.id).aggregate}` : `event ${eventId}`;
  };

  const emails = r.notifications.filter((n) => n.channel === 'email');
  const mailed = countBy(mails, (m) => notificationOf(m.messageId));
  const emailsLost = [
    ...emails.filter((n) => n.status !== 'sent').map((n) => `${n._id} (${n.status})`),
    ...emails.filter((n) => n.status === 'sent' && !mailed.has(n._id)).map((n) => `${n._id} (sent, never received)`),
  ];

  const expectedHooks = [...events.values()].filter((e) => webhookOrgs(e).includes(WEBHOOK_ORG));
  const received = new Set(webhooks.map((w) => w.webhookId));
  const hooksLost = [
    ...expectedHooks.filter((e) => !received.has(e.id)).map((e) => `${e.id} (${e.type})`),
    ...r.deliveries.filter((d) => d.status !== 'succeeded').map((d) => `${d._id} ${d.eventId} (${d.status})`),
  ];

  return [
    info('notifications', r.inboxItems.length, 'inbox entries'),
    extras('notifications_duplicated', 'notifications', [
      ...r.inboxItems.map((i) => `${i.stream} ${i.eventId}`),
      // The same step told twice under two event ids.
      ...perDistinct(r.inboxItems, (i) => `${i.stream} ${i.eventType} ${i.aggregateId}`, (i) => i.eventId),
    ]),
    offenders('notifications_missing', 'notifications', missingNotifications([...events.values()], r.inboxItems, leadOf)),
    info('emails_received', mails.length, 'e-mails'),
    extras('emails_duplicated', 'e-mails', [
      ...mails.map((m) => m.messageId),
      ...perDistinct(mails, (m) => {
        const [eventId = '', userId = ''] = notificationOf(m.messageId).split('|');
        return `${userId} ${about(eventId)}`;
      }, (m) => m.messageId),
    ]),
    offenders('emails_lost', 'e-mails', emailsLost),
    info('webhook_deliveries_received', webhooks.length, 'POSTs'),
    extras('webhook_deliveries_duplicated', 'deliveries', [...webhooks.map((w) => `received ${w.webhookId}`), ...r.deliveries.map((d) => `logged ${d.endpointId} ${d.eventId}`)]),
    offenders('webhook_deliveries_lost', 'deliveries', hooksLost),
  ];
}

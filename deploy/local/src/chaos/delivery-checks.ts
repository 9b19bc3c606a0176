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
 * From the server taking a copy to the worker's record of it: the record's retries
 * (services/notify/src/activities/record-after-send.ts, 35 s) and a second for the kill itself.
 */
const RECORD_WINDOW_MS = 36_000;

/**
 * The ids sent again because the notify worker that sent the first copy was killed before it
 * recorded it: the one duplicate no sender can rule out (RFC 1047: neither SMTP nor an HTTP POST
 * is an idempotent submission), which is why every copy carries the same id for the receiver to
 * drop. Each is told by evidence, not allowed for: the first copy arrived within the window
 * before a notify worker was killed, and what recorded the send was a later attempt.
 */
function resentAfterKill<T extends { at: number }>(receipts: T[], id: (r: T) => string, kills: number[], recordedAttempt: (id: string) => number | undefined): string[] {
  const firsts = new Map<string, number>();
  for (const [key, list] of groupBy(receipts, id)) {
    if (list.length > 1) firsts.set(key, Math.min(...list.map((r) => r.at)));
  }
  return [...firsts]
    .filter(([key, first]) => (recordedAttempt(key) ?? 0) > 1 && kills.some((kill) => first <= kill + 1_000 && kill - first <= RECORD_WINDOW_MS))
    .map(([key]) => key);
}

/** The ids received, each resent one once: it stands for its copies, while a second copy under another id is still a defect. */
const countedOnce = (ids: string[], resent: Set<string>) => [...ids.filter((id) => !resent.has(id)), ...resent];

/**
 * Notifications in inboxes, e-mails at the mail server, webhook POSTs at the receiver: each
 * once (per event and person, per event and endpoint), and none missing. `notifyKills`: when
 * (epoch ms) a notify worker was SIGKILLed.
 */
export function deliveryChecks(r: RunRecords, mails: MailReceipt[], webhooks: WebhookReceipt[], notifyKills: number[] = []): Count[] {
  const events = new Map(r.events.filter((e) => e.type.startsWith('document.') || e.type.startsWith('tracking.')).map((e) => [e.id, e]));
  const leadOf = new Map(r.tasks.map((t) => [t._id, t.leadOrg]));
  const about = (eventId: string) => {
    const e = events.get(eventId);
    return e ? `${e.type} ${aggregateOf(e.id).aggregate}` : `event ${eventId}`;
  };

  const emails = r.notifications.filter((n) => n.channel === 'email');
  const emailAttempt = new Map(emails.map((n) => [n._id, n.attempts]));
  const mailsResent = new Set(resentAfterKill(mails, (m) => m.messageId, notifyKills, (id) => emailAttempt.get(notificationOf(id))));
  const hookAttempt = new Map(r.deliveries.map((d) => [d.eventId, d.attempts]));
  const hooksResent = new Set(resentAfterKill(webhooks, (w) => w.webhookId, notifyKills, (id) => hookAttempt.get(id)));
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
    info('emails_resent_after_kill', mailsResent.size, 'e-mails', [...mailsResent].slice(0, 5)),
    extras('emails_duplicated', 'e-mails', [
      ...countedOnce(mails.map((m) => m.messageId), mailsResent),
      ...perDistinct(mails, (m) => {
        const [eventId = '', userId = ''] = notificationOf(m.messageId).split('|');
        return `${userId} ${about(eventId)}`;
      }, (m) => m.messageId),
    ]),
    offenders('emails_lost', 'e-mails', emailsLost),
    info('webhook_deliveries_received', webhooks.length, 'POSTs'),
    info('webhook_deliveries_resent_after_kill', hooksResent.size, 'deliveries', [...hooksResent].slice(0, 5)),
    extras('webhook_deliveries_duplicated', 'deliveries', [...countedOnce(webhooks.map((w) => w.webhookId), hooksResent).map((id) => `received ${id}`), ...r.deliveries.map((d) => `logged ${d.endpointId} ${d.eventId}`)]),
    offenders('webhook_deliveries_lost', 'deliveries', hooksLost),
  ];
}

import type { DomainEvent } from '@vanthu/shared';
import { establishHorizon } from '../../src/dispatch/horizon';
import { eventually, startNotifyHarness, type NotifyHarness } from '../support/notify-harness';
import { copyEvent, demoUsersIn, newDocumentId, outgoingEvent, userRegistered } from '../support/events';
import { startReceiver } from '../support/receiver';

const at = (ms: number) => new Date(ms).toISOString();

describe('notify tells of what happens from its deployment on, and a webhook of what happens from its registration on', () => {
  let h: NotifyHarness;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let since: number;
  const allowedBefore = process.env.NOTIFY_WEBHOOK_ALLOW_HOSTS;
  const user = (id: string) => `${id}-${h.suffix}`;
  const org = (code: string) => `${code}-${h.suffix}`;
  const ledgerOf = (event: DomainEvent) => h.stores.collections.notifications.find({ eventId: event.id }).toArray();
  const inboxOf = async (who: string) => (await h.stores.inbox.page(user(who), { limit: 20 })).items.map((i) => i.eventId);

  beforeAll(async () => {
    // The receiver listens on loopback, which webhooks may reach only when allow-listed (webhook-security.test.ts).
    process.env.NOTIFY_WEBHOOK_ALLOW_HOSTS = '127.0.0.1';
    h = await startNotifyHarness();
    receiver = await startReceiver(0);
    const horizon = await h.stores.collections.horizon.findOne({ _id: 'notify' });
    expect(horizon).toMatchObject({ reason: expect.stringMatching(/new deployment/) });
    since = Date.parse(horizon!.since);
    // Registered long before the deployment: the directory is every user ever registered.
    for (const u of demoUsersIn(h.suffix)) await h.handle({ ...userRegistered(u), occurredAt: at(since - 86_400_000) });
  });
  afterAll(async () => {
    await receiver?.close();
    await h?.stop();
    if (allowedBefore === undefined) delete process.env.NOTIFY_WEBHOOK_ALLOW_HOSTS;
    else process.env.NOTIFY_WEBHOOK_ALLOW_HOSTS = allowedBefore;
  });

  it('builds the directory and what it knows of secret documents from history, and notifies nobody of it', async () => {
    expect(await h.stores.directory.members(org('BS-HB-DU'), 'clerk')).toEqual([user('hb-clerk')]);
    const doc = newDocumentId();
    const people = { org: org('BS-TU'), createdBy: user('bs-specialist'), signer: user('bs-secretary'), currentApprover: user('bs-deputy') };
    const history = [
      { ...outgoingEvent(doc, 4, 'returned', people, { secrecy: 'tuyet-mat', status: 'returned', actor: user('bs-deputy') }), occurredAt: at(since - 1_000) },
      { ...copyEvent(doc, org('BS-HB-DU'), 2, 'received', { arrivalNumber: 7, issuer: org('BS-TU') }, 'accepted'), occurredAt: at(since - 500) },
    ];
    for (const event of history) await h.handle(event);
    // After the horizon: a copy's event that does not say the document is secret.
    const now = copyEvent(doc, org('BS-HB-DU'), 3, 'processed', { note: 'MẬT-GHI-CHÚ' }, 'done');
    await h.handle(now);

    expect(await inboxOf('bs-specialist')).toEqual([]);
    expect(await inboxOf('hb-clerk')).toEqual([now.id]);
    // No inbox entry, live announcement, e-mail or webhook delivery: the ledger has none of them.
    for (const event of history) expect(await ledgerOf(event)).toEqual([]);
    // Known secret from the history: told without its note.
    expect(await h.stores.secrets.known(doc)).toMatchObject({ secret: true });
    const [item] = (await h.stores.inbox.page(user('hb-clerk'), { limit: 1 })).items;
    expect(`${item!.title} ${item!.body}`).not.toContain('MẬT-GHI-CHÚ');
  });

  it('posts to a webhook what occurred from its registration on, not the organisation’s earlier events', async () => {
    const endpoint = await h.stores.endpoints.create(org('BS-TL-DU'), { url: receiver.url, eventTypes: [] }, user('tl-admin'));
    const registered = Date.parse(endpoint.createdAt);
    const doc = newDocumentId();
    const before = { ...copyEvent(doc, org('BS-TL-DU'), 2, 'received', { arrivalNumber: 3 }, 'accepted'), occurredAt: at(registered - 1_000) };
    const after = { ...copyEvent(doc, org('BS-TL-DU'), 3, 'assigned', { handler: user('tl-specialist'), actor: user('tl-clerk') }), occurredAt: at(registered + 1) };
    await h.handle(before);
    await h.handle(after);
    const logged = await eventually(async () => {
      const list = await h.stores.collections.deliveries.find({ endpointId: endpoint.id }).toArray();
      return list.length > 0 ? list : undefined;
    }, 10_000, 'the delivery of the later event');
    expect(logged.map((d) => d.eventId)).toEqual([after.id]);
    await eventually(async () => receiver.calls.length > 0, 10_000, 'the POST');
    expect(receiver.calls.map((c) => c.headers['webhook-id'])).toEqual([after.id]);
    // Both are after the deployment: the clerk was told of the arrival, the handler of the assignment.
    expect(await inboxOf('tl-clerk')).toContain(before.id);
    expect(await inboxOf('tl-specialist')).toContain(after.id);
  });

  it('keeps notifying of everything on a database that was in use before the horizon existed', async () => {
    const c = h.stores.collections;
    const saved = await c.horizon.findOne({ _id: 'notify' });
    await c.horizon.deleteOne({ _id: 'notify' });
    try {
      // People in the directory: an upgrade, whose consumer may still be behind.
      await establishHorizon(c);
      expect(await c.horizon.findOne({ _id: 'notify' })).toMatchObject({ since: at(0) });
      // Fixed once: preparing again changes nothing.
      await establishHorizon(c, new Date());
      expect(await c.horizon.findOne({ _id: 'notify' })).toMatchObject({ since: at(0) });
    } finally {
      await c.horizon.replaceOne({ _id: 'notify' }, saved!, { upsert: true });
    }
  });
});

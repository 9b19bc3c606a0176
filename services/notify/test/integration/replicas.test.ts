import type { DomainEvent } from '@vanthu/shared';
import { api, eventually } from '../support/notify-harness';
import { startNotifyReplicas, type NotifyReplicas } from '../support/notify-replicas';
import { newDocumentId, outgoingEvent, userRegistered } from '../support/events';
import { headerOf } from '../support/smtp';
import { openStream, type SseEvent } from '../support/sse-client';
import { startReceiver } from '../support/receiver';

/*
 * Issue 16: notify as two workers and two APIs on one database, one consumer group and one task
 * queue. Directory events and document events are spread over the topics' partitions, so both
 * workers write one role's members and one user's inbox at the same time; some events are also
 * run by both workers at once (a rebalance's overlap) and every event comes twice on Kafka.
 * Requests race through both APIs. Counted at the end: one inbox item, e-mail and webhook call
 * per recipient and event, every stream in order with no gap or duplicate, no mark lost.
 */
describe('two notify workers and two notify APIs on one database and consumer group', () => {
  let r: NotifyReplicas;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  const allowedBefore = process.env.NOTIFY_WEBHOOK_ALLOW_HOSTS;

  const DOCUMENTS = 20;
  const RUN_ON_BOTH = 4;
  const id = (base: string) => `${base}-${r.suffix}`;
  /** Where the notifications go: four clerks and the author of the documents. */
  const org = () => id('BS-RP');
  /** Where the directory is stirred: many people joining and leaving one role at once. */
  const busyOrg = () => id('BS-RP-DIR');
  const person = (base: string, role: 'clerk' | 'leader' | 'specialist', of = org()) => ({
    id: id(base),
    fullName: `Người dùng ${base}`,
    position: role,
    role,
    org: of,
    email: `${id(base)}@demo.vanthu.local`,
  });
  const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);
  const clerks = (ns: number[]) => ns.map((n) => id(`rp-clerk-${n}`));
  const busyClerks = (ns: number[]) => ns.map((n) => id(`dir-clerk-${n}`)).sort();
  const sortedMembers = async (worker: number, role: string, of = org()) => [...(await r.workers[worker]!.stores.directory.members(of, role))].sort();
  const apiUrl = (n: number) => r.apis[n % r.apis.length]!.url;

  beforeAll(async () => {
    // The receiver listens on loopback, which webhooks may reach only when allow-listed.
    process.env.NOTIFY_WEBHOOK_ALLOW_HOSTS = '127.0.0.1';
    r = await startNotifyReplicas({ workers: 2, apis: 2 });
    receiver = await startReceiver(0);
  }, 180_000);
  afterAll(async () => {
    await receiver?.close();
    await r?.stop();
    if (allowedBefore === undefined) delete process.env.NOTIFY_WEBHOOK_ALLOW_HOSTS;
    else process.env.NOTIFY_WEBHOOK_ALLOW_HOSTS = allowedBefore;
  });

  it('builds one directory from both workers: concurrent joins and moves of one role are all kept, and both see them', async () => {
    const first = [
      ...range(0, 3).map((n) => person(`rp-clerk-${n}`, 'clerk')),
      person('rp-leader-0', 'leader'),
      person('rp-specialist', 'specialist'),
      ...range(0, 11).map((n) => person(`dir-clerk-${n}`, 'clerk', busyOrg())),
    ];
    // One batch, keyed by user over four partitions: both workers add members to the same roles at once.
    await r.publish(r.topics.directory, first.map((u) => userRegistered(u)));
    await eventually(async () => (await sortedMembers(1, 'clerk', busyOrg())).length === 12 && (await sortedMembers(1, 'clerk')).length === 4, 30_000, 'the first registrations');
    for (const worker of [0, 1]) {
      expect(await sortedMembers(worker, 'clerk', busyOrg())).toEqual(busyClerks(range(0, 11)));
      expect(await sortedMembers(worker, 'clerk')).toEqual(clerks(range(0, 3)).sort());
    }

    // Clerks 9–11 become specialists while clerks 12–15 join: leaves and joins of one role, from both workers.
    await r.publish(r.topics.directory, [
      ...range(9, 11).map((n) => userRegistered(person(`dir-clerk-${n}`, 'specialist', busyOrg()), busyOrg(), 2)),
      ...range(12, 15).map((n) => userRegistered(person(`dir-clerk-${n}`, 'clerk', busyOrg()))),
    ]);
    const expected = busyClerks([...range(0, 8), ...range(12, 15)]);
    for (const worker of [0, 1]) {
      await eventually(async () => JSON.stringify(await sortedMembers(worker, 'clerk', busyOrg())) === JSON.stringify(expected), 30_000, `worker ${worker} to see the moves`);
      expect(await sortedMembers(worker, 'specialist', busyOrg())).toEqual(busyClerks(range(9, 11)));
    }
    expect((await r.workers[0]!.stores.directory.user(id('dir-clerk-10')))?.role).toBe('specialist');
  });

  it('keeps every endpoint that admins register at once through both APIs', async () => {
    const admin = r.token({ userId: id('rp-admin'), orgCode: org(), role: 'admin' });
    const created = await Promise.all(
      [0, 1, 2, 3].map((n) => api(`${apiUrl(n)}/v1/webhooks`, admin, 'POST', { url: `${receiver.url}?endpoint=${n}`, eventTypes: ['document.signed'] })),
    );
    expect(created.map((c) => c.status)).toEqual([201, 201, 201, 201]);
    for (const n of [0, 1]) {
      const listed = await api(`${apiUrl(n)}/v1/webhooks`, admin);
      expect(listed.body.items.map((e: { id: string }) => e.id).sort()).toEqual(created.map((c) => c.body.id as string).sort());
    }
  });

  it('notifies each recipient once per channel, and streams every notification in order on both APIs', async () => {
    const recipients = [...clerks(range(0, 3)), id('rp-specialist')];
    const tokenOf = (userId: string) => r.token({ userId, orgCode: org(), role: userId.includes('clerk') ? 'clerk' : 'specialist' });
    // Streams opened before anything happens: on each API for one clerk, on the second for the author.
    const streams = await Promise.all([
      openStream(`${apiUrl(0)}/v1/me/stream`, { authorization: `Bearer ${tokenOf(id('rp-clerk-0'))}` }),
      openStream(`${apiUrl(1)}/v1/me/stream`, { authorization: `Bearer ${tokenOf(id('rp-clerk-0'))}` }),
      openStream(`${apiUrl(1)}/v1/me/stream`, { authorization: `Bearer ${tokenOf(id('rp-specialist'))}` }),
    ]);
    try {
      await new Promise((resolve) => setTimeout(resolve, 300));
      const signature = { signatureId: 'sig-1', certificateSerial: '0A1B', signerName: 'Người ký', signedAt: new Date().toISOString(), timestamped: true };
      const signed = (doc: string) =>
        outgoingEvent(doc, 6, 'signed', { org: org(), createdBy: id('rp-specialist'), signer: id('rp-leader-0') }, { status: 'signing', actor: id('rp-leader-0'), content: 'c'.repeat(64), signature });
      const published = Array.from({ length: DOCUMENTS }, () => signed(newDocumentId()));
      const onBoth = Array.from({ length: RUN_ON_BOTH }, () => signed(newDocumentId()));
      const events: DomainEvent[] = [...published, ...onBoth];
      // Every event twice on Kafka; meanwhile some run on both workers at once, as when a partition's
      // old owner is still finishing what its new owner starts.
      await Promise.all([
        r.publish(r.topics.documents, [...published, ...published]),
        ...onBoth.map((event) => Promise.all(r.workers.map((w) => w.handle(event)))),
      ]);
      await r.publish(r.topics.documents, onBoth);

      const total = events.length;
      const eventIds = events.map((e) => e.id).sort();
      const inbox = r.apis[0]!.stores.inbox;
      for (const userId of recipients) {
        const page = await eventually(async () => {
          const p = await inbox.page(userId, { limit: 100 });
          return p.items.length >= total ? p : undefined;
        }, 60_000, `${userId}'s inbox`);
        expect(page.items.map((i) => i.seq)).toEqual(Array.from({ length: total }, (_, i) => total - i));
        expect(page.items.map((i) => i.eventId).sort()).toEqual(eventIds);
      }
      // The signer acted; the other organisation's clerks are not the issuer's.
      expect((await inbox.page(id('rp-leader-0'), { limit: 10 })).items).toEqual([]);
      expect((await inbox.page(id('dir-clerk-0'), { limit: 10 })).items).toEqual([]);

      const expectStream = async (stream: (typeof streams)[number]) => {
        await eventually(async () => stream.events.length >= total, 30_000, 'the stream to catch up');
        await new Promise((resolve) => setTimeout(resolve, 500));
        expect(stream.events.map((e: SseEvent) => e.id)).toEqual(Array.from({ length: total }, (_, i) => String(i + 1)));
        expect(stream.events.map((e: SseEvent) => (JSON.parse(e.data) as { eventId: string }).eventId).sort()).toEqual(eventIds);
      };
      for (const stream of streams) await expectStream(stream);

      // Reconnecting to the other API resumes where the browser left off.
      const resumed = await openStream(`${apiUrl(1)}/v1/me/stream`, { authorization: `Bearer ${tokenOf(id('rp-clerk-1'))}`, 'last-event-id': '10' });
      try {
        await eventually(async () => resumed.events.length >= total - 10, 30_000, 'the resumed stream');
        await new Promise((resolve) => setTimeout(resolve, 300));
        expect(resumed.events.map((e) => Number(e.id))).toEqual(Array.from({ length: total - 10 }, (_, i) => i + 11));
      } finally {
        resumed.close();
      }

      // E-mail: one per recipient and event, whichever worker queued and which sent it.
      await eventually(async () => r.mails.length >= recipients.length * total, 90_000, 'every e-mail');
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      expect(r.mails).toHaveLength(recipients.length * total);
      for (const userId of recipients) {
        const theirs = r.mails.filter((m) => m.to.includes(`${userId}@demo.vanthu.local`));
        expect(theirs).toHaveLength(total);
        expect(new Set(theirs.map((m) => headerOf(m.raw, 'message-id'))).size).toBe(total);
      }

      // Webhooks: each endpoint receives each event once, and logs it once.
      const admin = r.token({ userId: id('rp-admin'), orgCode: org(), role: 'admin' });
      const endpoints = (await api(`${apiUrl(0)}/v1/webhooks`, admin)).body.items as Array<{ id: string; url: string }>;
      expect(endpoints).toHaveLength(4);
      await eventually(async () => receiver.calls.length >= endpoints.length * total, 60_000, 'every webhook delivery');
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      expect(receiver.calls).toHaveLength(endpoints.length * total);
      for (const endpoint of endpoints) {
        const calls = receiver.calls.filter((c) => endpoint.url.endsWith(c.url));
        expect(calls.map((c) => c.headers['webhook-id']).sort()).toEqual(eventIds);
        const log = await api(`${apiUrl(1)}/v1/webhooks/${endpoint.id}/deliveries?limit=100`, admin);
        expect(log.body.items.map((d: { seq: number }) => d.seq)).toEqual(Array.from({ length: total }, (_, i) => total - i));
      }

      // Both workers took part.
      expect(r.workers.map((w) => w.consumer.stats.handled > 0)).toEqual([true, true]);
      expect(r.workers.reduce((sum, w) => sum + w.consumer.stats.deadLettered, 0)).toBe(0);
    } finally {
      for (const stream of streams) stream.close();
    }
  }, 240_000);

  it('streams in inbox order what two workers announced out of order, without what the user does not take live', async () => {
    const clerk = id('rp-clerk-2');
    const token = r.token({ userId: clerk, orgCode: org(), role: 'clerk' });
    expect((await api(`${apiUrl(0)}/v1/me/preferences`, token, 'PUT', { sse: { enabled: true, categories: ['action'] }, email: { enabled: false, categories: [] } })).status).toBe(200);
    const stream = await openStream(`${apiUrl(1)}/v1/me/stream`, { authorization: `Bearer ${token}` });
    try {
      await new Promise((resolve) => setTimeout(resolve, 300));
      const last = DOCUMENTS + RUN_ON_BOTH;
      const item = (n: number, category: 'action' | 'status') => ({
        eventId: `overtaken-${n}`, eventType: category === 'action' ? 'document.signed' : 'document.issued', category, documentId: `doc-${n}`, aggregateId: `doc-${n}`,
        title: `Thông báo ${n}`, body: '', occurredAt: new Date().toISOString(), createdAt: new Date().toISOString(),
      });
      // Worker 0 writes item 1, worker 1 item 2, and so on, in the user's one inbox…
      const [w0, w1] = [r.workers[0]!, r.workers[1]!];
      const appended = [];
      for (const [n, worker, category] of [[1, w0, 'action'], [2, w1, 'action'], [3, w0, 'status'], [4, w1, 'action']] as const) {
        const { seq } = await worker.stores.inbox.append(clerk, `overtaken-${n}|${clerk}|inbox`, item(n, category));
        appended.push({ ...item(n, category), seq, read: false });
      }
      expect(appended.map((a) => a.seq)).toEqual([last + 1, last + 2, last + 3, last + 4]);
      // …and worker 1's announcements reach the topic before worker 0's; the status item is not announced (not taken live).
      await w1.live.publish({ userId: clerk, item: appended[1]! });
      await w1.live.publish({ userId: clerk, item: appended[3]! });
      await w0.live.publish({ userId: clerk, item: appended[0]! });
      await eventually(async () => stream.events.length >= 3, 20_000, 'the announced items');
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(stream.events.map((e) => Number(e.id))).toEqual([last + 1, last + 2, last + 4]);
    } finally {
      stream.close();
    }
  });

  it('loses no read mark when one user marks from two tabs behind different APIs', async () => {
    const clerk = id('rp-clerk-0');
    const token = r.token({ userId: clerk, orgCode: org(), role: 'clerk' });
    const last = (await api(`${apiUrl(0)}/v1/me/notifications/unread-count`, token)).body.last as number;
    expect(last).toBe(DOCUMENTS + RUN_ON_BOTH);
    const one = await Promise.all(Array.from({ length: 12 }, (_, i) => api(`${apiUrl(i)}/v1/me/notifications/${i + 1}/read`, token, 'POST')));
    expect(one.map((a) => a.status)).toEqual(Array(12).fill(200));
    for (const n of [0, 1]) expect((await api(`${apiUrl(n)}/v1/me/notifications/unread-count`, token)).body).toEqual({ unread: last - 12, last });

    const mixed = await Promise.all([
      api(`${apiUrl(0)}/v1/me/notifications/read-all`, token, 'POST', { upTo: 20 }),
      api(`${apiUrl(1)}/v1/me/notifications/read-all`, token, 'POST', { upTo: 18 }),
      api(`${apiUrl(1)}/v1/me/notifications/22/read`, token, 'POST'),
      api(`${apiUrl(0)}/v1/me/notifications/23/read`, token, 'POST'),
    ]);
    expect(mixed.map((a) => a.status)).toEqual([200, 200, 200, 200]);
    for (const n of [0, 1]) {
      expect((await api(`${apiUrl(n)}/v1/me/notifications/unread-count`, token)).body).toEqual({ unread: last - 20 - 2, last });
      expect((await api(`${apiUrl(n)}/v1/me/notifications?unread=true`, token)).body.items.map((i: { seq: number }) => i.seq)).toEqual([last, 21]);
    }
  });

  it('saves preferences sent at once through both APIs, and removes endpoints deleted at once', async () => {
    const userId = id('rp-clerk-1');
    const token = r.token({ userId, orgCode: org(), role: 'clerk' });
    const choices = Array.from({ length: 8 }, (_, i) => ({ sse: { enabled: i % 2 === 0, categories: ['action'] }, email: { enabled: true, categories: i < 4 ? ['deadline'] : ['task'] } }));
    const saved = await Promise.all(choices.map((body, i) => api(`${apiUrl(i)}/v1/me/preferences`, token, 'PUT', body)));
    expect(saved.map((s) => s.status)).toEqual(Array(8).fill(200));
    const read = await Promise.all([0, 1].map((n) => api(`${apiUrl(n)}/v1/me/preferences`, token)));
    expect(read[0]!.body).toEqual(read[1]!.body);
    expect(choices).toContainEqual({ sse: read[0]!.body.sse, email: read[0]!.body.email });

    const admin = r.token({ userId: id('rp-admin'), orgCode: org(), role: 'admin' });
    const before = ((await api(`${apiUrl(0)}/v1/webhooks`, admin)).body.items as Array<{ id: string }>).map((e) => e.id);
    const removed = await Promise.all(before.slice(0, 2).map((endpointId, n) => api(`${apiUrl(n)}/v1/webhooks/${endpointId}`, admin, 'DELETE')));
    expect(removed.map((a) => a.status)).toEqual([204, 204]);
    for (const n of [0, 1]) {
      expect(((await api(`${apiUrl(n)}/v1/webhooks`, admin)).body.items as Array<{ id: string }>).map((e) => e.id).sort()).toEqual(before.slice(2).sort());
    }
  });
});

import { randomUUID } from 'node:crypto';
import type { DomainEvent, EventConsumer } from '@vanthu/shared';
import { consumeEvents } from '../../src/dispatch/consume-events';
import { api, eventually, startNotifyHarness, type NotifyHarness } from '../support/notify-harness';
import { copyEvent, demoUsersIn, newDocumentId, outgoingEvent, userRegistered } from '../support/events';
import { startReceiver } from '../support/receiver';
import { openStream } from '../support/sse-client';
import { bodyOf, decodeHeader, headerOf, type ReceivedMail } from '../support/smtp';

const PORTAL = 'https://portal.vanthu.example';

/** The marker as text, and as any base64 (or base64url) encoding of a text containing it would show it, at each alignment. */
function tracesOf(marker: string): string[] {
  const cores = [0, 1, 2].map((k) => Buffer.from(`${'x'.repeat(k)}${marker}`).toString('base64').slice(k === 0 ? 0 : 4, -4));
  return [marker, ...cores, ...cores.map((c) => c.replace(/\+/g, '-').replace(/\//g, '_'))];
}

describe('secret documents: notifications say only that one waits, whatever a faulty producer sent (real Kafka, Temporal, SMTP, HTTP)', () => {
  let h: NotifyHarness;
  let consumer: EventConsumer;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let topic: string;
  let user: (base: string) => string;
  let org: (base: string) => string;
  const allowedBefore = process.env.NOTIFY_WEBHOOK_ALLOW_HOSTS;

  const publish = async (events: DomainEvent[]) => {
    const publisher = await h.ctx.bus.publisher();
    try {
      await publisher.publish(topic, events.map((e) => ({ key: e.subject, value: JSON.stringify(e), headers: { 'event-id': e.id, 'event-type': e.type } })));
    } finally {
      await publisher.close();
    }
  };

  beforeAll(async () => {
    process.env.NOTIFY_WEBHOOK_ALLOW_HOSTS = '127.0.0.1';
    h = await startNotifyHarness();
    user = (base) => `${base}-${h.suffix}`;
    org = (base) => `${base}-${h.suffix}`;
    for (const u of demoUsersIn(h.suffix)) await h.handle(userRegistered(u));
    receiver = await startReceiver(0);
    for (const [admin, code] of [['bs-admin', 'BS-TU'], ['bs-admin', 'BS-TL-DU']] as const) {
      const token = h.token({ userId: user(admin), orgCode: org(code), role: 'admin' });
      expect((await api(`${h.apiUrl}/v1/webhooks`, token, 'POST', { url: receiver.url, eventTypes: ['document.*'] })).status).toBe(201);
    }
    topic = `vanthu-it-notify-secret-${h.suffix}`;
    await h.ctx.bus.ensureTopics([{ name: topic, partitions: 3, retentionMs: 3_600_000, description: 'notify integration test' }]);
    consumer = await consumeEvents(h.ctx, { stores: h.stores, live: h.live, starter: h.starter, email: true, logger: h.ctx.logger, portalUrl: PORTAL }, {
      group: `vanthu-notify-it-secret-${h.suffix}`,
      topics: [topic],
    });
    await h.untilLive();
  });
  afterAll(async () => {
    await consumer?.stop();
    await receiver?.close();
    await h?.stop();
    if (allowedBefore === undefined) delete process.env.NOTIFY_WEBHOOK_ALLOW_HOSTS;
    else process.env.NOTIFY_WEBHOOK_ALLOW_HOSTS = allowedBefore;
  });

  it('keeps a tuyệt mật document’s note out of the inbox, the live stream, e-mail, webhooks and notify’s database; an ordinary note still travels', async () => {
    const marker = `SECRET-NOTE-${randomUUID()}`;
    const traces = tracesOf(marker);
    const leaks = (text: string) => traces.filter((t) => text.includes(t));
    const doc = newDocumentId();
    const people = { org: org('BS-TU'), createdBy: user('bs-specialist'), signer: user('bs-secretary'), currentApprover: user('bs-deputy') };
    const secret = { secrecy: 'tuyet-mat', note: marker };
    const copy = org('BS-TL-DU');
    // Through Kafka, so within the contract (which has no room for other free-text fields).
    const events = [
      outgoingEvent(doc, 3, 'review-started', people, { ...secret, approvers: [user('bs-deputy')] }),
      outgoingEvent(doc, 4, 'returned', people, { ...secret, status: 'returned', actor: user('bs-deputy') }),
      // A copy's event that does not say it is secret (as distributed before copies carried
      // `secrecy`): the document's own events, on the same key and partition, said so first.
      copyEvent(doc, copy, 4, 'assigned', { handler: user('tl-specialist'), deadline: '2026-12-01T16:59:59.999Z', actor: user('tl-clerk'), note: marker }),
      // A copy that says so itself, of a document notify has not seen.
      copyEvent(newDocumentId(), copy, 6, 'processed', { secrecy: 'toi-mat', note: marker }, 'done'),
    ];
    // Past the contract, straight into the handler: flagged only `secret: true`, with every kind of free text.
    const flagged = copyEvent(newDocumentId(), copy, 7, 'copy-recalled', { secret: true, note: marker, subject: marker, comment: marker, report: marker, reason: marker }, 'recalled');
    const ordinaryDoc = newDocumentId();
    const ordinary = outgoingEvent(ordinaryDoc, 4, 'returned', { ...people, currentApprover: undefined } as never, { status: 'returned', note: 'Bổ sung số liệu quý IV' });

    const deputyToken = h.token({ userId: user('bs-deputy'), orgCode: org('BS-TU'), role: 'leader' });
    const stream = await openStream(`${h.apiUrl}/v1/me/stream`, { authorization: `Bearer ${deputyToken}` });
    try {
      await new Promise((r) => setTimeout(r, 300));
      await publish([...events, ordinary]);
      await h.handle(flagged);

      // The live stream: the approver's notification, generic, with the link.
      const live = await stream.next(30_000);
      expect(leaks(live.data)).toEqual([]);
      expect(JSON.parse(live.data)).toMatchObject({
        eventType: 'document.review-started',
        documentId: doc,
        title: '[Khẩn] Văn bản Tuyệt mật chờ anh/chị xử lý',
        body: expect.stringContaining('Có văn bản Tuyệt mật chờ anh/chị xử lý.'),
        link: `${PORTAL}/documents/${doc}`,
      });
    } finally {
      stream.close();
    }

    // The inboxes, through the API as a portal reads them.
    const inboxOf = async (who: string, orgCode: string, count: number) =>
      eventually(async () => {
        const page = await api(`${h.apiUrl}/v1/me/notifications?limit=20`, h.token({ userId: user(who), orgCode: org(orgCode), role: 'clerk' }));
        return page.body.items.length >= count ? (page.body.items as Array<Record<string, string>>) : undefined;
      }, 30_000, `${who}'s inbox`);
    const deputy = await inboxOf('bs-deputy', 'BS-TU', 1);
    const specialist = await inboxOf('bs-specialist', 'BS-TU', 2);
    const handler = await inboxOf('tl-specialist', 'BS-TL-DU', 1);
    const clerk = await inboxOf('tl-clerk', 'BS-TL-DU', 2);
    const secretItems = [...deputy, ...specialist.filter((i) => i.documentId === doc), ...handler, ...clerk];
    expect(secretItems).toHaveLength(5);
    expect(leaks(JSON.stringify(secretItems))).toEqual([]);
    for (const item of secretItems) {
      expect(item.title).toMatch(/^\[(Khẩn|Hỏa tốc)\] Văn bản (Tuyệt mật|Tối mật|mật) chờ anh\/chị xử lý$/);
      expect(item.body).toContain('chờ anh/chị xử lý. Nội dung văn bản mật không gửi kèm thông báo');
      expect(item.link).toBe(`${PORTAL}/documents/${item.documentId}`);
    }
    expect(handler[0]).toMatchObject({ eventType: 'document.assigned', title: '[Hỏa tốc] Văn bản Tuyệt mật chờ anh/chị xử lý' });
    expect(clerk.map((i) => [i.eventType, i.title]).sort()).toEqual([
      ['document.copy-recalled', '[Hỏa tốc] Văn bản mật chờ anh/chị xử lý'],
      ['document.processed', '[Hỏa tốc] Văn bản Tối mật chờ anh/chị xử lý'],
    ]);
    const ordinaryItem = specialist.find((i) => i.documentId === ordinaryDoc);
    expect(ordinaryItem?.body).toBe('Dự thảo Nghị quyết đã bị trả lại để chỉnh sửa.\nGhi chú: Bổ sung số liệu quý IV');

    // E-mail, as the SMTP server received it: subject and text.
    const mailTo = (who: string) => `${user(who)}@demo.vanthu.local`;
    const mails = await eventually(async () => {
      const found = h.mails.filter((m) => ['bs-deputy', 'bs-specialist', 'tl-specialist'].some((w) => m.to.includes(mailTo(w))));
      return found.length >= 4 ? found : undefined;
    }, 60_000, 'the e-mails');
    const subjectOf = (m: ReceivedMail) => decodeHeader(headerOf(m.raw, 'subject') ?? '');
    // Told apart by the link: no text names a document by its id.
    const isOrdinary = (m: ReceivedMail) => bodyOf(m.raw).includes(`${PORTAL}/documents/${ordinaryDoc}`);
    const secretMails = mails.filter((m) => !isOrdinary(m));
    expect(secretMails).toHaveLength(3);
    for (const mail of secretMails) {
      expect(leaks(mail.raw)).toEqual([]);
      expect(leaks(subjectOf(mail))).toEqual([]);
      expect(leaks(bodyOf(mail.raw))).toEqual([]);
      expect(subjectOf(mail)).toMatch(/Văn bản Tuyệt mật chờ anh\/chị xử lý$/);
      expect(bodyOf(mail.raw)).toContain('Có văn bản Tuyệt mật chờ anh/chị xử lý.');
      expect(bodyOf(mail.raw)).toContain(`Xem văn bản: ${PORTAL}/documents/${doc}`);
    }
    const ordinaryMail = mails.find(isOrdinary);
    expect(subjectOf(ordinaryMail!)).toBe('[Khẩn] Văn bản bị trả lại: Dự thảo Nghị quyết');
    expect(bodyOf(ordinaryMail!.raw)).toContain('Ghi chú: Bổ sung số liệu quý IV');

    // Webhooks: every event of each organisation, the secret ones without any free text.
    await eventually(async () => receiver.calls.length >= events.length + 2, 60_000, 'the webhook deliveries');
    const delivered = receiver.calls.map((c) => JSON.parse(c.body) as DomainEvent);
    for (const call of receiver.calls) expect(leaks(call.body + JSON.stringify(call.headers))).toEqual([]);
    const secretBodies = delivered.filter((e) => e.id !== ordinary.id);
    expect(secretBodies.map((e) => e.id).sort()).toEqual([...events, flagged].map((e) => e.id).sort());
    for (const body of secretBodies) {
      const sent = [...events, flagged].find((e) => e.id === body.id)!;
      const { note: _n, subject: _s, comment: _c, report: _r, reason: _why, ...rest } = sent.data;
      expect(body).toEqual({ ...sent, data: rest });
    }
    expect(delivered.find((e) => e.id === ordinary.id)).toEqual(ordinary);

    // Nothing notify keeps holds it either: inbox, ledger, e-mail queue, delivery log, projections.
    const db = h.ctx.mongo.db!;
    for (const { name } of await db.listCollections().toArray()) {
      const docs = await db.collection(name).find({}).toArray();
      expect({ name, leaks: leaks(JSON.stringify(docs)) }).toEqual({ name, leaks: [] });
    }
    expect(consumer.stats.deadLettered).toBe(0);
  });
});

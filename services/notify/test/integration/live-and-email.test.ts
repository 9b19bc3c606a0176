import { startNotifyHarness, eventually, type NotifyHarness } from '../support/notify-harness';
import { copyEvent, demoUsersIn, newDocumentId, outgoingEvent, userRegistered } from '../support/events';
import { openStream } from '../support/sse-client';
import { bodyOf, decodeHeader, headerOf } from '../support/smtp';

describe('live stream (SSE) and e-mail over SMTP (real Kafka, Temporal and SMTP server)', () => {
  let h: NotifyHarness;
  let user: (base: string) => string;
  let org: (base: string) => string;

  beforeAll(async () => {
    h = await startNotifyHarness();
    user = (base) => `${base}-${h.suffix}`;
    org = (base) => `${base}-${h.suffix}`;
    for (const u of demoUsersIn(h.suffix)) await h.handle(userRegistered(u));
    await h.untilLive();
  });
  afterAll(() => h?.stop());

  it('streams a new notification to the connected portal as it happens, and resumes after Last-Event-ID', async () => {
    const deputy = user('bs-deputy');
    const token = h.token({ userId: deputy, orgCode: org('BS-TU'), role: 'leader' });
    // EventSource cannot set headers: the token comes as access_token.
    const stream = await openStream(`${h.apiUrl}/v1/me/stream?access_token=${encodeURIComponent(token)}`, {});
    expect(stream.status).toBe(200);
    try {
      await new Promise((r) => setTimeout(r, 300));
      const doc = newDocumentId();
      const people = { org: org('BS-TU'), createdBy: user('bs-specialist'), signer: user('bs-secretary'), currentApprover: deputy };
      const started = Date.now();
      await h.handle(outgoingEvent(doc, 3, 'review-started', people, { approvers: [deputy] }));
      const event = await stream.next();
      expect(Date.now() - started).toBeLessThan(10_000);
      expect(event).toMatchObject({ event: 'notification', id: '1' });
      expect(JSON.parse(event.data)).toMatchObject({ seq: 1, eventType: 'document.review-started', documentId: doc, read: false });

      // Published twice (a crash between publishing and the ledger), shown once.
      const again = (await h.stores.inbox.page(deputy, { limit: 1 })).items[0]!;
      await h.live.publish({ userId: deputy, item: again });
      await h.handle(outgoingEvent(doc, 4, 'approved', { ...people, currentApprover: undefined } as never, { nextApprover: null, actor: user('bs-secretary') }));
      await h.handle(outgoingEvent(doc, 5, 'approved', people, { nextApprover: deputy }));
      const second = await stream.next();
      expect(second.id).toBe('2');
      expect(stream.events.map((e) => e.id)).toEqual(['1', '2']);
      await eventually(async () => stream.comments > 0, 5_000, 'a heartbeat');
    } finally {
      stream.close();
    }

    const resumed = await openStream(`${h.apiUrl}/v1/me/stream`, { authorization: `Bearer ${token}`, 'last-event-id': '0' });
    try {
      expect([(await resumed.next()).id, (await resumed.next()).id]).toEqual(['1', '2']);
    } finally {
      resumed.close();
    }
  });

  it('streams every notification of events handled at the same time, in seq order (partitions are consumed side by side)', async () => {
    const handler = user('hb-specialist');
    const token = h.token({ userId: handler, orgCode: org('BS-HB-DU'), role: 'specialist' });
    const before = (await h.stores.inbox.page(handler, { limit: 1 })).items[0]?.seq ?? 0;
    const stream = await openStream(`${h.apiUrl}/v1/me/stream`, { authorization: `Bearer ${token}`, 'last-event-id': String(before) });
    try {
      await new Promise((r) => setTimeout(r, 300));
      const docs = Array.from({ length: 20 }, () => newDocumentId());
      await Promise.all(docs.map((doc) => h.handle(copyEvent(doc, org('BS-HB-DU'), 4, 'assigned', { handler, deadline: new Date(Date.now() + 86_400_000).toISOString(), actor: user('hb-clerk') }))));
      const received = [];
      for (let i = 0; i < docs.length; i++) received.push(await stream.next());
      expect(received.map((e) => Number(e.id))).toEqual(Array.from({ length: 20 }, (_, i) => before + i + 1));
      expect(new Set(received.map((e) => (JSON.parse(e.data) as { documentId: string }).documentId))).toEqual(new Set(docs));
    } finally {
      stream.close();
    }
  });

  it('refuses a stream without a valid token, as problem+json', async () => {
    const response = await fetch(`${h.apiUrl}/v1/me/stream?access_token=forged`);
    expect(response.status).toBe(401);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(((await response.json()) as { reason: string }).reason).toBe('token-invalid');
  });

  it('sends the handler an e-mail in Vietnamese that reaches the SMTP server', async () => {
    const handler = user('tl-specialist');
    const event = copyEvent(newDocumentId(), org('BS-TL-DU'), 4, 'assigned', { handler, deadline: '2026-12-01T16:59:59.999Z', actor: user('tl-clerk') });
    await h.handle(event);
    const mail = await eventually(async () => h.mails.find((m) => m.to.includes(`tl-specialist-${h.suffix}@demo.vanthu.local`)), 30_000, 'the e-mail');
    expect(decodeHeader(headerOf(mail.raw, 'subject') ?? '')).toBe('[Hỏa tốc] Anh/chị được giao xử lý: Văn bản');
    expect(decodeHeader(headerOf(mail.raw, 'from') ?? '')).toContain('no-reply@vanthu.local');
    expect(headerOf(mail.raw, 'content-type')).toMatch(/charset=utf-8/i);
    const body = bodyOf(mail.raw);
    expect(body).toContain('Kính gửi Vũ Đức Anh,');
    expect(body).toContain('Hạn xử lý: 23:59 ngày 01/12/2026 (giờ Việt Nam).');
    expect(body).toContain(`https://portal.vanthu.example/documents/${event.subject}`);
    const sent = await eventually(async () => {
      const doc = await h.stores.emails.get(`${event.id}|${handler}|email`);
      return doc?.status === 'sent' ? doc : undefined;
    });
    expect(sent).toMatchObject({ attempts: 1, to: `tl-specialist-${h.suffix}@demo.vanthu.local` });
    expect(headerOf(mail.raw, 'message-id')).toBe(sent.messageId);
  });
});

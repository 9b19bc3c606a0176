import { startNotifyHarness, api, eventually, type NotifyHarness } from '../support/notify-harness';
import { copyEvent, demoUsersIn, newDocumentId, outgoingEvent, userRegistered } from '../support/events';

describe('notify: events reach the right people, once per channel (real MongoDB, Kafka, Temporal, SMTP)', () => {
  let h: NotifyHarness;
  let user: (base: string) => string;
  let org: (base: string) => string;

  beforeAll(async () => {
    h = await startNotifyHarness();
    user = (base) => `${base}-${h.suffix}`;
    org = (base) => `${base}-${h.suffix}`;
    for (const u of demoUsersIn(h.suffix)) await h.handle(userRegistered(u));
  });
  afterAll(() => h?.stop());

  const inboxOf = async (userId: string) => (await h.stores.inbox.page(userId, { limit: 50 })).items;

  it('builds the directory projection: people by id and the members of each role', async () => {
    expect(await h.stores.directory.members(org('BS-TU'), 'leader')).toEqual([user('bs-deputy'), user('bs-secretary')]);
    expect((await h.stores.directory.user(user('tl-clerk')))?.email).toBe(`tl-clerk-${h.suffix}@demo.vanthu.local`);
  });

  it('tells the approver whose turn it is, the issuer clerks of a signature, never the actor', async () => {
    const doc = newDocumentId();
    const people = { org: org('BS-TU'), createdBy: user('bs-specialist'), signer: user('bs-secretary'), currentApprover: user('bs-deputy') };
    await h.handle(outgoingEvent(doc, 3, 'review-started', people, { approvers: [user('bs-deputy')] }));
    const [review] = await inboxOf(user('bs-deputy'));
    expect(review).toMatchObject({ eventType: 'document.review-started', category: 'action', documentId: doc, read: false, seq: 1 });
    expect(review?.title).toBe('[Khẩn] Văn bản chờ anh/chị cho ý kiến: Dự thảo Nghị quyết');

    await h.handle(outgoingEvent(doc, 6, 'signed', { ...people, currentApprover: undefined } as never, { status: 'signing', actor: user('bs-secretary') }));
    expect((await inboxOf(user('bs-clerk'))).map((i) => i.eventType)).toEqual(['document.signed']);
    expect((await inboxOf(user('bs-specialist'))).map((i) => i.eventType)).toEqual(['document.signed']);
    expect(await inboxOf(user('bs-secretary'))).toEqual([]);
  });

  it('names a copy by the type and notation its document was issued with, which the copy’s events do not carry', async () => {
    const doc = newDocumentId();
    const issuer = org('BS-TU');
    const people = { org: issuer, createdBy: user('bs-specialist'), signer: user('bs-secretary') };
    const copyOrg = org('BS-TL-DU');
    await h.handle(outgoingEvent(doc, 7, 'issued', people, { status: 'issued', number: 4, notation: '04-NQ/TU', issuedAt: '2026-11-23T03:05:00Z', content: 'c'.repeat(64), actor: user('bs-clerk') }));
    // As intake sends a copy's registration: neither type, notation nor issuer.
    const received = copyEvent(doc, copyOrg, 2, 'received', { arrivalNumber: 31 }, 'accepted');
    await h.handle(received);
    const item = (await inboxOf(user('tl-clerk'))).find((i) => i.eventId === received.id);
    expect(item).toMatchObject({ documentId: doc, title: '[Hỏa tốc] Văn bản đến mới: Nghị quyết số 04-NQ/TU' });
    expect(item?.body).toBe(`Đơn vị đã nhận Nghị quyết số 04-NQ/TU, số đến 31 từ ${issuer}. Văn bản đang chờ phân công xử lý.`);
    expect(await h.stores.collections.knownDocuments.findOne({ _id: doc })).toEqual({ _id: doc, type: 'NQ', issuer, notation: '04-NQ/TU' });

    // The document's own later events lack the notation too.
    const recalled = outgoingEvent(doc, 9, 'recalled', people, { status: 'recalled', note: 'Ban hành nhầm', actor: user('bs-secretary') });
    await h.handle(recalled);
    expect((await inboxOf(user('bs-specialist'))).find((i) => i.eventId === recalled.id)?.title).toBe('[Khẩn] Văn bản bị thu hồi: Nghị quyết số 04-NQ/TU');
  });

  it('makes one notification per recipient per channel however often an event comes', async () => {
    const doc = newDocumentId();
    const event = copyEvent(doc, org('BS-TL-DU'), 4, 'assigned', { handler: user('tl-specialist'), deadline: '2026-12-01T16:59:59.999Z', actor: user('tl-clerk') });
    await h.handle(event);
    await h.handle(event);
    await Promise.all([h.handle(event), h.handle(event), h.handle(event)]);

    const items = (await inboxOf(user('tl-specialist'))).filter((i) => i.eventId === event.id);
    expect(items).toHaveLength(1);
    const ledger = await h.stores.collections.notifications.find({ eventId: event.id }).toArray();
    expect(ledger.map((n) => n._id).sort()).toEqual(['email', 'inbox', 'sse'].map((ch) => `${event.id}|${user('tl-specialist')}|${ch}`));
    await eventually(async () => (await h.stores.emails.get(`${event.id}|${user('tl-specialist')}|email`))?.status === 'sent', 30_000, 'the e-mail to be sent');
    expect(h.mails.filter((m) => m.to.includes(`tl-specialist-${h.suffix}@demo.vanthu.local`))).toHaveLength(1);
  });

  it('honours preferences: the inbox always, live pushes and e-mail only where chosen', async () => {
    const specialist = user('hb-specialist');
    const token = h.token({ userId: specialist, orgCode: org('BS-HB-DU'), role: 'specialist' });
    const bad = await api(`${h.apiUrl}/v1/me/preferences`, token, 'PUT', { sse: { enabled: 'no', categories: [] }, email: { enabled: true, categories: ['spam'] } });
    expect(bad.status).toBe(400);
    expect(bad.type).toContain('application/problem+json');
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['email.categories.0', 'sse.enabled']);

    const put = await api(`${h.apiUrl}/v1/me/preferences`, token, 'PUT', { sse: { enabled: false, categories: [] }, email: { enabled: true, categories: ['deadline'] } });
    expect(put.status).toBe(200);
    expect((await api(`${h.apiUrl}/v1/me/preferences`, token)).body).toMatchObject({ userId: specialist, email: { enabled: true, categories: ['deadline'] } });

    const doc = newDocumentId();
    const assigned = copyEvent(doc, org('BS-HB-DU'), 4, 'assigned', { handler: specialist, deadline: '2026-12-01T16:59:59.999Z' });
    await h.handle(assigned);
    const channels = async (eventId: string) => (await h.stores.collections.notifications.find({ eventId }).toArray()).map((n) => n.channel).sort();
    expect(await channels(assigned.id)).toEqual(['inbox']);

    const reminder = copyEvent(doc, org('BS-HB-DU'), 5, 'deadline-approaching', { handler: specialist, deadline: '2026-12-01T16:59:59.999Z', escalateTo: null });
    await h.handle(reminder);
    expect(await channels(reminder.id)).toEqual(['email', 'inbox']);
  });

  it('reminds the handler before the deadline and escalates to the leaders when it passes', async () => {
    const doc = newDocumentId();
    const copyOrg = org('BS-TL-DU');
    const handler = user('tl-clerk');
    const approaching = copyEvent(doc, copyOrg, 5, 'deadline-approaching', { handler, deadline: '2026-12-01T16:59:59.999Z', escalateTo: null });
    await h.handle(approaching);
    expect((await inboxOf(handler)).find((i) => i.eventId === approaching.id)).toMatchObject({ category: 'deadline', title: '[Hỏa tốc] Sắp đến hạn xử lý: Văn bản' });
    expect((await inboxOf(user('tl-secretary'))).some((i) => i.eventId === approaching.id)).toBe(false);

    const overdue = copyEvent(doc, copyOrg, 6, 'overdue', { handler, deadline: '2026-12-01T16:59:59.999Z', escalateTo: { org: copyOrg, role: 'leader' } });
    await h.handle(overdue);
    for (const who of [handler, user('tl-secretary')]) {
      const item = (await inboxOf(who)).find((i) => i.eventId === overdue.id);
      expect(item).toMatchObject({ category: 'deadline', eventType: 'document.overdue' });
      expect(item?.body).toContain('đã quá hạn xử lý');
      expect(item?.body).toContain('01/12/2026');
    }
    // The leader's escalation e-mail, in Vietnamese, reaches the SMTP server.
    await eventually(async () => h.mails.find((m) => m.to.includes(`tl-secretary-${h.suffix}@demo.vanthu.local`)), 30_000, 'the escalation e-mail');
  });

  it('serves the inbox newest first with the unread count, and marks read', async () => {
    const clerk = user('hb-clerk');
    const token = h.token({ userId: clerk, orgCode: org('BS-HB-DU'), role: 'clerk' });
    for (let i = 0; i < 5; i += 1) {
      await h.handle(copyEvent(newDocumentId(), org('BS-HB-DU'), 2, 'received', { arrivalNumber: 10 + i, issuer: 'BS-TU' }, 'accepted'));
    }
    const first = await api(`${h.apiUrl}/v1/me/notifications?limit=3`, token);
    expect(first.status).toBe(200);
    expect(first.body.items.map((i: { seq: number }) => i.seq)).toEqual([5, 4, 3]);
    expect(first.body).toMatchObject({ unread: 5, next: 3 });
    // Documents notify never saw issued: named by their sender, not by an id.
    expect(first.body.items[0].title).toBe('[Hỏa tốc] Văn bản đến mới: Văn bản của BS-TU');
    const older = await api(`${h.apiUrl}/v1/me/notifications?limit=3&before=3`, token);
    expect(older.body.items.map((i: { seq: number }) => i.seq)).toEqual([2, 1]);
    expect(older.body.next).toBeUndefined();

    expect((await api(`${h.apiUrl}/v1/me/notifications/4/read`, token, 'POST')).body).toMatchObject({ seq: 4, read: true });
    expect((await api(`${h.apiUrl}/v1/me/notifications/unread-count`, token)).body).toEqual({ unread: 4, last: 5 });
    expect((await api(`${h.apiUrl}/v1/me/notifications?unread=true`, token)).body.items.map((i: { seq: number }) => i.seq)).toEqual([5, 3, 2, 1]);
    expect((await api(`${h.apiUrl}/v1/me/notifications/read-all`, token, 'POST', { upTo: 3 })).body).toEqual({ unread: 1, last: 5 });
    expect((await api(`${h.apiUrl}/v1/me/notifications/read-all`, token, 'POST')).body).toEqual({ unread: 0, last: 5 });

    const missing = await api(`${h.apiUrl}/v1/me/notifications/99/read`, token, 'POST');
    expect(missing).toMatchObject({ status: 404, body: { reason: 'notification-not-found' } });
    const badLimit = await api(`${h.apiUrl}/v1/me/notifications?limit=1000`, token);
    expect(badLimit).toMatchObject({ status: 400, body: { field: 'limit' } });
    // Another user sees only their own inbox.
    const other = h.token({ userId: user('hb-secretary'), orgCode: org('BS-HB-DU'), role: 'leader' });
    expect((await api(`${h.apiUrl}/v1/me/notifications`, other)).body.items.every((i: { seq: number }) => i.seq <= 5)).toBe(true);
    expect((await api(`${h.apiUrl}/v1/me/notifications/unread-count`, other)).body.unread).toBe(5);
    const anonymous = await fetch(`${h.apiUrl}/v1/me/notifications`);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('www-authenticate')).toBe('Bearer realm="vanthu-notify"');
  });
});

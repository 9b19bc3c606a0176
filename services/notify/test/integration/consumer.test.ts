import type { DomainEvent, EventConsumer } from '@vanthu/shared';
import { consumeEvents } from '../../src/dispatch/consume-events';
import { eventually, startNotifyHarness, type NotifyHarness } from '../support/notify-harness';
import { copyEvent, demoUsersIn, newDocumentId, outgoingEvent, userRegistered } from '../support/events';

describe('the notify consumer on Kafka: directory and document events in, redeliveries notify nobody twice', () => {
  let h: NotifyHarness;
  let consumer: EventConsumer;
  let topics: { documents: string; directory: string };

  const publish = async (topic: string, events: DomainEvent[]) => {
    const publisher = await h.ctx.bus.publisher();
    try {
      await publisher.publish(topic, events.map((e) => ({ key: e.subject, value: JSON.stringify(e), headers: { 'event-id': e.id, 'event-type': e.type } })));
    } finally {
      await publisher.close();
    }
  };

  beforeAll(async () => {
    h = await startNotifyHarness();
    // Topics of the test's own: the real ones are the system's audit trail.
    topics = { documents: `vanthu-it-notify-documents-${h.suffix}`, directory: `vanthu-it-notify-directory-${h.suffix}` };
    await h.ctx.bus.ensureTopics([
      { name: topics.documents, partitions: 3, retentionMs: 3_600_000, description: 'notify integration test' },
      { name: topics.directory, partitions: 2, retentionMs: 3_600_000, description: 'notify integration test' },
    ]);
    consumer = await consumeEvents(h.ctx, { stores: h.stores, live: h.live, starter: h.starter, email: true, logger: h.ctx.logger }, {
      group: `vanthu-notify-it-${h.suffix}`,
      topics: [topics.directory, topics.documents],
    });
  });
  afterAll(async () => {
    await consumer?.stop();
    await h?.stop();
  });

  it('builds the directory from directory events and notifies a copy’s clerks and leaders exactly once', async () => {
    const users = demoUsersIn(h.suffix);
    await publish(topics.directory, users.map((u) => userRegistered(u)));
    const org = `BS-HB-DU-${h.suffix}`;
    await eventually(async () => (await h.stores.directory.members(org, 'leader')).length === 1, 30_000, 'the directory projection');

    const received = copyEvent(newDocumentId(), org, 2, 'received', { arrivalNumber: 7, issuer: 'BS-TU' }, 'accepted');
    // As if a first run had written its notifications and crashed before the consumer remembered the event.
    await h.handle(received);
    // The relay publishing it twice, and a later event of the same copy behind them.
    const processed = copyEvent(received.subject, org, 3, 'processed', { note: 'Đã triển khai' }, 'done');
    await publish(topics.documents, [received, received, processed]);

    const clerk = `hb-clerk-${h.suffix}`;
    const items = await eventually(async () => {
      const page = await h.stores.inbox.page(clerk, { limit: 10 });
      return page.items.length >= 2 ? page.items : undefined;
    }, 30_000, 'the clerk’s notifications');
    await new Promise((r) => setTimeout(r, 1_000));
    expect((await h.stores.inbox.page(clerk, { limit: 10 })).items.map((i) => i.eventType)).toEqual(['document.processed', 'document.received']);
    expect(items[1]?.body).toContain('số đến 7');
    expect((await h.stores.inbox.page(`hb-secretary-${h.suffix}`, { limit: 10 })).items.map((i) => i.eventId)).toEqual([received.id]);
    expect(consumer.stats.duplicates).toBeGreaterThanOrEqual(1);
    expect(consumer.stats.deadLettered).toBe(0);
  });

  it('names a copy’s document by the notation its own `document.issued`, ahead on the same key, carried', async () => {
    const doc = newDocumentId();
    const org = `BS-TL-DU-${h.suffix}`;
    const people = { org: `BS-TU-${h.suffix}`, createdBy: `bs-specialist-${h.suffix}`, signer: `bs-secretary-${h.suffix}` };
    // The directory as the first test built it; applying it again changes nothing, and lets this test run alone.
    for (const u of demoUsersIn(h.suffix)) await h.handle(userRegistered(u));
    const issued = outgoingEvent(doc, 7, 'issued', people, { status: 'issued', number: 12, notation: '12-NQ/TU', issuedAt: '2026-11-23T03:05:00Z', content: 'c'.repeat(64) });
    const received = copyEvent(doc, org, 2, 'received', { arrivalNumber: 8 }, 'accepted');
    await publish(topics.documents, [issued, received]);

    const item = await eventually(async () => (await h.stores.inbox.page(`tl-clerk-${h.suffix}`, { limit: 10 })).items.find((i) => i.eventId === received.id), 30_000, 'the copy’s notification');
    expect(item.title).toBe('[Hỏa tốc] Văn bản đến mới: Nghị quyết số 12-NQ/TU');
    expect(item.body).toBe(`Đơn vị đã nhận Nghị quyết số 12-NQ/TU, số đến 8 từ BS-TU-${h.suffix}. Văn bản đang chờ phân công xử lý.`);
    expect(consumer.stats.deadLettered).toBe(0);
  });
});

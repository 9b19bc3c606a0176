import { checkEvent, createLogger, createMessageBus, OutboxRelay, TOPICS, type DomainEvent, type MessageBus } from '@vanthu/shared';
import { openSigningFixture, type SigningFixture } from '../support/signing-fixture';

/** The signing service's own outbox: certificates issued and revoked reach Kafka as events. */
describe('certificate events (real database and Kafka)', () => {
  let f: SigningFixture;
  let bus: MessageBus;
  let relay: OutboxRelay;

  beforeAll(async () => {
    f = await openSigningFixture();
    const logger = createLogger({ test: 'certificate-events' }, 'silent');
    bus = createMessageBus({ brokers: (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(','), clientId: 'it-certificate-events', logger });
    relay = new OutboxRelay({ connection: f.connection, bus, logger, name: 'it-signing', collection: 'outbox' });
    relay.start();
  }, 120_000);

  afterAll(async () => {
    await relay?.stop();
    await bus?.close();
    await f?.close();
  });

  async function eventsOf(serial: string, count: number): Promise<DomainEvent[]> {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const events = (await bus.readTopic(TOPICS.signingEvents.name)).filter((m) => m.key === serial).map((m) => JSON.parse(m.value.toString()) as DomainEvent);
      if (events.length >= count || Date.now() > deadline) return events;
      await new Promise((r) => setTimeout(r, 300));
    }
  }

  it('publishes an issued certificate, then its revocation, each once and valid against its schema', async () => {
    const { authority } = f.module;
    const request = await authority.personRequest({ userId: `it-${Date.now()}`, fullName: 'Phan Văn Khải', position: 'Chuyên viên', orgCode: 'BS-TU', orgName: 'Tỉnh ủy Bắc Sơn' });
    const issued = await authority.issueNew(request);
    await authority.revoke(issued._id, 'key compromise');
    // Announcing again (as a restart after a crash would) publishes nothing new.
    expect(await authority.announcePending()).toBe(0);

    const events = await eventsOf(issued._id, 2);
    expect(events.map((e) => [e.type, e.id])).toEqual([
      ['certificate.issued', `certificate:${issued._id}:1`],
      ['certificate.revoked', `certificate:${issued._id}:2`],
    ]);
    expect(events.map((e) => checkEvent(e))).toEqual([{ ok: true }, { ok: true }]);
    expect(events[0]!.data).toMatchObject({ serial: issued._id, kind: 'person', orgCode: 'BS-TU', imported: false });
    expect(events[1]!.data).toMatchObject({ reason: 'key compromise' });
    // Nothing of the key travels.
    expect(JSON.stringify(events)).not.toMatch(/PRIVATE KEY|"key"|sealed/i);
  });
});

import { checkEvent, createLogger, createMessageBus, OutboxRelay, TOPICS, type DomainEvent, type MessageBus } from '@vanthu/shared';
import { integrationEnv, openArchiveEnv, type ArchiveTestEnv } from '../support/archive-env';

/** The archive's own outbox: holds, notices and dispositions of a work file reach Kafka as events. */
describe('work-file events (real database and Kafka)', () => {
  let env: ArchiveTestEnv;
  let bus: MessageBus;
  let relay: OutboxRelay;

  beforeAll(async () => {
    env = await openArchiveEnv();
    const logger = createLogger({ test: 'work-file-events' }, 'silent');
    bus = createMessageBus({ brokers: integrationEnv().KAFKA_BROKERS, clientId: 'it-work-file-events', logger });
    relay = new OutboxRelay({ connection: env.connection, bus, logger, name: 'it-archive', collection: 'outbox' });
    relay.start();
  });

  afterAll(async () => {
    await relay?.stop();
    await bus?.close();
    await env?.close();
  });

  async function eventsOf(workFileId: string, count: number): Promise<DomainEvent[]> {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const events = (await bus.readTopic(TOPICS.archiveEvents.name)).filter((m) => m.key === workFileId).map((m) => JSON.parse(m.value.toString()) as DomainEvent);
      if (events.length >= count || Date.now() > deadline) return events;
      await new Promise((r) => setTimeout(r, 300));
    }
  }

  it('publishes a hold and its release, a retention notice and the disposition, in order, each once', async () => {
    const { workFiles } = env.archive;
    const file = await workFiles.create({ code: 'HS-2026-01', title: 'Hồ sơ Nghị quyết chuyển đổi số', orgCode: 'BS-TU', createdBy: 'bs-archivist' });
    const hold = await workFiles.placeHold(file._id, { reason: 'Thanh tra đang xem xét', placedBy: 'bs-admin' });
    await workFiles.releaseHold(hold._id, 'bs-admin');
    await workFiles.releaseHold(hold._id, 'bs-admin'); // released already: nothing new
    expect(await workFiles.recordNotice(file._id, { dueAt: '2036-12-31T17:00:00.000Z', action: 'transfer' })).toBe(true);
    expect(await workFiles.recordNotice(file._id, { dueAt: '2036-12-31T17:00:00.000Z', action: 'transfer' })).toBe(false);
    await expect(workFiles.executeDisposition({ workFileId: file._id, workflowId: 'disposition-test', action: 'transfer', approvedBy: 'bs-secretary' })).resolves.toEqual({ outcome: 'transferred' });

    const events = await eventsOf(file._id, 4);
    expect(events.map((e) => e.type)).toEqual(['archive.hold-placed', 'archive.hold-released', 'archive.retention-notice', 'archive.disposition-executed']);
    expect(events.map((e) => checkEvent(e))).toEqual(events.map(() => ({ ok: true })));
    expect(events[0]!.data).toMatchObject({ workFileId: file._id, holdId: hold._id, reason: 'Thanh tra đang xem xét' });
    expect(events[3]!.data).toMatchObject({ action: 'transfer', approvedBy: 'bs-secretary' });
  });
});

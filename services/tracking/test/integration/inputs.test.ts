import { TOPICS, type DomainEvent, type EventConsumer } from '@vanthu/shared';
import { INPUT_EVENT_TYPES } from '../../src/consumers/input-projection';
import { consumeInputs } from '../../src/consumers/inputs-consumer';
import { ProjectionDirectory } from '../../src/directory/directory-reader';
import { trackingCollections } from '../../src/store/collections';
import { copyReceived, documentIssued, documentRecalled, organisationRegistered, publishEvents, userRegistered, type IssuedDocument } from '../support/input-events';
import { trackingTestContext, type TrackingTestContext } from '../support/tracking-context';

/**
 * The worker's inputs consumer, end to end: the events as intake publishes them, through Kafka,
 * into the projection the API decides on. Codes and ids of this run's own, since the topics are
 * shared with every other test.
 */
describe('the inputs projection', () => {
  let t: TrackingTestContext;
  let consumer: EventConsumer;
  let group: string;
  let code: (name: string) => string;
  let resolution: IssuedDocument;
  let recalled: IssuedDocument;
  let secret: IssuedDocument;
  let clearanceEvent: DomainEvent;

  beforeAll(async () => {
    t = await trackingTestContext();
    code = (name: string) => `IT${t.run}-${name}`;
    group = `it-tracking-inputs-${t.run}`;
    consumer = await consumeInputs(t.ctx, { group });
    t.lifecycle.onStop('inputs consumer', () => consumer.stop());

    const province = { code: code('TU'), name: 'Tỉnh ủy thử', level: 'province' as const, parent: 'TW', notationCode: 'TU' };
    const commune = { code: code('DU'), name: 'Đảng ủy xã thử', level: 'commune' as const, parent: province.code, notationCode: 'ĐU' };
    const office = { code: code('VP'), name: 'Văn phòng Đảng ủy xã thử', level: 'office' as const, parent: commune.code, notationCode: 'VPĐU' };
    const person = { id: `it-${t.run}-secretary`, fullName: 'Người thử', position: 'Bí thư', role: 'leader' as const, org: commune.code, email: `it-${t.run}@demo.vanthu.local`, clearance: 'mat' as const };
    clearanceEvent = {
      id: `user-${person.id}:2`,
      type: 'directory.user-clearance-changed',
      version: 1,
      occurredAt: '2026-02-01T00:00:00.000Z',
      source: 'intake',
      subject: person.id,
      data: { userId: person.id, org: person.org, clearance: 'toi-mat', changedBy: 'bs-admin', changedAt: '2026-02-01T00:00:00.000Z' },
    };
    const doc = (name: string, overrides: Partial<IssuedDocument> = {}): IssuedDocument => ({
      documentId: `doc-it-${t.run}-${name}`,
      issuer: province.code,
      type: 'NQ',
      notation: `7-NQ/TU`,
      number: 7,
      secrecy: 'none',
      issuedAt: '2026-11-20T03:00:00.000Z',
      ...overrides,
    });
    resolution = doc('resolution');
    recalled = doc('recalled', { type: 'CT', notation: '8-CT/TU', number: 8 });
    secret = doc('secret', { secrecy: 'mat', type: 'KL', notation: '9-KL/TU', number: 9 });

    // The office before its commune, as two partitions may deliver them.
    const directory = [organisationRegistered(office), organisationRegistered(province), organisationRegistered(commune), userRegistered(person), clearanceEvent];
    const documents = [documentIssued(resolution), documentIssued(recalled), documentRecalled(recalled), documentIssued(secret), copyReceived(resolution, commune.code)];
    await publishEvents(t.ctx.bus, TOPICS.directoryEvents.name, directory);
    await publishEvents(t.ctx.bus, TOPICS.documentEvents.name, documents);
    const acted = [...directory, ...documents].filter((event) => (INPUT_EVENT_TYPES as readonly string[]).includes(event.type));
    for (const event of acted) await t.handled(group, event.id);
    // The clearance change and the copy are passed over, not remembered: read past them too.
    await t.caughtUp(group);
  });

  afterAll(() => t?.close());

  it('learns the organisations and their places in the hierarchy', async () => {
    const { organisations } = trackingCollections(t.ctx.mongo);
    expect(await organisations.findById(code('VP')).lean()).toEqual({ _id: code('VP'), name: 'Văn phòng Đảng ủy xã thử', level: 'office', parent: code('DU'), notationCode: 'VPĐU' });
    const view = await new ProjectionDirectory(t.ctx.mongo).view();
    expect(view.isBelow(code('VP'), code('TU'))).toBe(true);
    expect(view.subtree(code('TU'))).toEqual([code('TU'), code('DU'), code('VP')]);
    expect(view.children(code('DU')).map((o) => o.code)).toEqual([code('VP')]);
  });

  it('learns the people, and has no use for their clearances', async () => {
    const { users } = trackingCollections(t.ctx.mongo);
    expect(await users.findById(`it-${t.run}-secretary`).lean()).toEqual({
      _id: `it-${t.run}-secretary`,
      fullName: 'Người thử',
      position: 'Bí thư',
      role: 'leader',
      org: code('DU'),
      email: `it-${t.run}@demo.vanthu.local`,
    });
  });

  it('learns each issued document with what tasks are checked against, and its recall', async () => {
    const { sources } = trackingCollections(t.ctx.mongo);
    expect(await sources.findById(resolution.documentId).lean()).toEqual({ _id: resolution.documentId, issuer: code('TU'), type: 'NQ', notation: '7-NQ/TU', number: 7, secrecy: 'none', issuedAt: resolution.issuedAt });
    expect(await sources.findById(recalled.documentId).lean()).toMatchObject({ type: 'CT', recalled: true });
    // Kept with its level, so that the API can refuse its tasks by name (secret-source).
    expect(await sources.findById(secret.documentId).lean()).toMatchObject({ secrecy: 'mat' });
    // A recipient's copy is not a document of its own.
    expect(await sources.findById(`${resolution.documentId}@${code('DU')}`).lean()).toBeNull();
  });

  it('writes the same projection again when an event is applied twice', async () => {
    const { sources } = trackingCollections(t.ctx.mongo);
    await t.apply([documentIssued(recalled), documentIssued(resolution)]);
    expect(await sources.findById(recalled.documentId).lean()).toMatchObject({ recalled: true, number: 8 });
    expect(await sources.countDocuments({ _id: { $in: [resolution.documentId, recalled.documentId, secret.documentId] } })).toBe(3);
  });

  it('takes the first events of one record handled by several writers at once, none failing', async () => {
    const { organisations, users, sources } = trackingCollections(t.ctx.mongo);
    const org = { code: code('RACE'), name: 'Chi bộ thử', level: 'commune' as const, parent: code('TU'), notationCode: 'CB' };
    const person = { id: `it-${t.run}-racer`, fullName: 'Người chạy', position: 'Chuyên viên', role: 'specialist' as const, org: org.code, email: `race-${t.run}@demo.vanthu.local` };
    const issued = { ...resolution, documentId: `doc-it-${t.run}-race` };
    // As the seeder and the consumer (or one event redelivered during a rebalance) do: every
    // one's upsert may try the insert, and on our database the unique `_id` fails all but one.
    const events = [organisationRegistered(org), userRegistered(person), documentIssued(issued)];
    await Promise.all(Array.from({ length: 12 }, () => events.map((event) => t.apply([event]))).flat());
    expect(await organisations.findById(org.code).lean()).toMatchObject({ name: 'Chi bộ thử', parent: code('TU') });
    expect(await users.findById(person.id).lean()).toMatchObject({ org: org.code, role: 'specialist' });
    expect(await sources.findById(issued.documentId).lean()).toMatchObject({ notation: '7-NQ/TU' });
  });

  it('serves the tree from memory until it is old, then reads the projection again', async () => {
    let now = 1_000_000;
    const directory = new ProjectionDirectory(t.ctx.mongo, { maxAgeMs: 5_000, now: () => now });
    const before = await directory.view();
    await t.apply([organisationRegistered({ code: code('HB'), name: 'Đảng ủy phường thử', level: 'commune', parent: code('TU'), notationCode: 'ĐU' })]);
    now += 4_999;
    expect(await directory.view()).toBe(before);
    expect((await directory.view()).organisation(code('HB'))).toBeUndefined();
    now += 1;
    const after = await directory.view();
    expect(after.isBelow(code('HB'), code('TU'))).toBe(true);
    // Requests that find it stale together share one reload.
    now += 10_000;
    const [a, b] = await Promise.all([directory.view(), directory.view()]);
    expect(a).toBe(b);
  });
});

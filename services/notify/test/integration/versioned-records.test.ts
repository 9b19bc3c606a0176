import { randomUUID } from 'node:crypto';
import type { Connection } from 'mongoose';
import { connectMongo, createLogger, loadServiceConfig } from '@vanthu/shared';
import type { RoleMembers } from '../../src/store/collections';
import { UNCHANGED, VersionedRecords, VERSIONS_RETAINED, versionId, type RecordHead, type RecordVersion } from '../../src/store/versioned-records';

/*
 * What the directory's roles, the webhook endpoints and the read marks rest on, against the real
 * database: FerretDB applies an update by reading the document and writing it back, so 50
 * concurrent `$addToSet`s on one document keep a handful. Changes through VersionedRecords keep all.
 */
describe('VersionedRecords: concurrent read-modify-writes of one record, none lost (real FerretDB)', () => {
  let connection: Connection;
  let records: VersionedRecords<RoleMembers>;
  const heads = () => connection.db!.collection<RecordHead<RoleMembers>>('records');
  const versions = () => connection.db!.collection<RecordVersion<RoleMembers>>('records_versions');

  beforeAll(async () => {
    const database = `vanthu_it_notify_vr_${randomUUID().replace(/-/g, '').slice(0, 10)}`;
    const config = loadServiceConfig('notify', 'worker', { ...process.env, MONGO_DATABASE: database });
    connection = await connectMongo({ url: config.MONGO_URL, database, logger: createLogger({ test: 'versioned-records' }, process.env.LOG_LEVEL ?? 'warn') });
    records = new VersionedRecords(heads(), versions());
  });
  afterAll(async () => {
    await connection?.dropDatabase();
    await connection?.close();
  });

  it('applies every one of 50 concurrent changes, each once, and keeps only the last versions', async () => {
    const join = (userId: string) =>
      records.update('BS-TU|clerk', (current) => {
        const members = current?.members ?? [];
        return members.includes(userId) ? UNCHANGED : { org: 'BS-TU', role: 'clerk', members: [...members, userId] };
      });
    const users = Array.from({ length: 50 }, (_, i) => `clerk-${i}`);
    // Each twice: a change already applied is not applied again.
    await Promise.all([...users, ...users].map(join));

    const { version, value } = await records.read('BS-TU|clerk');
    expect(version).toBe(50);
    expect([...(value?.members ?? [])].sort()).toEqual([...users].sort());
    expect(await heads().findOne({ _id: 'BS-TU|clerk' })).toMatchObject({ version: 50 });
    const kept = await versions().find({}).toArray();
    expect(kept.map((v) => v.version).sort((a, b) => a - b)).toEqual(Array.from({ length: VERSIONS_RETAINED }, (_, i) => 50 - VERSIONS_RETAINED + 1 + i));
  });

  it('reads a document an earlier release wrote as version 0, and changes it from there', async () => {
    await heads().insertOne({ _id: 'BS-TL|leader', org: 'BS-TL', role: 'leader', members: ['old-leader'] });
    expect(await records.read('BS-TL|leader')).toEqual({ version: 0, value: { org: 'BS-TL', role: 'leader', members: ['old-leader'] } });
    await records.update('BS-TL|leader', (current) => ({ org: 'BS-TL', role: 'leader', members: [...(current?.members ?? []), 'new-leader'] }));
    expect(await versions().findOne({ _id: versionId('BS-TL|leader', 1) })).toMatchObject({ members: ['old-leader', 'new-leader'] });
    expect((await records.read('BS-TL|leader')).value?.members).toEqual(['old-leader', 'new-leader']);
  });

  it('reads past a head that a slower writer set back', async () => {
    await records.update('BS-HB|clerk', () => ({ org: 'BS-HB', role: 'clerk', members: ['a'] }));
    await records.update('BS-HB|clerk', () => ({ org: 'BS-HB', role: 'clerk', members: ['a', 'b'] }));
    // As if the first writer's head write landed after the second's.
    await heads().replaceOne({ _id: 'BS-HB|clerk' }, { org: 'BS-HB', role: 'clerk', members: ['a'], version: 1 });
    expect(await records.read('BS-HB|clerk')).toEqual({ version: 2, value: { org: 'BS-HB', role: 'clerk', members: ['a', 'b'] } });
  });

  it('writes the newest version over a head a slower writer set back, once both are done', async () => {
    let reached!: () => void;
    let release!: () => void;
    const slowerAtHead = new Promise<void>((resolve) => (reached = resolve));
    const held = new Promise<void>((resolve) => (release = resolve));
    // The first writer's head write as our database may apply it: its filter checked before the
    // second writer's head landed, its write after (held here until the second is done).
    const racing = new Proxy(heads(), {
      get(target, property) {
        if (property === 'replaceOne') {
          return async (filter: { _id: string }, head: RecordHead<RoleMembers>, options: object) => {
            if (head.version !== 1) return target.replaceOne(filter, head, options);
            reached();
            await held;
            return target.replaceOne({ _id: filter._id }, head, options);
          };
        }
        const value: unknown = Reflect.get(target, property, target);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    const racingRecords = new VersionedRecords<RoleMembers>(racing, versions());
    const slower = racingRecords.update('BS-SB|clerk', () => ({ org: 'BS-SB', role: 'clerk', members: ['a'] }));
    await slowerAtHead;
    await racingRecords.update('BS-SB|clerk', (current) => ({ org: 'BS-SB', role: 'clerk', members: [...(current?.members ?? []), 'b'] }));
    release();
    await slower;
    expect(await heads().findOne({ _id: 'BS-SB|clerk' })).toEqual({ _id: 'BS-SB|clerk', org: 'BS-SB', role: 'clerk', members: ['a', 'b'], version: 2 });
  });
});

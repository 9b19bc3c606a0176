import type { Connection } from 'mongoose';
import { AccessLog, accessRecordId, connectMongo, createLogger, type AccessEntry, type AccessRecord } from '../../src';
import { integrationEnv, uniqueName } from '../support/integration-env';

const ORG = 'BS-TU';
const entry = (n: number, overrides: Partial<AccessEntry> = {}): AccessEntry => ({
  org: ORG,
  actor: `user-${n}`,
  actorOrg: ORG,
  action: 'read',
  documentId: `doc-${n % 3}`,
  target: 'metadata',
  secrecy: 'mat',
  outcome: n % 5 === 0 ? 'refused' : 'allowed',
  from: '127.0.0.1',
  ...(n % 5 === 0 && { reason: 'no-clearance' }),
  ...overrides,
});

describe('the access log on the real database', () => {
  const database = uniqueName('vanthu_it_access_log');
  const open = () => connectMongo({ url: integrationEnv().MONGO_URL, database, logger: createLogger({ test: 'access-log' }, 'silent') });
  // Separate connections, as separate processes would have: nothing in memory is shared.
  const connections: Connection[] = [];
  let records: ReturnType<Connection['collection']>;

  beforeAll(async () => {
    for (let i = 0; i < 5; i += 1) connections.push(await open());
    records = connections[0]!.collection('access_log');
  });
  afterAll(async () => {
    await connections[0]?.dropDatabase();
    await Promise.all(connections.map((c) => c.close()));
  });

  const stored = async (org: string, seq: number) => (await records.findOne({ _id: accessRecordId(org, seq) } as never)) as (AccessRecord & { _id: string }) | null;

  it('chains 50 concurrent appends from five processes into seq 1..50, no gap, no fork', async () => {
    const logs = connections.map((c) => new AccessLog(c));
    const appended = await Promise.all(Array.from({ length: 50 }, (_, n) => logs[n % logs.length]!.record(entry(n + 1))));

    expect(appended.map((r) => r.seq).sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    const chain: AccessRecord[] = [];
    for (let seq = 1; seq <= 50; seq += 1) chain.push((await stored(ORG, seq))!);
    expect(chain.every((r, i) => r.seq === i + 1 && r.prev === (i === 0 ? '0'.repeat(64) : chain[i - 1]!.hash))).toBe(true);
    // Every entry is there exactly once: none was lost to a race, none written twice.
    expect(chain.map((r) => r.actor).sort()).toEqual(Array.from({ length: 50 }, (_, n) => `user-${n + 1}`).sort());
    expect(await stored(ORG, 51)).toBeNull();
    expect(await new AccessLog(connections[4]!).verify(ORG)).toEqual({ ok: true, records: 50 });
  });

  it('continues the chain from a process that starts later', async () => {
    const record = await new AccessLog(connections[2]!).record(entry(51));
    expect(record).toMatchObject({ seq: 51, prev: (await stored(ORG, 50))!.hash });
    expect(await new AccessLog(connections[0]!).verify(ORG)).toEqual({ ok: true, records: 51 });
  });

  it('keeps each organisation its own chain, stores only the entry fields', async () => {
    const log = new AccessLog(connections[1]!);
    const first = await log.record({ ...entry(1, { org: 'BS-TL-DU' }), ...({ password: 'not for the log' } as object) } as AccessEntry);
    expect(first).toMatchObject({ org: 'BS-TL-DU', seq: 1, prev: '0'.repeat(64) });
    expect(await stored('BS-TL-DU', 1)).not.toHaveProperty('password');
    expect(await log.verify('BS-TL-DU')).toEqual({ ok: true, records: 1 });
    expect(await log.verify('BS-NOBODY')).toEqual({ ok: true, records: 0 });
  });

  it('lists an organisation’s records newest first, filtered and paged', async () => {
    const log = new AccessLog(connections[3]!);
    const page = await log.list(ORG, { page: 1, pageSize: 10 });
    expect(page).toMatchObject({ total: 51, page: 1, pageSize: 10 });
    expect(page.items.map((r) => r.seq)).toEqual([51, 50, 49, 48, 47, 46, 45, 44, 43, 42]);
    expect(page.items[0]).not.toHaveProperty('_id');

    const refused = await log.list(ORG, { outcome: 'refused', page: 1, pageSize: 100 });
    expect(refused.total).toBe(10);
    expect(refused.items.every((r) => r.outcome === 'refused' && r.reason === 'no-clearance')).toBe(true);
    expect((await log.list(ORG, { actor: 'user-7', page: 1, pageSize: 5 })).items.map((r) => r.actor)).toEqual(['user-7']);
    expect((await log.list(ORG, { documentId: 'doc-0', page: 2, pageSize: 5 })).total).toBe(17);

    const today = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
    expect((await log.list(ORG, { from: today, to: today, page: 1, pageSize: 1 })).total).toBe(51);
    expect((await log.list(ORG, { to: '2000-01-01', page: 1, pageSize: 1 })).total).toBe(0);
    await expect(log.list(ORG, { from: 'yesterday', page: 1, pageSize: 1 })).rejects.toMatchObject({ status: 400, field: 'from' });
  });

  describe('tampering', () => {
    const log = () => new AccessLog(connections[0]!);
    const put = async (record: AccessRecord & { _id: string }) => records.insertOne(record as never);

    it('finds a changed field at its record', async () => {
      const original = (await stored(ORG, 17))!;
      await records.updateOne({ _id: accessRecordId(ORG, 17) } as never, { $set: { actor: 'someone-else' } });
      expect(await log().verify(ORG)).toEqual({ ok: false, records: 16, brokenAt: 17, problem: expect.stringMatching(/record 17 was altered/) });
      // Rewriting the record's hash too only moves the break to the next record's link.
      await records.updateOne({ _id: accessRecordId(ORG, 17) } as never, { $set: { hash: 'f'.repeat(64) } });
      expect(await log().verify(ORG)).toMatchObject({ ok: false, brokenAt: 17 });
      await records.replaceOne({ _id: accessRecordId(ORG, 17) } as never, original);
      expect(await log().verify(ORG)).toEqual({ ok: true, records: 51 });
    });

    it('finds records swapped in place', async () => {
      const [a, b] = [(await stored(ORG, 10))!, (await stored(ORG, 11))!];
      await records.replaceOne({ _id: a._id } as never, { ...b, _id: a._id });
      await records.replaceOne({ _id: b._id } as never, { ...a, _id: b._id });
      expect(await log().verify(ORG)).toMatchObject({ ok: false, brokenAt: 10, problem: expect.stringMatching(/not in its place/) });
      await records.replaceOne({ _id: a._id } as never, a);
      await records.replaceOne({ _id: b._id } as never, b);
      expect((await log().verify(ORG)).ok).toBe(true);
    });

    it('finds a record removed from the middle', async () => {
      const removed = (await stored(ORG, 30))!;
      await records.deleteOne({ _id: removed._id } as never);
      expect(await log().verify(ORG)).toEqual({ ok: false, records: 29, brokenAt: 30, problem: 'record 30 is missing' });
      await put(removed);
      expect((await log().verify(ORG)).ok).toBe(true);
    });

    it('finds records removed from the end, through the head anchor', async () => {
      for (const seq of [49, 50, 51]) await records.deleteOne({ _id: accessRecordId(ORG, seq) } as never);
      expect(await log().verify(ORG)).toEqual({ ok: false, records: 48, brokenAt: 49, problem: expect.stringMatching(/ends at record 48 but its head says 51/) });
    });
  });
});

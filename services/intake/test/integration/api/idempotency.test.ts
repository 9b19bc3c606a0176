import { randomUUID } from 'node:crypto';
import type { Connection } from 'mongoose';
import { baseEnvSchema, connectMongo, createLogger, loadConfig } from '@vanthu/shared';
import { IDEMPOTENCY_COLLECTION, mongoIdempotencyStore } from '../../../src/http/idempotency-store';
import { FakeIntake } from '../../unit/api/support/fake-intake';
import { draftForm, DRAFT, problemOf } from '../../unit/api/support/drafts';
import { ADMIN, CLERK, SPECIALIST, startApi, type TestApi } from '../../unit/api/support/api-server';

/**
 * Against the real database, because the guarantee rests on what only it provides: a unique index
 * that lets exactly one of many concurrent inserts win.
 */
describe('idempotency keys (real MongoDB)', () => {
  let connection: Connection;
  let intake: FakeIntake;
  let api: TestApi;

  beforeAll(async () => {
    connection = await connectMongo({
      url: loadConfig(baseEnvSchema, process.env).MONGO_URL,
      database: `vanthu_it_idem_${randomUUID().replace(/-/g, '').slice(0, 12)}`,
      logger: createLogger({ test: 'idempotency' }, 'silent'),
    });
  });
  afterAll(async () => {
    await connection.dropDatabase();
    await connection.close();
  });

  beforeEach(async () => {
    intake = new FakeIntake();
    // Generous limits: this is about keys, not load shedding.
    api = await startApi(intake, { store: mongoIdempotencyStore(connection), edge: { maxInFlight: 1000 } });
  });
  afterEach(() => api.close());

  const postDraft = (key: string, metadata: unknown = DRAFT, as = SPECIALIST) =>
    api.call('/v1/documents', { method: 'POST', body: draftForm({ metadata }), headers: { 'idempotency-key': key }, as });

  it('runs a create once for 20 concurrent requests with one key; every answer carries the same body', async () => {
    intake.delayMs = 400;
    const key = randomUUID();
    const first = await Promise.all(Array.from({ length: 20 }, () => postDraft(key)));

    const created = first.filter((r) => r.status === 201);
    const inProgress = first.filter((r) => r.status === 409);
    expect(created.length + inProgress.length).toBe(20);
    expect(created.length).toBeGreaterThanOrEqual(1);
    for (const response of inProgress) {
      expect(response.headers.get('retry-after')).toBe('1');
      expect(await problemOf(response)).toMatchObject({ reason: 'request-in-progress', field: 'Idempotency-Key' });
    }
    // Retries after Retry-After get the stored answer.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const retried = await Promise.all(inProgress.map(() => postDraft(key)));
    const all = [...created, ...retried];
    expect(all.map((r) => r.status)).toEqual(Array(all.length).fill(201));
    expect(all).toHaveLength(20);

    const bodies = await Promise.all(all.map((r) => r.text()));
    expect(new Set(bodies).size).toBe(1);
    expect(new Set(all.map((r) => r.headers.get('location'))).size).toBe(1);
    expect(all.filter((r) => r.headers.get('idempotent-replayed') !== 'true')).toHaveLength(1);
    expect(intake.callsOf('createDraft')).toHaveLength(1);

    const records = await connection.collection(IDEMPOTENCY_COLLECTION).find({ key }).toArray();
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ user: SPECIALIST.userId, state: 'done', response: { status: 201 } });
  });

  it('keeps the unique index on (key, user) that decides the race', async () => {
    await postDraft(randomUUID());
    const indexes = await connection.collection(IDEMPOTENCY_COLLECTION).indexes();
    expect(indexes).toEqual(expect.arrayContaining([expect.objectContaining({ key: { key: 1, user: 1 }, unique: true })]));
  });

  it('answers 422 when a key comes back with a different request', async () => {
    const key = randomUUID();
    expect((await postDraft(key)).status).toBe(201);
    const other = await postDraft(key, { ...DRAFT, subject: 'Một văn bản khác' });
    expect(other.status).toBe(422);
    expect(await problemOf(other)).toMatchObject({ reason: 'idempotency-key-reused', field: 'Idempotency-Key' });
    expect(intake.callsOf('createDraft')).toHaveLength(1);
  });

  it('scopes a key to its user', async () => {
    const key = randomUUID();
    expect((await postDraft(key, DRAFT, SPECIALIST)).status).toBe(201);
    const clerk = await postDraft(key, DRAFT, CLERK);
    expect(clerk.status).toBe(201);
    expect(clerk.headers.get('idempotent-replayed')).toBeNull();
    expect(intake.callsOf('createDraft')).toHaveLength(2);
  });

  it('forgets a key whose request failed with 5xx, so the retry runs', async () => {
    const key = randomUUID();
    intake.failNextCreate = true;
    const failed = await postDraft(key);
    expect(failed.status).toBe(500);
    expect(await connection.collection(IDEMPOTENCY_COLLECTION).countDocuments({ key })).toBe(0);
    const retried = await postDraft(key);
    expect(retried.status).toBe(201);
    expect(retried.headers.get('idempotent-replayed')).toBeNull();
    expect(intake.callsOf('createDraft')).toHaveLength(2);
  });

  it('stores a 4xx answer and replays it', async () => {
    const key = randomUUID();
    // An organisation that exists already: the application's 409, after the edge let the admin in.
    const org = { code: 'BS-TU', name: 'Tỉnh ủy Bắc Sơn', level: 'province', notationCode: 'TU', numbering: { period: 'calendar-year' } };
    const post = () =>
      api.call('/v1/organisations', {
        as: ADMIN,
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': key },
        body: JSON.stringify(org),
      });
    const first = await post();
    expect(first.status).toBe(409);
    const second = await post();
    expect(second.status).toBe(409);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    expect(await second.json()).toEqual(await first.json());
    expect(intake.callsOf('createOrganisation')).toHaveLength(1);
  });
});

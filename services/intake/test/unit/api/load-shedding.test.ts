import { FakeIntake } from './support/fake-intake';
import { ADMIN, SPECIALIST, startApi, type TestApi } from './support/api-server';
import { draftForm, problemOf } from './support/drafts';

describe('load shedding', () => {
  let intake: FakeIntake;
  let api: TestApi | undefined;

  beforeEach(() => {
    intake = new FakeIntake();
  });
  afterEach(() => api?.close());

  it('answers 503 overloaded with Retry-After beyond the in-flight limit, and loses nothing it admitted', async () => {
    api = await startApi(intake, { edge: { maxInFlight: 3 } });
    intake.delayMs = 300;
    const responses = await Promise.all(Array.from({ length: 10 }, () => api!.call('/v1/organisations')));
    const served = responses.filter((r) => r.status === 200);
    const refused = responses.filter((r) => r.status === 503);
    expect(served).toHaveLength(3);
    expect(refused).toHaveLength(7);
    for (const response of refused) {
      expect(response.headers.get('retry-after')).toBe('1');
      expect((await problemOf(response)).reason).toBe('overloaded');
    }
    // Every request the app saw was answered; none refused reached it.
    expect(intake.callsOf('listOrganisations')).toHaveLength(3);
    for (const response of served) expect(((await response.json()) as { items: unknown[] }).items).toHaveLength(1);
  });

  it('keeps health answering while overloaded, and admits again once requests finish', async () => {
    api = await startApi(intake, { edge: { maxInFlight: 1 } });
    intake.delayMs = 300;
    const slow = api.call('/v1/organisations');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect((await api.call('/v1/organisations')).status).toBe(503);
    expect((await fetch(`${api.url}/health/live`)).status).toBe(200);
    expect((await slow).status).toBe(200);
    intake.delayMs = 0;
    expect((await api.call('/v1/organisations')).status).toBe(200);
  });

  it('frees a slot when the caller hangs up before the answer', async () => {
    api = await startApi(intake, { edge: { maxInFlight: 1 } });
    intake.delayMs = 200;
    const abort = new AbortController();
    const gone = api.call('/v1/organisations', { signal: abort.signal }).catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 50));
    abort.abort();
    await gone;
    await new Promise((resolve) => setTimeout(resolve, 20));
    intake.delayMs = 0;
    expect((await api.call('/v1/organisations')).status).toBe(200);
  });

  it('answers 429 rate-limited to one user past their burst, with the wait, while others go on', async () => {
    api = await startApi(intake, { edge: { ratePerSecond: 0.5, rateBurst: 3 } });
    const statuses = [];
    for (let i = 0; i < 4; i += 1) statuses.push((await api.call('/v1/organisations', { as: SPECIALIST })).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const limited = await api.call('/v1/organisations', { as: SPECIALIST });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(Number(limited.headers.get('retry-after'))).toBeLessThanOrEqual(2);
    expect((await problemOf(limited)).reason).toBe('rate-limited');
    expect((await api.call('/v1/organisations', { as: ADMIN })).status).toBe(200);
    expect(intake.callsOf('listOrganisations')).toHaveLength(4);
  });

  it('refuses new documents with 429 system-busy once its requests run past the latency target, and goes on acting on those it has', async () => {
    // Any latency is past a target of 1 ms: the first window (3 s) ends with the rate at its floor.
    api = await startApi(intake, { edge: { admission: { targetMs: 1, percentile: 0.5 } } });
    intake.delayMs = 30;
    for (let i = 0; i < 6; i += 1) expect((await api.call('/v1/organisations')).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 3_100));
    intake.delayMs = 0;
    const create = () => api!.call('/v1/documents', { method: 'POST', body: draftForm(), headers: { 'Idempotency-Key': crypto.randomUUID() } });
    // The floor still admits one now and then, so the signal never dies; the next is refused.
    expect((await create()).status).toBe(201);
    const refused = await create();
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect((await problemOf(refused)).reason).toBe('system-busy');
    expect(intake.callsOf('createDraft')).toHaveLength(1);
    // Work on what was admitted, and reads, are never refused by it.
    expect((await api.call('/v1/organisations')).status).toBe(200);
  });
});

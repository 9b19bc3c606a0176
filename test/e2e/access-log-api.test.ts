import { randomUUID } from 'node:crypto';
import {
  AccessLog,
  accessRecordId,
  createApiApp,
  createLogger,
  DEVELOPMENT_JWT_SECRET,
  issueToken,
  Lifecycle,
  listen,
  loadEdgeSettings,
  loadServiceConfig,
  openServiceContext,
  TOKEN_AUDIENCES,
  type AccessEntry,
  type Principal,
  type ServiceContext,
  type ServiceDefinition,
  type StartedServer,
} from '@vanthu/shared';
import { archiveService } from '../../services/archive/src/service';
import { intakeService } from '../../services/intake/src/service';

/*
 * The security officer's routes on the two services that keep an access log, each API composed as
 * its process composes it (createApiApp), on a database of the test's own. Records are appended
 * by another AccessLog on the same database, as the service's own reads (or another process) would.
 */
const OFFICER: Principal = { userId: 'bs-security', orgCode: 'BS-TU', role: 'security-officer' };
const COMMUNE_OFFICER: Principal = { userId: 'tl-security', orgCode: 'BS-TL-DU', role: 'security-officer' };
const CLERK: Principal = { userId: 'bs-clerk', orgCode: 'BS-TU', role: 'clerk' };
const ADMIN: Principal = { userId: 'bs-admin', orgCode: 'BS-TU', role: 'admin' };
const PROBLEM = 'application/problem+json';

const entry = (actor: string, outcome: 'allowed' | 'refused', org = 'BS-TU'): AccessEntry => ({
  org,
  actor,
  actorOrg: org,
  action: 'read',
  documentId: 'doc-secret-1',
  target: 'metadata',
  secrecy: 'toi-mat',
  outcome,
  from: '127.0.0.1',
  ...(outcome === 'refused' && { reason: 'no-clearance' }),
});

describe.each([intakeService, archiveService])('the access log through the $name API (real MongoDB)', (definition: ServiceDefinition) => {
  let api: StartedServer;
  let lifecycle: Lifecycle;
  let ctx: ServiceContext;
  const suffix = randomUUID().slice(0, 8);
  const databases = [`vanthu_it_${definition.name}_access_${suffix}`, `vanthu_it_blobs_access_${suffix}`];

  beforeAll(async () => {
    const logger = createLogger({ test: 'access-log-api' }, 'silent');
    lifecycle = new Lifecycle(logger);
    const config = loadServiceConfig(definition.name, 'api', { ...process.env, MONGO_DATABASE: databases[0], BLOB_DATABASE: databases[1] });
    ctx = await openServiceContext(config, logger, lifecycle);
    await definition.prepare?.(ctx);
    const edge = { ...loadEdgeSettings(definition.name, {}), ratePerSecond: 10_000, rateBurst: 10_000 };
    api = await listen(await createApiApp(definition, ctx, lifecycle, edge), '127.0.0.1', 0);
    const log = new AccessLog(ctx.mongo);
    for (const [actor, outcome] of [['bs-secretary', 'allowed'], ['bs-specialist', 'refused'], ['bs-clerk', 'allowed']] as const) await log.record(entry(actor, outcome));
    await log.record(entry('tl-clerk', 'allowed', 'BS-TL-DU'));
  }, 120_000);

  afterAll(async () => {
    await api?.close();
    for (const name of databases) await ctx?.mongo.getClient().db(name).dropDatabase().catch(() => undefined);
    await lifecycle?.stop();
  });

  const call = async (path: string, as: Principal | null = OFFICER) => {
    const headers: Record<string, string> = as ? { authorization: `Bearer ${issueToken(DEVELOPMENT_JWT_SECRET, as, 300, TOKEN_AUDIENCES[definition.name])}` } : {};
    const res = await fetch(`${api.url}${path}`, { headers });
    return { status: res.status, type: res.headers.get('content-type') ?? '', body: (await res.json()) as Record<string, unknown> & { items?: Array<Record<string, unknown>> } };
  };

  it("lists the officer's own organisation's log, newest first, with filters", async () => {
    const all = await call('/v1/access-log');
    expect(all).toMatchObject({ status: 200, body: { org: 'BS-TU', total: 3, page: 1, pageSize: 20 } });
    expect(all.body.items?.map((r) => [r.seq, r.actor, r.outcome])).toEqual([
      [3, 'bs-clerk', 'allowed'],
      [2, 'bs-specialist', 'refused'],
      [1, 'bs-secretary', 'allowed'],
    ]);
    expect(all.body.items?.[0]).toMatchObject({ documentId: 'doc-secret-1', secrecy: 'toi-mat', from: '127.0.0.1', hash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect((await call('/v1/access-log?outcome=refused')).body).toMatchObject({ total: 1, items: [{ actor: 'bs-specialist', reason: 'no-clearance' }] });
    expect((await call('/v1/access-log?actor=bs-clerk&documentId=doc-secret-1&org=BS-TU')).body.total).toBe(1);
    expect((await call('/v1/access-log?page=2&pageSize=2')).body).toMatchObject({ total: 3, page: 2, pageSize: 2, items: [{ seq: 1 }] });
    expect((await call('/v1/access-log?to=2000-01-01')).body.total).toBe(0);
    expect((await call(`/v1/access-log?from=${encodeURIComponent(new Date(Date.now() - 60_000).toISOString())}`)).body.total).toBe(3);
  });

  it('verifies the chain, and names the record someone changed', async () => {
    expect(await call('/v1/access-log/verify')).toMatchObject({ status: 200, body: { org: 'BS-TU', ok: true, records: 3 } });
    const records = ctx.mongo.collection('access_log');
    await records.updateOne({ _id: accessRecordId('BS-TU', 2) } as never, { $set: { outcome: 'allowed' } });
    try {
      expect((await call('/v1/access-log/verify')).body).toMatchObject({ ok: false, records: 1, brokenAt: 2, problem: expect.stringMatching(/altered/) });
    } finally {
      await records.updateOne({ _id: accessRecordId('BS-TU', 2) } as never, { $set: { outcome: 'refused' } });
    }
    expect((await call('/v1/access-log/verify')).body.ok).toBe(true);
  });

  it("answers another organisation's officer as if the log did not exist, and keeps theirs apart", async () => {
    for (const path of ['/v1/access-log?org=BS-TU', '/v1/access-log/verify?org=BS-TU']) {
      expect(await call(path, COMMUNE_OFFICER)).toMatchObject({ status: 404, type: expect.stringContaining(PROBLEM), body: { reason: 'access-log-not-found', field: 'org' } });
    }
    expect((await call('/v1/access-log?org=BS-TL-DU')).status).toBe(404);
    expect((await call('/v1/access-log', COMMUNE_OFFICER)).body).toMatchObject({ org: 'BS-TL-DU', total: 1, items: [{ actor: 'tl-clerk' }] });
    expect((await call('/v1/access-log/verify', COMMUNE_OFFICER)).body).toMatchObject({ org: 'BS-TL-DU', ok: true, records: 1 });
  });

  it('refuses other roles (an admin too) with 403, and no token with 401', async () => {
    for (const who of [CLERK, ADMIN]) {
      expect(await call('/v1/access-log', who)).toMatchObject({ status: 403, type: expect.stringContaining(PROBLEM) });
      expect((await call('/v1/access-log/verify', who)).status).toBe(403);
    }
    expect(await call('/v1/access-log', null)).toMatchObject({ status: 401, type: expect.stringContaining(PROBLEM) });
    expect((await call('/v1/access-log/verify', null)).status).toBe(401);
  });

  it('refuses a bad query with a 400 naming the parameter', async () => {
    for (const [query, field] of [
      ['outcome=maybe', 'outcome'],
      ['from=not-a-date-at-all', 'from'],
      ['to=2026-02-31', 'to'],
      ['pageSize=1000', 'pageSize'],
      ['page=0', 'page'],
      ['secrecy=mat', 'secrecy'],
    ]) {
      const answer = await call(`/v1/access-log?${query}`);
      expect({ query, status: answer.status, type: answer.type, field: answer.body.field }).toEqual({ query, status: 400, type: expect.stringContaining(PROBLEM), field });
    }
  });
});

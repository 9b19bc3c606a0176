import { createHttpApp, createLogger, finishApp, issueToken, listen, loadEdgeSettings, mountSecure, Problem, type StartedServer } from '@vanthu/shared';
import { intakeApiRouter } from '../../../src/api/api-router';
import { deadlineFigures, documentFigures, processingFigures } from '../../../src/figures/compute-figures';
import type { FigureItem } from '../../../src/figures/figure-item';
import { FiguresIndex } from '../../../src/figures/figures-index';
import type { FiguresQueries } from '../../../src/figures/live-figures';
import { OrgTree } from '../../../src/figures/org-tree';
import type { Principal } from '../../../src/app/ports';
import { FakeIntake } from './support/fake-intake';
import { MemoryIdempotencyStore } from './support/memory-idempotency-store';
import { TEST_SECRET, TEST_SETTINGS } from './support/api-server';

const tree = new OrgTree([
  { org: 'BS-TU', name: 'Tỉnh ủy Bắc Sơn', level: 'province' },
  { org: 'BS-TL-DU', name: 'Đảng ủy xã Tân Lập', level: 'commune', parent: 'BS-TU' },
  { org: 'BS-HB-DU', name: 'Đảng ủy phường Hòa Bình', level: 'commune', parent: 'BS-TU' },
  { org: 'BS-TL-VP', name: 'Văn phòng Đảng ủy xã Tân Lập', level: 'office', parent: 'BS-TL-DU' },
]);

const projectedAt = new Date();
const items: FigureItem[] = [
  { _id: 'd1', kind: 'outgoing', seq: 5, issuer: 'BS-TU', type: 'NQ', secrecy: 'mat', urgency: 'normal', issuedAt: '2026-12-01T09:00:00+07:00', projectedAt },
  { _id: 'd1@BS-TL-DU', kind: 'incoming', seq: 5, documentId: 'd1', org: 'BS-TL-DU', urgency: 'normal', status: 'done', arrivedAt: '2026-12-01T03:00:00.000Z', doneAt: '2026-12-01T05:00:00.000Z', projectedAt },
  { _id: 'd1@BS-HB-DU', kind: 'incoming', seq: 3, documentId: 'd1', org: 'BS-HB-DU', urgency: 'normal', status: 'assigned', arrivedAt: '2026-12-01T03:00:00.000Z', deadline: '2026-12-02T16:59:59.000Z', projectedAt },
];

/** The real computations over a fixed index; `loaded` false answers as a process still loading does. */
class FixedFigures implements FiguresQueries {
  private readonly index = new FiguresIndex();
  loaded = true;

  constructor() {
    for (const item of items) this.index.put(item);
  }

  get isLoaded() {
    return this.loaded;
  }

  private upTo() {
    if (!this.loaded) throw new Problem(503, 'figures-loading', 'The figures are being loaded; try again shortly.', { retryAfterSeconds: 5 });
    return projectedAt.toISOString();
  }

  documents: FiguresQueries['documents'] = (scope, period) => documentFigures(this.index, scope, period, this.upTo());
  processing: FiguresQueries['processing'] = (scope, period) => processingFigures(this.index, scope, period, this.upTo());
  deadlines: FiguresQueries['deadlines'] = (scope, asOf, withinDays) => deadlineFigures(this.index, scope, asOf, withinDays, this.upTo());
}

const who = (userId: string, orgCode: string, role: Principal['role']): Principal => ({ userId, orgCode, role });
const PROVINCE_LEADER = who('bs-secretary', 'BS-TU', 'leader');
const COMMUNE_LEADER = who('tl-secretary', 'BS-TL-DU', 'leader');

describe('the figures routes', () => {
  let server: StartedServer;
  const figures = new FixedFigures();

  beforeAll(async () => {
    const logger = createLogger({ test: 'figures-routes' }, 'silent');
    const edge = { ...loadEdgeSettings('intake', { JWT_SECRET: TEST_SECRET }), maxInFlight: 64, ratePerSecond: 1000, rateBurst: 1000 };
    const app = createHttpApp({ service: 'intake', logger, readiness: [], state: { draining: false }, edge });
    // Every answer is held to the OpenAPI document (TEST_SETTINGS.validateResponses).
    mountSecure(
      app,
      intakeApiRouter({ intake: new FakeIntake(), settings: TEST_SETTINGS, logger, idempotencyStore: new MemoryIdempotencyStore(), figures: { figures, directory: { view: async () => tree } } }),
    );
    finishApp(app, logger);
    server = await listen(app, '127.0.0.1', 0);
  });
  afterAll(() => server?.close());

  const call = (path: string, as: Principal) => fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${issueToken(TEST_SECRET, as, 300)}` } });
  const json = async (path: string, as: Principal) => {
    const response = await call(path, as);
    return { status: response.status, headers: response.headers, body: (await response.json()) as Record<string, unknown> & { organisations?: Array<{ org: string }> } };
  };

  it('answers a province leader with the province and every organisation below it, as the contract says', async () => {
    const documents = await json('/v1/figures/documents?from=2026-12-01&to=2026-12-01', PROVINCE_LEADER);
    expect(documents.status).toBe(200);
    expect(documents.headers.get('cache-control')).toBe('private, no-store');
    expect(documents.body).toMatchObject({ org: 'BS-TU', from: '2026-12-01', to: '2026-12-01', totals: { issued: 1, received: 2 } });
    expect(documents.body.organisations!.map((o) => o.org)).toEqual(['BS-TU', 'BS-HB-DU', 'BS-TL-DU', 'BS-TL-VP']);
    const processing = await json('/v1/figures/processing?from=2026-12-01&to=2026-12-01', PROVINCE_LEADER);
    expect(processing.body.totals).toEqual({ completed: 1, p50Seconds: 7200, p90Seconds: 7200 });
    const deadlines = await json(`/v1/figures/deadlines?asOf=${encodeURIComponent('2026-12-01T10:00:00+07:00')}`, PROVINCE_LEADER);
    expect(deadlines.body).toMatchObject({ withinDays: 2, asOf: '2026-12-01T03:00:00.000Z', totals: { near: 1, past: 0 } });
    expect((await json(`/v1/figures/deadlines?asOf=${encodeURIComponent('2026-12-03T10:00:00Z')}&withinDays=0`, PROVINCE_LEADER)).body.totals).toEqual({ near: 0, past: 1 });
  });

  it('never carries a subject or any text: a secret document is only counted', async () => {
    const text = await (await call('/v1/figures/documents?from=2026-12-01&to=2026-12-01', PROVINCE_LEADER)).text();
    expect(text).not.toMatch(/subject|note|report|secrecy/i);
  });

  it("shows a commune's leader their own commune and its offices, and refuses the province and the other commune", async () => {
    const own = await json('/v1/figures/documents?from=2026-12-01&to=2026-12-01', COMMUNE_LEADER);
    expect(own.status).toBe(200);
    expect(own.body.organisations!.map((o) => o.org)).toEqual(['BS-TL-DU', 'BS-TL-VP']);
    expect(own.body.totals).toEqual({ issued: 0, received: 1 });
    for (const org of ['BS-TU', 'BS-HB-DU']) {
      for (const route of ['documents', 'processing', 'deadlines']) {
        const refused = await json(`/v1/figures/${route}?org=${org}`, COMMUNE_LEADER);
        expect(refused.status).toBe(403);
        expect(refused.body).toMatchObject({ reason: 'outside-hierarchy', field: 'org' });
      }
    }
    expect((await json('/v1/figures/deadlines?org=BS-TL-VP', COMMUNE_LEADER)).status).toBe(200);
  });

  it('is for leaders and administrators: clerks, specialists and the others are refused', async () => {
    expect((await call('/v1/figures/documents', who('bs-admin', 'BS-TU', 'admin'))).status).toBe(200);
    for (const role of ['clerk', 'specialist', 'archivist', 'security-officer'] as const) {
      const refused = await call('/v1/figures/documents', who(`bs-${role}`, 'BS-TU', role));
      expect(refused.status).toBe(403);
    }
  });

  it('refuses a bad query as problem+json naming the field', async () => {
    const cases: Array<[string, number, string]> = [
      ['/v1/figures/documents?from=2026-02-31', 400, 'from'],
      ['/v1/figures/documents?from=yesterday', 400, 'from'],
      ['/v1/figures/processing?to=2026-13-01', 400, 'to'],
      ['/v1/figures/documents?from=2026-12-02&to=2026-12-01', 400, 'to'],
      ['/v1/figures/documents?from=2025-01-01&to=2026-12-31', 400, 'to'],
      ['/v1/figures/deadlines?withinDays=-1', 400, 'withinDays'],
      ['/v1/figures/deadlines?withinDays=two', 400, 'withinDays'],
      [`/v1/figures/deadlines?asOf=${encodeURIComponent('2026-12-01T10:00:00')}`, 400, 'asOf'],
      ['/v1/figures/documents?groupBy=type', 400, 'groupBy'],
      ['/v1/figures/documents?org=NOWHERE', 422, 'org'],
    ];
    for (const [path, status, field] of cases) {
      const response = await call(path, PROVINCE_LEADER);
      expect({ path, status: response.status, type: response.headers.get('content-type') }).toEqual({ path, status, type: expect.stringMatching(/^application\/problem\+json/) });
      expect({ path, field: ((await response.json()) as { field?: string }).field }).toEqual({ path, field });
    }
  });

  it('answers 503 figures-loading with Retry-After while the process loads them', async () => {
    figures.loaded = false;
    try {
      const response = await call('/v1/figures/documents', PROVINCE_LEADER);
      expect(response.status).toBe(503);
      expect(response.headers.get('retry-after')).toBe('5');
      expect(await response.json()).toMatchObject({ reason: 'figures-loading' });
    } finally {
      figures.loaded = true;
    }
  });
});

import { createHttpApp, createLogger, finishApp, issueToken, listen, loadEdgeSettings, mountSecure, type Principal } from '@vanthu/shared';
import { trackingApiRouter } from '../../src/api/api-router';
import { mountFiguresRoutes } from '../../src/api/figures-routes';
import { OrgTree } from '../../src/directory/org-tree';
import { computeFigures } from '../../src/figures/compute-figures';
import type { FiguresQuery, FiguresResult } from '../../src/figures/figure-item';
import { FiguresIndex } from '../../src/figures/figures-index';
import { FakeTracking, TEST_SECRET } from '../support/api-server';

const directory = new OrgTree([
  { code: 'TW', name: 'Trung ương', level: 'central' },
  { code: 'BS-TU', name: 'Tỉnh ủy Bắc Sơn', level: 'province', parent: 'TW' },
  { code: 'BS-TL-DU', name: 'Đảng ủy xã Tân Lập', level: 'commune', parent: 'BS-TU' },
  { code: 'BS-HB-DU', name: 'Đảng ủy phường Hòa Bình', level: 'commune', parent: 'BS-TU' },
]);
const PROVINCE: Principal = { userId: 'bs-specialist', orgCode: 'BS-TU', role: 'specialist' };
const COMMUNE: Principal = { userId: 'tl-specialist', orgCode: 'BS-TL-DU', role: 'specialist' };

const index = new FiguresIndex();
['BS-TL-DU', 'BS-TL-DU', 'BS-HB-DU'].forEach((leadOrg, i) =>
  index.put({
    _id: `task-${i}`,
    seq: 1,
    kind: 'task',
    status: 'accepted',
    sourceDocumentId: 'doc-12',
    sourceNotation: '12-NQ/TU',
    documentType: 'NQ',
    assignerOrg: 'BS-TU',
    leadOrg,
    rootTaskId: `task-${i}`,
    depth: 0,
    // 2026-12-31, the end of that day in Vietnam, and the start of the next.
    deadline: i === 2 ? '2026-12-31T17:00:00.000Z' : '2026-12-31T16:59:59.999Z',
    assignedAt: '2026-10-01T00:00:00.000Z',
    progress: 0,
    projectedAt: new Date('2026-10-01T00:00:00.000Z'),
  }),
);

describe('GET /v1/figures', () => {
  const queries: FiguresQuery[] = [];
  let server: { url: string; close: () => Promise<void> };
  const call = (query: string, as: Principal = PROVINCE, headers: Record<string, string> = {}) =>
    fetch(`${server.url}/v1/figures?${query}`, { headers: { authorization: `Bearer ${issueToken(TEST_SECRET, as, 300)}`, ...headers } });

  beforeAll(async () => {
    const logger = createLogger({ test: 'figures-routes' }, 'silent');
    const edge = { ...loadEdgeSettings('tracking', { JWT_SECRET: TEST_SECRET }), maxInFlight: 64, ratePerSecond: 1000, rateBurst: 1000 };
    const http = createHttpApp({ service: 'tracking', logger, readiness: [], state: { draining: false }, edge });
    const figures = {
      query(query: FiguresQuery): FiguresResult {
        queries.push(query);
        return computeFigures(index, directory, query, '2027-01-15T00:00:00.000Z');
      },
    };
    mountSecure(
      http,
      trackingApiRouter({
        app: new FakeTracking(),
        logger,
        maxEvidenceBytes: 1024,
        validateResponses: true,
        include: (router) => mountFiguresRoutes(router, { logger }, { figures, directory: { view: async () => directory } }),
      }),
    );
    finishApp(http, logger);
    server = await listen(http, '127.0.0.1', 0);
  });
  afterAll(() => server.close());

  it('answers JSON, grouped by lead organisation unless told, each row drilling down', async () => {
    const response = await call('org=BS-TU&asOf=2027-01-15T00%3A00%3A00Z');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    const body = (await response.json()) as FiguresResult;
    expect(body).toMatchObject({ org: 'BS-TU', scope: 'own', groupBy: 'leadOrg', asOf: '2027-01-15T00:00:00.000Z', totals: { overdue: 3, total: 3 } });
    expect(body.rows.map((r) => [r.key, r.label, r.total])).toEqual([
      ['BS-HB-DU', 'Đảng ủy phường Hòa Bình', 1],
      ['BS-TL-DU', 'Đảng ủy xã Tân Lập', 2],
    ]);
    expect(body.rows[1]!.drillDown).toBe('org=BS-TL-DU&scope=own&groupBy=leadOrg&asOf=2027-01-15T00%3A00%3A00.000Z');
  });

  it('takes a date as the whole day in Vietnam', async () => {
    const body = (await (await call('org=BS-TU&from=2026-12-01&to=2026-12-31&asOf=2027-01-15T00%3A00%3A00Z')).json()) as FiguresResult;
    expect(body).toMatchObject({ from: '2026-11-30T17:00:00.000Z', to: '2026-12-31T16:59:59.999Z', totals: { total: 2 } });
  });

  it('answers CSV for Accept: text/csv and for format=csv', async () => {
    for (const response of [await call('org=BS-TU&groupBy=none', PROVINCE, { accept: 'text/csv' }), await call('org=BS-TU&groupBy=none&format=csv')]) {
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/csv; charset=utf-8/);
      expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="figures-BS-TU-\d{4}-\d{2}-\d{2}\.csv"$/);
      const text = Buffer.from(await response.arrayBuffer()).toString('utf8');
      expect(text.charCodeAt(0)).toBe(0xfeff);
      expect(text.slice(1).split('\r\n')[0]).toBe('Hoàn thành đúng hạn,Hoàn thành quá hạn,Đang thực hiện trong hạn,Quá hạn chưa hoàn thành,Tổng số');
    }
  });

  it("lets a member of an organisation above read a commune's figures, and refuses a commune the province's", async () => {
    expect((await call('org=BS-TL-DU')).status).toBe(200);
    expect((await call('org=BS-TL-DU', COMMUNE)).status).toBe(200);
    const refused = await call('org=BS-TU', COMMUNE);
    expect(refused.status).toBe(403);
    expect(refused.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await refused.json()).toMatchObject({ reason: 'outside-hierarchy', field: 'org' });
    expect((await call('org=BS-HB-DU', COMMUNE)).status).toBe(403);
  });

  it.each([
    ['org=BS-XX', 422, 'unknown-organisation', 'org'],
    ['org=BS-TU&leadOrg=BS-XX', 422, 'unknown-organisation', 'leadOrg'],
    ['org=BS-TU&from=2027-01-01&to=2026-12-01', 400, undefined, 'to'],
    ['org=BS-TU&groupBy=commune', 400, undefined, 'groupBy'],
    ['org=BS-TU&asOf=yesterday', 400, undefined, 'asOf'],
    ['scope=own', 400, undefined, 'org'],
  ])('answers %s with %i naming the field', async (query, status, reason, field) => {
    const before = queries.length;
    const response = await call(query);
    expect(response.status).toBe(status);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const body = (await response.json()) as { reason: string; field?: string; errors?: Array<{ field: string }> };
    if (reason) expect(body.reason).toBe(reason);
    expect([body.field, ...(body.errors ?? []).map((e) => e.field)].join(' ')).toContain(field);
    expect(queries.length).toBe(before);
  });
});

import {
  createHttpApp,
  createLogger,
  DEVELOPMENT_JWT_SECRET,
  DEVELOPMENT_SERVICE_TOKEN_SECRET,
  finishApp,
  issueServiceToken,
  issueToken,
  listen,
  loadEdgeSettings,
  METRICS_POLICY,
  mountSecure,
  PUBLIC,
  requestLabels,
  RouteTable,
  roles,
  routeTableOf,
  secureRouter,
  type StartedServer,
} from '../../src';

describe('route template labels', () => {
  const table = new RouteTable();
  table.add({ method: 'get', path: '/v1/documents/:id', policy: PUBLIC });
  table.add({ method: 'post', path: '/v1/documents/:id/transitions', policy: PUBLIC });
  table.add({ method: 'get', path: '/health/ready', policy: PUBLIC });

  it('labels a request by the pattern it matched, never by its URL', () => {
    expect(requestLabels(table, 'GET', '/v1/documents/3f1c0a9e-1111-4c5e-9f00-000000000001', 200)).toEqual({
      route: '/v1/documents/:id',
      method: 'GET',
      status: '200',
      status_class: '2xx',
    });
    expect(requestLabels(table, 'POST', '/v1/documents/anything/transitions', 422).route).toBe('/v1/documents/:id/transitions');
    // HEAD is answered by the GET route.
    expect(requestLabels(table, 'HEAD', '/v1/documents/x', 200).route).toBe('/v1/documents/:id');
  });

  it('keeps every label a bounded set: unknown paths, wrong methods and odd verbs are lumped together', () => {
    expect(requestLabels(table, 'GET', '/wp-admin/setup.php', 404).route).toBe('unmatched');
    expect(requestLabels(table, 'GET', '/v1/documents/a/b/c', 404).route).toBe('unmatched');
    // The path exists, the method does not (405): no template answered it.
    expect(requestLabels(table, 'DELETE', '/v1/documents/x', 405)).toEqual({ route: 'unmatched', method: 'DELETE', status: '405', status_class: '4xx' });
    expect(requestLabels(table, 'PROPFIND', '/v1/documents/x', 405).method).toBe('other');
    expect(requestLabels(table, 'GET', '/health/ready', 503).status_class).toBe('5xx');
  });
});

describe('GET /metrics on a process built with createHttpApp', () => {
  let server: StartedServer;
  const audience = 'vanthu-intake';
  const call = (path: string, token?: string) => fetch(`${server.url}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  const user = (role: 'admin' | 'clerk') => issueToken(DEVELOPMENT_JWT_SECRET, { userId: `u-${role}`, orgCode: 'BS-TU', role }, 60);
  const service = (name: 'console' | 'operator' | 'notify') => issueServiceToken(DEVELOPMENT_SERVICE_TOKEN_SECRET, name, audience);

  beforeAll(async () => {
    const logger = createLogger({ test: 'metrics-endpoint' }, 'silent');
    const app = createHttpApp({
      service: 'metrics-test',
      logger,
      readiness: [],
      state: { draining: false },
      edge: { ...loadEdgeSettings('intake', {}), ratePerSecond: 1000, rateBurst: 1000 },
    });
    mountSecure(
      app,
      secureRouter()
        .get('/v1/things/:id', roles('clerk'), (req, res) => {
          res.json({ id: req.params.id });
        })
        .get('/v1/broken', roles('clerk'), () => {
          throw new Error('boom');
        }),
    );
    finishApp(app, logger);
    server = await listen(app, '127.0.0.1', 0);
  });
  afterAll(() => server.close());

  it('is in the route table with its policy: console and operator services, administrators', () => {
    expect(METRICS_POLICY.describe).toBe('service:console, service:operator or admin');
    expect(METRICS_POLICY.allows({ kind: 'service', service: 'console' })).toBe(true);
    expect(METRICS_POLICY.allows({ kind: 'service', service: 'intake' })).toBe(false);
  });

  it('refuses anonymous callers (401), other services and non-admin users (403)', async () => {
    expect((await call('/metrics')).status).toBe(401);
    expect((await call('/metrics', user('clerk'))).status).toBe(403);
    expect((await call('/metrics', service('notify'))).status).toBe(403);
  });

  it('answers the console, operators and administrators in the Prometheus text format', async () => {
    for (const token of [service('console'), service('operator'), user('admin')]) {
      const res = await call('/metrics', token);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
      const text = await res.text();
      expect(text).toContain('# TYPE vanthu_http_requests_total counter');
      expect(text).toContain('# TYPE vanthu_process_resident_memory_bytes gauge');
    }
  });

  it('counts and times each request under its route template and status, refusals included', async () => {
    const id = `id-${Date.now()}`;
    expect((await call(`/v1/things/${id}`, user('clerk'))).status).toBe(200);
    expect((await call('/v1/things/other', user('admin'))).status).toBe(403);
    expect((await call('/v1/broken', user('clerk'))).status).toBe(500);
    expect((await call('/no/such/route', user('clerk'))).status).toBe(404);
    const text = await (await call('/metrics', service('console'))).text();
    expect(text).not.toContain(id);
    const count = (labels: string) => Number(new RegExp(`^vanthu_http_requests_total\\{${labels}\\} (\\d+)$`, 'm').exec(text)?.[1] ?? 0);
    expect(count('route="/v1/things/:id",method="GET",status="200",status_class="2xx"')).toBeGreaterThanOrEqual(1);
    expect(count('route="/v1/things/:id",method="GET",status="403",status_class="4xx"')).toBeGreaterThanOrEqual(1);
    expect(count('route="/v1/broken",method="GET",status="500",status_class="5xx"')).toBe(1);
    expect(count('route="unmatched",method="GET",status="404",status_class="4xx"')).toBeGreaterThanOrEqual(1);
    expect(text).toMatch(/^vanthu_http_request_duration_seconds_bucket\{le="0\.005",route="\/v1\/things\/:id",method="GET",status="200",status_class="2xx"\} \d+$/m);
    expect(text).toMatch(/^vanthu_http_request_duration_seconds_count\{route="\/v1\/broken",method="GET",status="500",status_class="5xx"\} 1$/m);
  });

  it('declares /metrics in the app table, so the authorisation matrix walks it', () => {
    const logger = createLogger({ test: 'metrics-endpoint' }, 'silent');
    const app = createHttpApp({ service: 'x', logger, readiness: [], state: { draining: false }, edge: loadEdgeSettings('intake', {}) });
    expect(routeTableOf(app).list()).toContainEqual({ method: 'get', path: '/metrics', policy: METRICS_POLICY });
  });
});

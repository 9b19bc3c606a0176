import {
  anyUser,
  createHttpApp,
  createLogger,
  DEVELOPMENT_JWT_SECRET,
  finishApp,
  issueToken,
  listen,
  loadEdgeSettings,
  mountSecure,
  secureRouter,
  type StartedServer,
} from '../../src';

const UI = 'http://127.0.0.1:8233';

describe('cross-origin access for one path prefix of the shared app', () => {
  let server: StartedServer;
  const token = issueToken(DEVELOPMENT_JWT_SECRET, { userId: 'bs-clerk', orgCode: 'BS-TU', role: 'clerk' }, 60);

  beforeAll(async () => {
    const logger = createLogger({ test: 'http-cors' }, 'silent');
    const app = createHttpApp({
      service: 'test',
      logger,
      state: { draining: false },
      readiness: [],
      jsonLimit: '1kb',
      edge: { ...loadEdgeSettings('intake', {}), ratePerSecond: 1000, rateBurst: 1000 },
      cors: { pathPrefix: '/v1/codec', origins: [UI], methods: ['POST'], headers: ['Authorization', 'Content-Type', 'X-Namespace'] },
      jsonLimitByPrefix: { '/v1/codec': '8kb' },
    });
    const echo = secureRouter()
      .post('/v1/codec/decode', anyUser(), (req, res) => {
        res.json({ size: JSON.stringify(req.body).length });
      })
      .post('/v1/other', anyUser(), (req, res) => {
        res.json({ size: JSON.stringify(req.body).length });
      });
    mountSecure(app, echo);
    finishApp(app, logger);
    server = await listen(app, '127.0.0.1', 0);
  });
  afterAll(() => server.close());

  const preflight = (path: string, origin: string) =>
    fetch(`${server.url}${path}`, {
      method: 'OPTIONS',
      headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type,x-namespace' },
    });

  it('answers a preflight from a listed origin without credentials', async () => {
    const res = await preflight('/v1/codec/decode', UI);
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe(UI);
    expect(res.headers.get('access-control-allow-credentials')).toBe('true');
    expect(res.headers.get('access-control-allow-methods')).toBe('POST');
    expect(res.headers.get('access-control-allow-headers')).toBe('Authorization, Content-Type, X-Namespace');
    expect(res.headers.get('vary')).toMatch(/Origin/);
  });

  it('gives another origin no CORS headers, and its preflight a problem', async () => {
    const res = await preflight('/v1/codec/decode', 'https://evil.example');
    expect(res.status).toBe(403);
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    expect(await res.json()).toMatchObject({ reason: 'origin-not-allowed', field: 'Origin' });
    const post = await fetch(`${server.url}/v1/codec/decode`, { method: 'POST', headers: { origin: 'https://evil.example', authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: '{}' });
    expect(post.status).toBe(200);
    expect(post.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('still authenticates the actual request, with headers the browser needs to read the refusal', async () => {
    const res = await fetch(`${server.url}/v1/codec/decode`, { method: 'POST', headers: { origin: UI, 'content-type': 'application/json' }, body: '{}' });
    expect(res.status).toBe(401);
    expect(res.headers.get('access-control-allow-origin')).toBe(UI);
  });

  it('leaves paths outside the prefix same-origin only', async () => {
    const res = await preflight('/v1/other', UI);
    expect(res.status).toBe(401);
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('takes larger JSON bodies under the prefix only', async () => {
    const body = JSON.stringify({ payloads: 'x'.repeat(4096) });
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    expect((await fetch(`${server.url}/v1/codec/decode`, { method: 'POST', headers, body })).status).toBe(200);
    expect((await fetch(`${server.url}/v1/other`, { method: 'POST', headers, body })).status).toBe(413);
    expect((await fetch(`${server.url}/v1/codec/decode`, { method: 'POST', headers, body: JSON.stringify({ p: 'x'.repeat(9000) }) })).status).toBe(413);
  });
});

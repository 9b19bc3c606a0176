import pino from 'pino';
import {
  anyUser,
  createHttpApp,
  createLogger,
  DEVELOPMENT_JWT_SECRET,
  DEVELOPMENT_SERVICE_TOKEN_SECRET,
  finishApp,
  issueServiceToken,
  issueToken,
  listen,
  loadEdgeSettings,
  mountSecure,
  principalOf,
  Problem,
  PUBLIC,
  REDACTED_PATHS,
  roles,
  secureRouter,
  type HealthState,
  type StartedServer,
  withQueryToken,
} from '../../src';

describe('the shared HTTP app', () => {
  let server: StartedServer;
  const state: HealthState = { draining: false };
  let dependencyUp = true;

  beforeAll(async () => {
    const logger = createLogger({ test: 'http-app' }, 'silent');
    const app = createHttpApp({
      service: 'test',
      logger,
      state,
      jsonLimit: '1kb',
      edge: { ...loadEdgeSettings('intake', {}), ratePerSecond: 1000, rateBurst: 1000 },
      readiness: [
        {
          name: 'dependency',
          check: async () => {
            if (!dependencyUp) throw new Error('dependency down');
          },
        },
      ],
    });
    const open = secureRouter()
      .post('/echo', PUBLIC, (req, res) => {
        res.json(req.body);
      })
      .get('/conflict', PUBLIC, () => {
        throw new Problem(409, 'duplicate-number', 'Number 15 is taken.', { field: 'number' });
      })
      .get('/crash', PUBLIC, async () => {
        throw new Error('boom');
      });
    const closed = secureRouter()
      .get('/v1/things/:id', roles('clerk', 'leader'), (req, res) => {
        res.json({ id: req.params.id, by: principalOf(res).userId });
      })
      .delete('/v1/things/:id', roles('admin'), (_req, res) => {
        res.status(204).end();
      });
    mountSecure(app, open, closed);
    // Added behind the builder's back: still closed to anyone without credentials.
    app.get('/v1/forgotten', (_req, res) => {
      res.json({ leaked: true });
    });
    finishApp(app, logger);
    server = await listen(app, '127.0.0.1', 0);
  });
  afterAll(() => server.close());

  const problemOf = async (res: Response) => {
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    return (await res.json()) as Record<string, unknown>;
  };

  it('answers liveness and readiness', async () => {
    expect((await fetch(`${server.url}/health/live`)).status).toBe(200);
    const ready = await fetch(`${server.url}/health/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ready', checks: [{ name: 'dependency', ok: true }] });
  });

  it('is not ready while a dependency is down, and says which', async () => {
    dependencyUp = false;
    try {
      const res = await fetch(`${server.url}/health/ready`);
      expect(res.status).toBe(503);
      expect(await res.json()).toMatchObject({ status: 'unavailable', checks: [{ name: 'dependency', ok: false, error: 'dependency down' }] });
    } finally {
      dependencyUp = true;
    }
  });

  it('is not ready while draining, so traffic moves away before shutdown', async () => {
    state.draining = true;
    try {
      expect((await fetch(`${server.url}/health/ready`)).status).toBe(503);
    } finally {
      state.draining = false;
    }
  });

  it('answers an unknown route with a problem, not an HTML page', async () => {
    const res = await fetch(`${server.url}/nowhere`, { headers: { authorization: `Bearer ${issueToken(DEVELOPMENT_JWT_SECRET, { userId: 'u', orgCode: 'O', role: 'clerk' }, 60)}` } });
    expect(res.status).toBe(404);
    expect(await problemOf(res)).toMatchObject({ reason: 'route-not-found', status: 404 });
  });

  it('names malformed and oversized bodies', async () => {
    const malformed = await fetch(`${server.url}/echo`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"a":' });
    expect(malformed.status).toBe(400);
    expect(await problemOf(malformed)).toMatchObject({ reason: 'malformed-json', field: '(body)' });
    const big = await fetch(`${server.url}/echo`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ a: 'x'.repeat(2048) }) });
    expect(big.status).toBe(413);
    expect(await problemOf(big)).toMatchObject({ reason: 'content-too-large' });
  });

  it('passes a thrown problem through, and hides an unexpected error behind a 500', async () => {
    const conflict = await fetch(`${server.url}/conflict`);
    expect(conflict.status).toBe(409);
    expect(await problemOf(conflict)).toMatchObject({ reason: 'duplicate-number', field: 'number' });
    const crash = await fetch(`${server.url}/crash`);
    expect(crash.status).toBe(500);
    expect(await problemOf(crash)).toMatchObject({ reason: 'internal-error' });
  });

  describe('the edge guard', () => {
    const clerk = issueToken(DEVELOPMENT_JWT_SECRET, { userId: 'bs-clerk', orgCode: 'BS-TU', role: 'clerk' }, 60);
    const specialist = issueToken(DEVELOPMENT_JWT_SECRET, { userId: 'bs-specialist', orgCode: 'BS-TU', role: 'specialist' }, 60);
    const call = (path: string, token?: string, method = 'GET') =>
      fetch(`${server.url}${path}`, { method, headers: token ? { authorization: `Bearer ${token}` } : {} });

    it('answers 401 with a challenge before a closed route runs, and lets its policy decide after', async () => {
      const anonymous = await call('/v1/things/7');
      expect(anonymous.status).toBe(401);
      expect(anonymous.headers.get('www-authenticate')).toBe('Bearer realm="vanthu-intake"');
      expect(await problemOf(anonymous)).toMatchObject({ reason: 'token-missing' });
      const expired = await call('/v1/things/7', issueToken(DEVELOPMENT_JWT_SECRET, { userId: 'bs-clerk', orgCode: 'BS-TU', role: 'clerk' }, -5));
      expect(expired.status).toBe(401);
      expect(expired.headers.get('www-authenticate')).toMatch(/error="invalid_token"/);
      expect((await call('/v1/things/7', specialist)).status).toBe(403);
      expect((await call('/v1/things/7', issueServiceToken(DEVELOPMENT_SERVICE_TOKEN_SECRET, 'notify', 'vanthu-intake'))).status).toBe(403);
      const allowed = await call('/v1/things/7', clerk);
      expect(allowed.status).toBe(200);
      expect(await allowed.json()).toEqual({ id: '7', by: 'bs-clerk' });
    });

    it('answers 405 with Allow for a known path and another method', async () => {
      const res = await call('/v1/things/7', clerk, 'PUT');
      expect(res.status).toBe(405);
      expect(res.headers.get('allow')).toBe('GET, DELETE');
    });

    it('keeps a route added without a policy closed to anonymous callers', async () => {
      expect((await call('/v1/forgotten')).status).toBe(401);
      expect((await call('/v1/nothing-here')).status).toBe(401);
    });
  });

  it('keeps a caller-given request id and makes one up otherwise', async () => {
    const given = await fetch(`${server.url}/health/live`, { headers: { 'x-request-id': 'portal-42' } });
    expect(given.headers.get('x-request-id')).toBe('portal-42');
    const made = await fetch(`${server.url}/health/live`);
    expect(made.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('access logs', () => {
  it('never write a bearer token, from the header or from the query of a live stream', async () => {
    const lines: string[] = [];
    const logger = pino({ level: 'info', redact: { paths: REDACTED_PATHS, censor: '[redacted]' } }, { write: (line: string) => void lines.push(line) });
    const app = createHttpApp({ service: 'logs', logger, readiness: [], state: { draining: false }, edge: loadEdgeSettings('notify', {}) });
    mountSecure(app, secureRouter().get('/v1/me/stream', withQueryToken(anyUser()), (_req, res) => void res.json({ ok: true })));
    finishApp(app, logger);
    const server = await listen(app, '127.0.0.1', 0);
    try {
      const token = issueToken(DEVELOPMENT_JWT_SECRET, { userId: 'bs-clerk', orgCode: 'BS-TU', role: 'clerk' }, 60);
      expect((await fetch(`${server.url}/v1/me/stream?access_token=${token}&lastEventId=4`)).status).toBe(200);
      expect((await fetch(`${server.url}/v1/me/stream`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(lines.length).toBeGreaterThanOrEqual(2);
      expect(lines.join('\n')).not.toContain(token.split('.')[2]);
      expect(lines.join('\n')).toContain('access_token=[redacted]&lastEventId=4');
    } finally {
      await server.close();
    }
  });
});

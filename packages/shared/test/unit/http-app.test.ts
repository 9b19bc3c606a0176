import { createHttpApp, createLogger, finishApp, listen, Problem, type HealthState, type StartedServer } from '../../src';

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
      readiness: [
        {
          name: 'dependency',
          check: async () => {
            if (!dependencyUp) throw new Error('dependency down');
          },
        },
      ],
    });
    app.post('/echo', (req, res) => {
      res.json(req.body);
    });
    app.get('/conflict', () => {
      throw new Problem(409, 'duplicate-number', 'Number 15 is taken.', { field: 'number' });
    });
    app.get('/crash', async () => {
      throw new Error('boom');
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
    const res = await fetch(`${server.url}/nowhere`);
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

  it('keeps a caller-given request id and makes one up otherwise', async () => {
    const given = await fetch(`${server.url}/health/live`, { headers: { 'x-request-id': 'portal-42' } });
    expect(given.headers.get('x-request-id')).toBe('portal-42');
    const made = await fetch(`${server.url}/health/live`);
    expect(made.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  ConfigError,
  DEVELOPMENT_JWT_SECRET,
  DEVELOPMENT_SERVICE_TOKEN_SECRET,
  issueServiceToken,
  issueToken,
  ROLES,
  SERVICE_NAMES,
  TOKEN_AUDIENCES,
  verifyServiceToken,
  type Principal,
} from '@vanthu/shared';
import { loadConsoleConfig, serviceUrlEnv } from '../../server/src/config';
import { workerUrlEnv } from '../../server/src/platform/platform-config';
import { SharedReading } from '../../server/src/platform/shared-reading';
import { fakeWebBundle, startTestConsole, type TestConsole } from './console-app';

/**
 * A process of the platform as the console scrapes it: /health/ready, and /metrics for a
 * `console` service token (of any service's audience: it stands for all of them). It counts the scrapes it answered.
 */
async function fakeProcess(delayMs = 0): Promise<{ url: string; scrapes: () => number; close: () => Promise<void> }> {
  let scrapes = 0;
  const server: Server = createServer((req, res) => {
    void (async () => {
      await sleep(delayMs);
      if (req.url === '/health/ready') {
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ status: 'ready', checks: [{ name: 'mongo', ok: true }] }));
        return;
      }
      if (req.url === '/metrics') {
        const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? '';
        const callers = Object.values(TOKEN_AUDIENCES).map((audience) => {
          try {
            return verifyServiceToken(DEVELOPMENT_SERVICE_TOKEN_SECRET, token, audience);
          } catch {
            return undefined;
          }
        });
        if (!callers.includes('console')) {
          res.writeHead(401).end();
          return;
        }
        scrapes += 1;
        res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' }).end(
          [
            '# TYPE vanthu_outbox_backlog gauge',
            'vanthu_outbox_backlog 3',
            '# TYPE vanthu_kafka_consumer_lag gauge',
            'vanthu_kafka_consumer_lag{group="intake-figures",topic="vanthu.document.events"} 7',
            '# TYPE vanthu_process_start_time_seconds gauge',
            'vanthu_process_start_time_seconds 1700000000',
            '# TYPE vanthu_http_requests_total counter',
            `vanthu_http_requests_total{route="/v1/documents",status_class="2xx"} ${10 * scrapes}`,
            '',
          ].join('\n'),
        );
        return;
      }
      res.writeHead(404).end();
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    scrapes: () => scrapes,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** Every API and worker of the platform at the one fake process. */
const everyProcessAt = (url: string) => Object.fromEntries(SERVICE_NAMES.flatMap((service) => [[serviceUrlEnv(service), url], [workerUrlEnv(service), url]]));

const person = (role: Principal['role']) => issueToken(DEVELOPMENT_JWT_SECRET, { userId: `platform-${role}`, orgCode: 'BS-TU', role }, 600);

describe('GET /api/platform/health', () => {
  let fake: Awaited<ReturnType<typeof fakeProcess>>;
  let server: TestConsole;
  const get = (path: string, token?: string, method = 'GET') => fetch(`${server.url}${path}`, { method, headers: token ? { authorization: `Bearer ${token}` } : {} });

  beforeAll(async () => {
    fake = await fakeProcess();
    server = await startTestConsole({ CONSOLE_WEB_ROOT: fakeWebBundle(), CONSOLE_PLATFORM_CACHE_MS: '60000', ...everyProcessAt(fake.url) });
  });
  afterAll(async () => {
    await server.close();
    await fake.close();
  });

  const expectProblem = async (res: Response, status: number, reason: string) => {
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(((await res.json()) as { reason: string }).reason).toBe(reason);
  };

  it('asks for credentials (401, a Bearer challenge) without a valid token', async () => {
    const anonymous = await get('/api/platform/health');
    expect(anonymous.headers.get('www-authenticate')).toBe('Bearer realm="vanthu-console"');
    await expectProblem(anonymous, 401, 'token-missing');
    await expectProblem(await get('/api/platform/health', issueToken(DEVELOPMENT_JWT_SECRET, { userId: 'x', orgCode: 'BS-TU', role: 'admin' }, -60)), 401, 'token-expired');
    await expectProblem(await get('/api/platform/health', issueToken('a-key-this-platform-has-never-trusted-at-all', { userId: 'x', orgCode: 'BS-TU', role: 'admin' }, 600)), 401, 'token-invalid');
    expect(fake.scrapes()).toBe(0);
  });

  it('refuses every role but leader and admin, and services, with 403', async () => {
    for (const role of ROLES.filter((r) => r !== 'leader' && r !== 'admin')) await expectProblem(await get('/api/platform/health', person(role)), 403, 'forbidden');
    await expectProblem(await get('/api/platform/health', issueServiceToken(DEVELOPMENT_SERVICE_TOKEN_SECRET, 'console', TOKEN_AUDIENCES.intake)), 403, 'forbidden');
    expect(fake.scrapes()).toBe(0);
  });

  it("answers leaders and admins with each process's readiness and figures, read once for both", async () => {
    for (const role of ['leader', 'admin'] as const) {
      const res = await get('/api/platform/health', person(role));
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control')).toBe('private, no-store');
      const body = (await res.json()) as { processes: Array<Record<string, unknown>> };
      expect(body.processes.map((p) => `${String(p.service)}/${String(p.role)}`)).toEqual(SERVICE_NAMES.flatMap((s) => [`${s}/api`, `${s}/worker`]));
      for (const p of body.processes) {
        expect(p).toMatchObject({ ready: true, status: 'ready', outboxBacklog: 3, consumerLag: [{ group: 'intake-figures', topic: 'vanthu.document.events', lag: 7 }] });
      }
    }
    // Ten processes, scraped once: the admin's call was answered from the leader's reading.
    expect(fake.scrapes()).toBe(2 * SERVICE_NAMES.length);
  });

  it('is closed by default: another path under /api/platform needs credentials, then is 404; another method 405', async () => {
    await expectProblem(await get('/api/platform/other'), 401, 'token-missing');
    await expectProblem(await get('/api/platform/other', person('leader')), 404, 'route-not-found');
    await expectProblem(await get('/api/platform/health', person('leader'), 'POST'), 405, 'method-not-allowed');
  });
});

describe('the shared reading of the platform', () => {
  it('scrapes once for callers that arrive together', async () => {
    const fake = await fakeProcess(150);
    const server = await startTestConsole({ CONSOLE_WEB_ROOT: fakeWebBundle(), CONSOLE_PLATFORM_CACHE_MS: '0', ...everyProcessAt(fake.url) });
    try {
      const calls = await Promise.all(Array.from({ length: 6 }, () => fetch(`${server.url}/api/platform/health`, { headers: { authorization: `Bearer ${person('leader')}` } })));
      expect(calls.map((r) => r.status)).toEqual(Array(6).fill(200));
      expect(fake.scrapes()).toBe(2 * SERVICE_NAMES.length);
    } finally {
      await server.close();
      await fake.close();
    }
  });

  it('gives a reading again while it is young, and reads anew after; a failed reading is not kept', async () => {
    let now = 0;
    let reads = 0;
    let fail = false;
    const reading = new SharedReading(
      async () => {
        reads += 1;
        if (fail) throw new Error('down');
        return reads;
      },
      5_000,
      () => now,
    );
    await expect(reading.current()).resolves.toBe(1);
    now = 4_999;
    await expect(reading.current()).resolves.toBe(1);
    now = 5_000;
    fail = true;
    await expect(reading.current()).rejects.toThrow('down');
    fail = false;
    await expect(reading.current()).resolves.toBe(3);
  });
});

describe('the platform settings', () => {
  const OIDC = { OIDC_ISSUER: 'https://id.example.vn/realms/vanthu', OIDC_CLIENT_ID: 'vanthu-console' };

  it('checks people with the services\' keys and scrapes the workers beside the APIs by default', () => {
    const platform = loadConsoleConfig({ CONSOLE_SERVICE_PORT_OFFSET: '1000' }).platform;
    expect(platform).toMatchObject({ enabled: true, serviceTokenSecret: DEVELOPMENT_SERVICE_TOKEN_SECRET, auth: { audience: TOKEN_AUDIENCES.intake, jwtSecret: DEVELOPMENT_JWT_SECRET } });
    if (!platform.enabled) throw new Error('unreachable');
    expect(platform.targets.find((t) => t.service === 'archive' && t.role === 'worker')?.url).toBe('http://127.0.0.1:4104');
    expect(platform.targets.find((t) => t.service === 'archive' && t.role === 'api')?.url).toBe('http://127.0.0.1:4004');
  });

  it('checks the identity provider\'s tokens against its published keys', () => {
    const platform = loadConsoleConfig({ ...OIDC, OIDC_JWKS_URL: 'https://id.example.vn/realms/vanthu/certs', OIDC_AUDIENCE: 'vanthu-apis' }).platform;
    expect(platform).toMatchObject({ enabled: true, auth: { oidc: { issuer: OIDC.OIDC_ISSUER, jwksUrl: 'https://id.example.vn/realms/vanthu/certs', audience: 'vanthu-apis' } } });
  });

  it('in production, refuses the development keys, and without its own keys answers 503 naming the variable', async () => {
    expect(() => loadConsoleConfig({ NODE_ENV: 'production', ...OIDC, SERVICE_TOKEN_SECRET: DEVELOPMENT_SERVICE_TOKEN_SECRET })).toThrow(ConfigError);
    expect(loadConsoleConfig({ NODE_ENV: 'production', ...OIDC }).platform).toEqual({ enabled: false, missing: 'SERVICE_TOKEN_SECRET' });
    expect(loadConsoleConfig({ NODE_ENV: 'production', ...OIDC, SERVICE_TOKEN_SECRET: 's'.repeat(32) }).platform).toEqual({ enabled: false, missing: 'OIDC_JWKS_URL' });
    const server = await startTestConsole({ NODE_ENV: 'production', ...OIDC, CONSOLE_WEB_ROOT: fakeWebBundle() });
    try {
      const res = await fetch(`${server.url}/api/platform/health`);
      expect(res.status).toBe(503);
      expect(await res.json()).toMatchObject({ reason: 'platform-health-unconfigured', detail: expect.stringContaining('SERVICE_TOKEN_SECRET') });
    } finally {
      await server.close();
    }
  });
});

import { execFileSync } from 'node:child_process';
import { DEVELOPMENT_JWT_SECRET, DEVELOPMENT_SERVICE_TOKEN_SECRET, issueServiceToken, issueToken, SERVICE_NAMES, SERVICES, TOKEN_AUDIENCES, type ProbeReport } from '@vanthu/shared';
import { processName, type RunningService } from '../../deploy/local/src/services';
import { PORT_OFFSET, startSystem, stopServices } from './support/system';

/**
 * The service processes (an API and a worker per service) as `npm start` runs them (built dist/, own process each), on ports
 * and databases of their own so this can run beside a developer's `npm start`.
 */
describe('the whole system, as started by npm start', () => {
  let running: RunningService[] = [];
  const port = (service: keyof typeof SERVICES) => SERVICES[service].apiPort + PORT_OFFSET;

  beforeAll(async () => {
    running = await startSystem();
  }, 180_000);

  afterAll(() => stopServices(running), 60_000);

  it('starts an API and a worker for each service, each ready with its dependencies', async () => {
    expect(SERVICE_NAMES).toEqual(['intake', 'signing', 'notify', 'archive', 'tracking']);
    expect(running.map((r) => processName(r.spec)).sort()).toEqual(SERVICE_NAMES.flatMap((s) => [`${s}-api`, `${s}-worker`]).sort());
    for (const r of running) {
      const res = await fetch(`http://127.0.0.1:${r.spec.port}/health/ready`);
      const body = (await res.json()) as { checks: Array<{ name: string; ok: boolean }> };
      expect(res.status).toBe(200);
      // A worker is ready once its Temporal worker runs; an API once what it serves from memory is loaded.
      const inMemory: Partial<Record<string, string[]>> = { intake: ['registers', 'figures'], tracking: ['figures'], archive: ['archive-search'] };
      const own = r.spec.role === 'worker' ? ['worker'] : (inMemory[r.spec.service] ?? []);
      const expected = ['mongodb', 'kafka', 'temporal', ...own];
      expect(body.checks.map((c) => c.name)).toEqual(expected);
    }
  });

  it('runs the probe workflow through every service worker process', async () => {
    const url = `http://127.0.0.1:${port('intake')}/v1/system/probe`;
    // It starts workflows on every worker: closed to anonymous callers and to people other than admins.
    expect((await fetch(url)).status).toBe(401);
    const clerk = issueToken(DEVELOPMENT_JWT_SECRET, { userId: 'bs-clerk', orgCode: 'BS-TU', role: 'clerk' }, 60);
    expect((await fetch(url, { headers: { authorization: `Bearer ${clerk}` } })).status).toBe(403);
    const operator = issueServiceToken(DEVELOPMENT_SERVICE_TOKEN_SECRET, 'operator', TOKEN_AUDIENCES.intake);
    const res = await fetch(url, { headers: { authorization: `Bearer ${operator}` } });
    expect(res.status).toBe(200);
    const { services } = (await res.json()) as { services: ProbeReport[] };
    const workerPids = Object.fromEntries(running.filter((r) => r.spec.role === 'worker').map((r) => [r.spec.service, r.child.pid]));
    expect(services.map((r) => r.service).sort()).toEqual([...SERVICE_NAMES].sort());
    // The signing worker forks one process per core (node:cluster): its activities run in a child of the started process.
    const parentOf = (pid: number) => Number(execFileSync('ps', ['-o', 'ppid=', '-p', String(pid)], { encoding: 'utf8' }).trim());
    for (const report of services) {
      const started = workerPids[report.service];
      expect(report.pid === started ? started : parentOf(report.pid)).toBe(started);
    }
  });

  it('answers an unknown route on any service with problem+json, and only to a caller it knows', async () => {
    const url = `http://127.0.0.1:${port('archive')}/v1/nothing-here`;
    expect((await fetch(url)).status).toBe(401);
    const token = issueToken(DEVELOPMENT_JWT_SECRET, { userId: 'bs-archivist', orgCode: 'BS-TU', role: 'archivist' }, 60);
    const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(await res.json()).toMatchObject({ status: 404, reason: 'route-not-found' });
  });

  it('shuts a process down cleanly on SIGTERM', async () => {
    const notifyApi = running.find((r) => r.spec.service === 'notify' && r.spec.role === 'api')!;
    notifyApi.child.kill('SIGTERM');
    expect(await notifyApi.exited).toBe(0);
  });
});

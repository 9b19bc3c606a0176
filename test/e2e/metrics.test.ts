import {
  consoleTokens,
  DEVELOPMENT_JWT_SECRET,
  DEVELOPMENT_SERVICE_TOKEN_SECRET,
  issueServiceToken,
  issueToken,
  PlatformHealthReader,
  platformTargets,
  SERVICE_NAMES,
  TOKEN_AUDIENCES,
  type ServiceName,
} from '@vanthu/shared';
import { processName, type RunningService } from '../../deploy/local/src/services';
import { PORT_OFFSET, startSystem, stopServices } from './support/system';

/**
 * Every process of the system as `npm start` runs it (an API and a worker per service, signing's
 * worker as a cluster of copies) scraped as the console's server scrapes it: /metrics behind its
 * policy, the figures the operations centre shows, the Temporal SDK's own metrics joined in.
 */
describe('metrics of every process', () => {
  let running: RunningService[] = [];
  const url = (r: RunningService) => `http://127.0.0.1:${r.spec.port}`;
  const consoleToken = (service: ServiceName) => issueServiceToken(DEVELOPMENT_SERVICE_TOKEN_SECRET, 'console', TOKEN_AUDIENCES[service]);
  const scrape = async (r: RunningService) => {
    const res = await fetch(`${url(r)}/metrics`, { headers: { authorization: `Bearer ${consoleToken(r.spec.service)}` }, signal: AbortSignal.timeout(10_000) });
    expect([processName(r.spec), res.status]).toEqual([processName(r.spec), 200]);
    return res.text();
  };
  /** A sample's value in a scrape, 0 when the series is not there yet. */
  const valueOf = (text: string, name: string, labels: string) => {
    const line = text.split('\n').find((l) => l.startsWith(`${name}{`) && labels.split(',').every((label) => l.includes(label)));
    return line ? Number(line.slice(line.lastIndexOf(' ') + 1)) : 0;
  };

  beforeAll(async () => {
    running = await startSystem();
  }, 180_000);

  afterAll(() => stopServices(running), 60_000);

  it('answers the console on every API and worker, and refuses anyone else', async () => {
    expect(running).toHaveLength(SERVICE_NAMES.length * 2);
    const clerk = issueToken(DEVELOPMENT_JWT_SECRET, { userId: 'bs-clerk', orgCode: 'BS-TU', role: 'clerk' }, 60);
    const admin = issueToken(DEVELOPMENT_JWT_SECRET, { userId: 'bs-admin', orgCode: 'BS-TU', role: 'admin' }, 60);
    for (const r of running) {
      const name = processName(r.spec);
      const call = async (token?: string) => (await fetch(`${url(r)}/metrics`, { headers: token ? { authorization: `Bearer ${token}` } : {} })).status;
      expect([name, await call()]).toEqual([name, 401]);
      expect([name, await call(clerk)]).toEqual([name, 403]);
      expect([name, await call(admin)]).toEqual([name, 200]);
      const text = await scrape(r);
      // Every series carries the process's service and role (signing's copies summed into one).
      expect([name, valueOf(text, 'vanthu_process_resident_memory_bytes', `service="${r.spec.service}",role="${r.spec.role}"`) > 1e6]).toEqual([name, true]);
      // The outbox and the consumer groups are read from the real Kafka and database.
      for (const source of ['outbox', 'kafka_lag']) expect([name, valueOf(text, 'vanthu_metrics_source_up', `source="${source}"`)]).toEqual([name, 1]);
      expect([name, /^vanthu_outbox_backlog\{.*\} \d+$/m.test(text)]).toEqual([name, true]);
    }
  });

  it('counts a request under its route template in the histogram, at once', async () => {
    const intake = running.find((r) => r.spec.service === 'intake' && r.spec.role === 'api')!;
    const labels = 'route="/v1/system/probe",method="GET",status="403"';
    const before = valueOf(await scrape(intake), 'vanthu_http_request_duration_seconds_count', labels);
    const clerk = issueToken(DEVELOPMENT_JWT_SECRET, { userId: 'bs-clerk', orgCode: 'BS-TU', role: 'clerk' }, 60);
    expect((await fetch(`${url(intake)}/v1/system/probe`, { headers: { authorization: `Bearer ${clerk}` } })).status).toBe(403);
    const after = valueOf(await scrape(intake), 'vanthu_http_request_duration_seconds_count', labels);
    expect(after).toBe(before + 1);
  });

  it("times the probe's activity in every worker, joins the Temporal SDK's metrics, and reads each task queue's backlog", async () => {
    const operator = issueServiceToken(DEVELOPMENT_SERVICE_TOKEN_SECRET, 'operator', TOKEN_AUDIENCES.intake);
    const probe = await fetch(`http://127.0.0.1:${running.find((r) => r.spec.service === 'intake' && r.spec.role === 'api')!.spec.port}/v1/system/probe`, {
      headers: { authorization: `Bearer ${operator}` },
    });
    expect(probe.status).toBe(200);
    for (const r of running.filter((w) => w.spec.role === 'worker')) {
      const name = processName(r.spec);
      const text = await scrape(r);
      expect([name, valueOf(text, 'vanthu_activity_duration_seconds_count', 'activity_type="probe",outcome="completed"') >= 1]).toEqual([name, true]);
      // The SDK core's own series, with our labels on them.
      expect([name, new RegExp(`^temporal_\\w+\\{[^}]*service="${r.spec.service}"`, 'm').test(text)]).toEqual([name, true]);
      expect([name, valueOf(text, 'vanthu_metrics_source_up', 'source="temporal_sdk"')]).toEqual([name, 1]);
      expect([name, valueOf(text, 'vanthu_metrics_source_up', 'source="task_queue"')]).toEqual([name, 1]);
      expect([name, /^vanthu_temporal_task_queue_backlog\{[^}]*type="activity"[^}]*\} \d+$/m.test(text)]).toEqual([name, true]);
      // One family, one TYPE line: the appended text is still the format.
      const types = text.split('\n').filter((l) => l.startsWith('# TYPE '));
      expect([name, types.length]).toEqual([name, new Set(types.map((l) => l.split(' ')[2])).size]);
    }
  });

  it("gives the operations centre's figures for every process, with rates from the second read on", async () => {
    const reader = new PlatformHealthReader(platformTargets({ portOffset: PORT_OFFSET }), { tokenFor: consoleTokens(DEVELOPMENT_SERVICE_TOKEN_SECRET), timeoutMs: 10_000 });
    const first = await reader.read();
    expect(first.processes.map((p) => [p.service, p.role, p.up, p.ready, p.metricsError])).toEqual(
      SERVICE_NAMES.flatMap((s) => [
        [s, 'api', true, true, undefined],
        [s, 'worker', true, true, undefined],
      ]),
    );
    for (const p of first.processes) {
      expect([p.service, p.role, p.unavailableSources]).toEqual([p.service, p.role, []]);
      expect([p.service, p.role, typeof p.outboxBacklog]).toEqual([p.service, p.role, 'number']);
      expect(p.requestRate).toBeUndefined();
      if (p.role === 'worker') expect(p.taskQueues.map((q) => q.type).sort()).toEqual(['activity', 'workflow']);
    }
    // Intake's worker runs the lifecycle's consumers: their groups and lags are there.
    expect(first.processes.flatMap((p) => p.consumerLag).length).toBeGreaterThan(0);
    const second = await reader.read();
    for (const p of second.processes) expect([p.service, p.role, typeof p.requestRate]).toEqual([p.service, p.role, 'number']);
  });
});

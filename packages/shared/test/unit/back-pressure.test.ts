import express from 'express';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  AdmissionControl,
  admissionTiming,
  admitNewWork,
  coalescedChecks,
  ConfigError,
  createLogger,
  finishApp,
  inFlightLimit,
  isTransientDependencyError,
  leaveInFlight,
  listen,
  loadWorkerTuning,
  Problem,
  toProblem,
  withHeartbeats,
  type StartedServer,
} from '../../src';

/** A clock the test moves. */
function clock(start = 0) {
  let t = start;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

describe('admission of new work', () => {
  it('admits freely while the latency holds its target', () => {
    const time = clock();
    const admission = new AdmissionControl({ targetMs: 100, windowMs: 1_000, now: time.now });
    for (let i = 0; i < 50; i += 1) {
      admission.observe(20);
      expect(admission.admit()).toEqual({ admitted: true });
    }
    time.advance(1_000);
    expect(admission.state()).toMatchObject({ ratePerSecond: 1_000, latencyMs: 20, admitted: 50, refused: 0 });
  });

  it('falls below the rate it let in once the latency passes the target, and tells when to come back', () => {
    const time = clock();
    const admission = new AdmissionControl({ targetMs: 100, windowMs: 2_000, percentile: 0.9, now: time.now });
    // Four admitted in a two-second window whose requests took 400 ms: 2/s let in, 1.4/s from now on.
    for (let i = 0; i < 4; i += 1) expect(admission.admit().admitted).toBe(true);
    for (let i = 0; i < 10; i += 1) admission.observe(400);
    time.advance(2_000);
    expect(admission.state().ratePerSecond).toBeCloseTo(1.4);
    expect(admission.state().latencyMs).toBe(400);
    expect(admission.admit().admitted).toBe(true);
    const refused = admission.admit();
    expect(refused).toEqual({ admitted: false, retryAfterSeconds: 1 });
    // A token every 1/1.4 s.
    time.advance(750);
    expect(admission.admit().admitted).toBe(true);
  });

  it('never goes below its floor, so new work trickles in and the latency keeps being measured', () => {
    const time = clock();
    const admission = new AdmissionControl({ targetMs: 100, windowMs: 1_000, minPerSecond: 0.1, now: time.now });
    for (let w = 0; w < 5; w += 1) {
      for (let i = 0; i < 10; i += 1) admission.observe(1_000);
      time.advance(1_000);
    }
    expect(admission.state().ratePerSecond).toBeCloseTo(0.1);
    expect(admission.admit().admitted).toBe(true);
    expect(admission.admit()).toEqual({ admitted: false, retryAfterSeconds: 10 });
  });

  it('climbs back by a tenth per window while refusing within its target, and doubles once nothing is refused', () => {
    const time = clock();
    const admission = new AdmissionControl({ targetMs: 100, windowMs: 1_000, minPerSecond: 0.05, now: time.now });
    for (let i = 0; i < 10; i += 1) admission.observe(1_000);
    for (let i = 0; i < 10; i += 1) admission.admit();
    time.advance(1_000);
    expect(admission.state().ratePerSecond).toBeCloseTo(7);
    for (let i = 0; i < 10; i += 1) admission.observe(10);
    for (let i = 0; i < 20; i += 1) admission.admit();
    time.advance(1_000);
    expect(admission.state().ratePerSecond).toBeCloseTo(7.7);
    for (let i = 0; i < 10; i += 1) admission.observe(10);
    time.advance(1_000);
    expect(admission.state().ratePerSecond).toBeCloseTo(15.4);
  });

  it('says nothing about a window with too few requests, and lets the rate recover', () => {
    const time = clock();
    const admission = new AdmissionControl({ targetMs: 100, windowMs: 1_000, minSamples: 5, now: time.now });
    for (let i = 0; i < 4; i += 1) admission.observe(10_000);
    time.advance(1_000);
    expect(admission.state()).toMatchObject({ ratePerSecond: 1_000 });
    expect(admission.state().latencyMs).toBeUndefined();
  });
});

describe('back-pressure at the HTTP edge (a real server)', () => {
  let server: StartedServer;
  const logger = createLogger({ test: 'back-pressure' }, 'silent');
  const admission = new AdmissionControl({ targetMs: 20, windowMs: 300, minSamples: 2, percentile: 0.5 });
  const limit = inFlightLimit(1);
  const streams: express.Response[] = [];

  beforeAll(async () => {
    const app = express();
    app.use(limit, admissionTiming(admission));
    app.get('/slow', async (_req, res) => {
      await sleep(60);
      res.json({ ok: true });
    });
    app.post('/new', admitNewWork('things'), (_req, res) => {
      res.status(201).json({ ok: true });
    });
    app.get('/stream', (_req, res) => {
      res.status(200).set('content-type', 'text/event-stream');
      res.flushHeaders();
      leaveInFlight(res);
      streams.push(res);
    });
    app.get('/held', (_req, res) => {
      res.status(200).set('content-type', 'text/event-stream');
      res.flushHeaders();
      streams.push(res);
    });
    app.get('/busy', () => {
      throw Object.assign(new Error('8 RESOURCE_EXHAUSTED: namespace rate limit exceeded'), { code: 8, details: 'namespace rate limit exceeded', metadata: {} });
    });
    server = await listen(finishApp(app, logger), '127.0.0.1', 0);
  });
  afterAll(async () => {
    for (const res of streams) res.end();
    server.server.closeAllConnections();
    await server.close();
  });

  it('refuses new work with 429, Retry-After and a problem once requests run slow, and keeps serving the rest', async () => {
    for (let i = 0; i < 3; i += 1) expect((await fetch(`${server.url}/slow`)).status).toBe(200);
    await sleep(320);
    const answers = [];
    for (let i = 0; i < 5; i += 1) answers.push(await fetch(`${server.url}/new`, { method: 'POST' }));
    const refused = answers.find((r) => r.status === 429);
    expect(refused).toBeDefined();
    expect(Number(refused!.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(refused!.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await refused!.json()).toMatchObject({ status: 429, reason: 'system-busy' });
    expect((await fetch(`${server.url}/slow`)).status).toBe(200);
  });

  it('lets an open stream give its in-flight slot back, where one that keeps it blocks the process', async () => {
    const stream = await fetch(`${server.url}/stream`);
    expect(stream.status).toBe(200);
    expect(limit.inFlight()).toBe(0);
    expect((await fetch(`${server.url}/slow`)).status).toBe(200);

    const held = await fetch(`${server.url}/held`);
    expect(held.status).toBe(200);
    const refused = await fetch(`${server.url}/slow`);
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('1');
    expect(await refused.json()).toMatchObject({ reason: 'overloaded' });
    streams.pop()?.end();
    await held.text();
    await sleep(20);
    expect((await fetch(`${server.url}/slow`)).status).toBe(200);
    await stream.body?.cancel();
  });

  it('answers a dependency that is overloaded with 503 and Retry-After, not 500', async () => {
    const res = await fetch(`${server.url}/busy`);
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('2');
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await res.json()).toMatchObject({ reason: 'dependency-unavailable' });
  });
});

describe('transient dependency errors', () => {
  const grpc = (code: number) => Object.assign(new Error('grpc'), { code, details: 'x', metadata: {} });

  it('are gRPC UNAVAILABLE, RESOURCE_EXHAUSTED and DEADLINE_EXCEEDED, database pool and network errors, also as causes', () => {
    expect(isTransientDependencyError(grpc(14))).toBe(true);
    expect(isTransientDependencyError(grpc(8))).toBe(true);
    expect(isTransientDependencyError(grpc(4))).toBe(true);
    expect(isTransientDependencyError(Object.assign(new Error('no server'), { name: 'MongoServerSelectionError' }))).toBe(true);
    expect(isTransientDependencyError(Object.assign(new Error('Topology is closed'), { name: 'MongoTopologyClosedError' }))).toBe(true);
    expect(isTransientDependencyError(new Error('Operation `documents.findOne()` buffering timed out after 10000ms'))).toBe(true);
    expect(isTransientDependencyError(new Error('wrapped', { cause: grpc(14) }))).toBe(true);
  });

  it('are not bugs, refusals or other gRPC statuses', () => {
    expect(isTransientDependencyError(grpc(3))).toBe(false);
    expect(isTransientDependencyError(grpc(5))).toBe(false);
    expect(isTransientDependencyError(Object.assign(new Error('x'), { code: 14 }))).toBe(false);
    expect(isTransientDependencyError(new TypeError('x is undefined'))).toBe(false);
    expect(toProblem(new TypeError('x')).status).toBe(500);
    const problem = toProblem(grpc(14));
    expect(problem).toBeInstanceOf(Problem);
    expect(problem).toMatchObject({ status: 503, reason: 'dependency-unavailable', retryAfterSeconds: 2 });
  });
});

describe('readiness under a flood of probes', () => {
  it('runs the checks once for every probe that comes while they run, and again afterwards', async () => {
    let runs = 0;
    const readiness = coalescedChecks([
      {
        name: 'database',
        check: async () => {
          runs += 1;
          await sleep(50);
        },
      },
    ]);
    const results = await Promise.all(Array.from({ length: 20 }, () => readiness()));
    expect(runs).toBe(1);
    expect(results.every((r) => r[0]?.ok)).toBe(true);
    await readiness();
    expect(runs).toBe(2);
  });
});

describe('heartbeats during a long handler', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('beat every interval while the work lasts, one at a time, and stop with it', async () => {
    let beats = 0;
    let inFlight = 0;
    let most = 0;
    const heartbeat = async () => {
      beats += 1;
      inFlight += 1;
      most = Math.max(most, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 2_500));
      inFlight -= 1;
    };
    let finish!: (value: string) => void;
    const done = withHeartbeats(heartbeat, 1_000, () => new Promise<string>((resolve) => (finish = resolve)));
    await jest.advanceTimersByTimeAsync(10_000);
    // A beat at 1 s lasting 2.5 s; the ticks at 2 and 3 s find it under way; the next at 4, 7 and 10 s.
    expect(beats).toBe(4);
    expect(most).toBe(1);
    finish('handled');
    await jest.advanceTimersByTimeAsync(3_000);
    await expect(done).resolves.toBe('handled');
    const after = beats;
    await jest.advanceTimersByTimeAsync(10_000);
    expect(beats).toBe(after);
  });

  it('keeps the handler going when a heartbeat fails, and passes the handler\'s own failure on', async () => {
    const errors: unknown[] = [];
    const failing = () => Promise.reject(new Error('The group is rebalancing'));
    let finish!: () => void;
    const done = withHeartbeats(failing, 1_000, () => new Promise<void>((resolve) => (finish = resolve)), (e) => errors.push(e));
    await jest.advanceTimersByTimeAsync(3_500);
    expect(errors).toHaveLength(3);
    finish();
    await expect(done).resolves.toBeUndefined();
    await expect(withHeartbeats(failing, 1_000, () => Promise.reject(new Error('handler failed')))).rejects.toThrow('handler failed');
  });
});

describe('worker concurrency', () => {
  it('is sized to the cores by default', () => {
    expect(loadWorkerTuning('intake', {}, 2)).toEqual({
      maxConcurrentActivityTaskExecutions: 16,
      maxConcurrentLocalActivityExecutions: 16,
      maxConcurrentWorkflowTaskExecutions: 8,
      maxConcurrentWorkflowTaskPolls: 4,
    });
    expect(loadWorkerTuning('archive', {}, 16)).toMatchObject({ maxConcurrentActivityTaskExecutions: 128, maxConcurrentWorkflowTaskExecutions: 64, maxConcurrentWorkflowTaskPolls: 10 });
  });

  it("is set per service from the environment, others' variables left alone", () => {
    const env = { SIGNING_WORKER_ACTIVITIES: '4', SIGNING_WORKER_WORKFLOW_TASKS: '2', INTAKE_WORKER_ACTIVITIES: '99' };
    expect(loadWorkerTuning('signing', env, 2)).toEqual({
      maxConcurrentActivityTaskExecutions: 4,
      maxConcurrentLocalActivityExecutions: 4,
      maxConcurrentWorkflowTaskExecutions: 2,
      maxConcurrentWorkflowTaskPolls: 2,
    });
  });

  it('refuses a value the SDK would refuse, naming the variable', () => {
    expect(() => loadWorkerTuning('notify', { NOTIFY_WORKER_WORKFLOW_TASKS: '1' }, 2)).toThrow(ConfigError);
    expect(() => loadWorkerTuning('notify', { NOTIFY_WORKER_ACTIVITIES: 'many' }, 2)).toThrow(/NOTIFY_WORKER_ACTIVITIES/);
  });
});

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BudgetedWorkers, WorkersBusy, WorkerStopped, type BudgetedWorkersOptions } from '../../src/pdf';

/**
 * The shared worker pool with real threads. Each test script loads the built helpers (threads run
 * JavaScript, so the dist/ copy) and does what a job asks: echo it, spend CPU time on its own
 * clock, block without running (Atomics.wait: a thread the machine does not schedule looks just
 * like this to the watcher), allocate without end, or report a failure. Nothing is timed: CPU
 * work is counted on the thread's own clock, so a loaded machine changes how long a test takes,
 * not what it sees.
 */
const DIST = join(__dirname, '..', '..', 'dist', 'pdf', 'index.js');

const script = (ready: string, beforeReady = '') => `
const { parentPort } = require('node:worker_threads');
const { readyMessage, threadCpuMs } = require(${JSON.stringify(DIST)});
${beforeReady}
parentPort.postMessage(${ready});
const spinCpu = (ms) => { const end = threadCpuMs() + ms; let x = 0; while (threadCpuMs() < end) for (let i = 0; i < 1e5; i += 1) x = (x + i) % 7; return x; };
parentPort.on('message', ({ id, job }) => {
  switch (job.kind) {
    case 'echo': return parentPort.postMessage({ id, ok: true, result: job.value });
    case 'spin': spinCpu(job.ms); return parentPort.postMessage({ id, ok: true, result: 'spun' });
    case 'block': Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, job.ms); return parentPort.postMessage({ id, ok: true, result: 'woke' });
    case 'hoard': { const kept = []; for (;;) kept.push(new Array(1e5).fill({ a: kept.length })); }
    case 'fail': return parentPort.postMessage({ id, ok: false, error: { message: job.message } });
  }
});
`;

type Job = { kind: 'echo'; value: unknown } | { kind: 'spin'; ms: number } | { kind: 'block'; ms: number } | { kind: 'hoard' } | { kind: 'fail'; message: string };

/** Where a thread's CPU time can be read. */
const linux = process.platform === 'linux' ? it : it.skip;

describe("budgeted worker threads (budget: the thread's own CPU time)", () => {
  let dir: string;
  const scripts: Record<'plain' | 'slowStart' | 'noTid', string> = { plain: '', slowStart: '', noTid: '' };
  const pools: Array<{ close(): Promise<void> }> = [];

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'budgeted-workers-'));
    const write = (name: string, text: string) => {
      const file = join(dir, `${name}.js`);
      writeFileSync(file, text);
      return file;
    };
    scripts.plain = write('plain', script('readyMessage()'));
    // 300 ms of CPU before it says it is ready, as loading a parser's modules costs.
    scripts.slowStart = write(
      'slow-start',
      script('readyMessage()', 'const s = threadCpuMs() + 300; let y = 0; while (threadCpuMs() < s) for (let i = 0; i < 1e5; i += 1) y = (y + i) % 7;'),
    );
    // A platform without a readable thread clock: the thread cannot say who it is.
    scripts.noTid = write('no-tid', script('{ ready: true }'));
  });

  afterAll(async () => {
    await Promise.all(pools.map((p) => p.close()));
    rmSync(dir, { recursive: true, force: true });
  });

  const pool = (options: Partial<BudgetedWorkersOptions<{ message: string }>> = {}) => {
    const workers = new BudgetedWorkers<{ message: string }>({
      script: scripts.plain,
      threads: 1,
      cpuBudgetMs: 200,
      maxQueue: 8,
      // A backstop no loaded test machine reaches, unless a test wants it reached.
      wallFactor: 1_000,
      toError: (failure) => new Error(`worker said: ${failure?.message}`),
      ...options,
    });
    pools.push(workers);
    return workers;
  };
  const outcome = (promise: Promise<unknown>) => promise.then((value) => ({ value }), (error: unknown) => ({ error }));

  it("answers jobs, and turns a failure the thread posts into the caller's error", async () => {
    const workers = pool();
    await expect(workers.run<string>({ kind: 'echo', value: 'xin chào' } satisfies Job)).resolves.toBe('xin chào');
    await expect(workers.run({ kind: 'fail', message: 'not a PDF' } satisfies Job)).rejects.toThrow('worker said: not a PDF');
    expect(workers.stats()).toMatchObject({ threads: 1, busy: 0, queued: 0, replaced: 0 });
  });

  linux("does not charge a job for its thread's start (module loading before ready)", async () => {
    // 300 ms of CPU at start against a budget of 100: only the job's own time counts.
    const workers = pool({ script: scripts.slowStart, cpuBudgetMs: 100 });
    await expect(workers.run({ kind: 'spin', ms: 20 } satisfies Job)).resolves.toBe('spun');
    const { lastJob, stopped } = workers.stats();
    expect(stopped).toEqual({ cpu: 0, wall: 0, memory: 0, starved: 0 });
    expect(lastJob?.cpuMs).toBeGreaterThanOrEqual(20);
    expect(lastJob?.cpuMs).toBeLessThan(100);
  });

  linux('stops a job that spends its CPU budget without yielding (cpu), and the next job gets a fresh thread', async () => {
    const workers = pool({ cpuBudgetMs: 100 });
    const { error } = (await outcome(workers.run({ kind: 'spin', ms: 60_000 } satisfies Job))) as { error: WorkerStopped };
    expect(error).toBeInstanceOf(WorkerStopped);
    expect(error.stop).toBe('cpu');
    expect(error.cpuMs).toBeGreaterThanOrEqual(100);
    expect(workers.stats()).toMatchObject({ stopped: { cpu: 1, starved: 0 }, replaced: 1 });
    await expect(workers.run({ kind: 'echo', value: 1 } satisfies Job)).resolves.toBe(1);
    expect(workers.stats().threads).toBe(1);
  });

  linux('calls a job kept off the CPU past the wall-clock backstop starved, not over budget', async () => {
    // A CPU budget of 1 s and a backstop of 0.2 s: a blocked thread spends no CPU, only the backstop ends it.
    const workers = pool({ cpuBudgetMs: 1_000, wallFactor: 0.2 });
    const { error } = (await outcome(workers.run({ kind: 'block', ms: 60_000 } satisfies Job))) as { error: WorkerStopped };
    expect(error).toBeInstanceOf(WorkerStopped);
    expect(error.stop).toBe('starved');
    expect(error.cpuMs).toBeLessThan(1_000);
    expect(error.wallMs).toBeGreaterThanOrEqual(200);
    expect(workers.stats().stopped).toMatchObject({ cpu: 0, starved: 1 });
  });

  it('falls back to the wall clock where the thread cannot say which kernel thread it is', async () => {
    const workers = pool({ script: scripts.noTid, cpuBudgetMs: 100, wallFactor: 20 });
    const { error } = (await outcome(workers.run({ kind: 'block', ms: 60_000 } satisfies Job))) as { error: WorkerStopped };
    expect(error).toMatchObject({ stop: 'wall', cpuMs: undefined });
    expect(workers.stats().stopped).toMatchObject({ wall: 1, starved: 0 });
  });

  it('stops a thread at its heap limit (memory)', async () => {
    const workers = pool({ resourceLimits: { maxOldGenerationSizeMb: 32 }, cpuBudgetMs: 60_000 });
    const { error } = (await outcome(workers.run({ kind: 'hoard' } satisfies Job))) as { error: WorkerStopped };
    expect(error).toMatchObject({ stop: 'memory' });
    expect(workers.stats().stopped).toMatchObject({ memory: 1 });
    await expect(workers.run({ kind: 'echo', value: 'again' } satisfies Job)).resolves.toBe('again');
  }, 30_000);

  it('refuses a job past the queue with WorkersBusy (queue-full), and runs those it took', async () => {
    const workers = pool({ maxQueue: 1, cpuBudgetMs: 5_000 });
    const running = workers.run({ kind: 'block', ms: 200 } satisfies Job);
    const queued = workers.run({ kind: 'echo', value: 'queued' } satisfies Job);
    const refused = await outcome(workers.run({ kind: 'echo', value: 'one too many' } satisfies Job));
    expect((refused as { error: WorkersBusy }).error).toBeInstanceOf(WorkersBusy);
    expect((refused as { error: WorkersBusy }).error.overload).toBe('queue-full');
    await expect(running).resolves.toBe('woke');
    await expect(queued).resolves.toBe('queued');
  });
});

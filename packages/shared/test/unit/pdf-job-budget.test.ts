import { Worker } from 'node:worker_threads';
import { CpuDeadline, currentThreadId, isPdfRefused, JobBudget, MIN_RECHECK_MS, threadCpuMs, type ThreadClock } from '../../src/pdf';

/** A clock the test moves by hand: `cpu` undefined is a platform where the thread's CPU time cannot be read. */
class HandClock implements ThreadClock {
  wall = 1_000;
  cpu: number | undefined = 50;
  reads = 0;
  wallMs = () => this.wall;
  cpuMs = () => {
    this.reads += 1;
    return this.cpu;
  };
  /** `ms` of wall time, of which the thread ran `share`. */
  advance(ms: number, share: number) {
    this.wall += ms;
    if (this.cpu !== undefined) this.cpu += ms * share;
  }
}

describe('a worker job budget (CPU time, with a wall-clock backstop)', () => {
  it('does not look before the CPU budget could be spent, then looks when the unspent part could run out', () => {
    const clock = new HandClock();
    const budget = new JobBudget(1_000, 20_000, clock, clock.cpuMs());
    expect(budget.firstCheckInMs).toBe(1_000);
    clock.advance(1_000, 0.25);
    expect(budget.check()).toEqual({ verdict: 'within', recheckInMs: 750 });
    clock.advance(740, 1);
    expect(budget.check()).toEqual({ verdict: 'within', recheckInMs: 10 });
    clock.advance(8, 1);
    expect(budget.check()).toEqual({ verdict: 'within', recheckInMs: MIN_RECHECK_MS });
  });

  it('is spent by CPU time: 422 material, whatever the wall clock says', () => {
    const clock = new HandClock();
    const budget = new JobBudget(1_000, 20_000, clock, clock.cpuMs());
    clock.advance(1_200, 0.7);
    expect(budget.check()).toMatchObject({ verdict: 'within' });
    clock.advance(200, 1);
    expect(budget.check()).toEqual({ verdict: 'over-budget', measured: 'cpu', cpuMs: 1_040, wallMs: 1_400 });
  });

  it('lets an honest job run through a saturated machine: ten times the budget in wall time is not an overrun', () => {
    const clock = new HandClock();
    const budget = new JobBudget(1_250, 25_000, clock, clock.cpuMs());
    // A sixth of a core, as at load 11 on 2 cores: 300 ms of parsing take 1.8 s.
    clock.advance(1_800, 1 / 6);
    expect(budget.check()).toMatchObject({ verdict: 'within' });
    expect(budget.spent()).toEqual({ wallMs: 1_800, cpuMs: 300 });
  });

  it('calls a thread the machine starves past the backstop "starved" (503), not over budget', () => {
    const clock = new HandClock();
    const budget = new JobBudget(1_000, 20_000, clock, clock.cpuMs());
    clock.advance(19_999, 0.02);
    const within = budget.check();
    expect(within).toMatchObject({ verdict: 'within' });
    // The next look is at the backstop, not later: it comes before the CPU budget could run out.
    expect(within.verdict === 'within' && within.recheckInMs).toBe(MIN_RECHECK_MS);
    clock.advance(1, 0.02);
    expect(budget.check()).toMatchObject({ verdict: 'starved', wallMs: 20_000 });
  });

  it('blames the file when it has had its full CPU budget, even past the backstop', () => {
    const clock = new HandClock();
    const budget = new JobBudget(1_000, 2_000, clock, clock.cpuMs());
    clock.advance(2_500, 0.5);
    expect(budget.check()).toMatchObject({ verdict: 'over-budget', measured: 'cpu' });
  });

  it('falls back to the wall clock where the thread CPU time cannot be read', () => {
    const clock = new HandClock();
    clock.cpu = undefined;
    const budget = new JobBudget(1_000, 20_000, clock, undefined);
    clock.advance(600, 1);
    expect(budget.check()).toEqual({ verdict: 'within', recheckInMs: 400 });
    clock.advance(400, 1);
    expect(budget.check()).toEqual({ verdict: 'over-budget', measured: 'wall', wallMs: 1_000 });
    expect(budget.spent()).toEqual({ wallMs: 1_000 });
  });

  it('judges by the wall clock, not a bogus CPU figure, when the thread vanishes mid-job', () => {
    const clock = new HandClock();
    const budget = new JobBudget(1_000, 20_000, clock, clock.cpuMs());
    clock.cpu = undefined;
    clock.advance(1_000, 1);
    expect(budget.check()).toMatchObject({ verdict: 'over-budget', measured: 'wall' });
  });
});

describe("the inspector's cooperative deadline in CPU time", () => {
  const tooComplex = (check: () => void) => {
    try {
      check();
    } catch (error) {
      return isPdfRefused(error) && error.kind === 'too-complex' ? error.message : `other: ${String(error)}`;
    }
    return undefined;
  };

  it('reads no CPU clock while the wall clock is inside the budget', () => {
    const clock = new HandClock();
    const deadline = new CpuDeadline(1_000, clock);
    const readsAtStart = clock.reads;
    for (let i = 0; i < 10; i += 1) {
      clock.advance(90, 1);
      deadline.check();
    }
    expect(clock.reads).toBe(readsAtStart);
  });

  it('does not refuse a file for the seconds the machine kept the thread waiting', () => {
    const clock = new HandClock();
    const deadline = new CpuDeadline(1_000, clock);
    for (let i = 0; i < 60; i += 1) {
      clock.advance(100, 0.1);
      expect(tooComplex(() => deadline.check())).toBeUndefined();
    }
  });

  it('refuses as too complex once the thread has spent the budget', () => {
    const clock = new HandClock();
    const deadline = new CpuDeadline(1_000, clock);
    clock.advance(999, 1);
    expect(tooComplex(() => deadline.check())).toBeUndefined();
    clock.advance(2, 1);
    expect(tooComplex(() => deadline.check())).toBe('reading the PDF takes more than 1000 ms of processor time');
  });

  it('is the wall-clock deadline it replaces where CPU time cannot be read', () => {
    const clock = new HandClock();
    clock.cpu = undefined;
    const deadline = new CpuDeadline(1_000, clock);
    clock.advance(1_001, 0);
    expect(tooComplex(() => deadline.check())).toBe('reading the PDF takes longer than 1000 ms');
  });

  it('counts ticks as the inspector does, checking every few thousand', () => {
    const clock = new HandClock();
    const deadline = new CpuDeadline(10, clock);
    clock.advance(20, 1);
    expect(tooComplex(() => {
      for (let i = 0; i < 5_000; i += 1) deadline.tick();
    })).toMatch(/more than 10 ms of processor time/);
  });
});

const linux = process.platform === 'linux' ? describe : describe.skip;

linux("a thread's CPU time from /proc", () => {
  it('grows with work done on the calling thread', () => {
    const before = threadCpuMs()!;
    let x = 0;
    for (let i = 0; i < 3e7; i += 1) x = (x + i * 7) % 1_000_003;
    expect(x).toBeGreaterThanOrEqual(0);
    expect(threadCpuMs()!).toBeGreaterThan(before);
  });

  it("reads another thread's clock by the id that thread reports", async () => {
    const worker = new Worker(
      `const { parentPort } = require('node:worker_threads');
       const { readlinkSync } = require('node:fs');
       parentPort.postMessage(Number(readlinkSync('/proc/thread-self').split('/').pop()));
       let x = 0; for (let i = 0; i < 5e7; i += 1) x = (x + i) % 7;
       parentPort.postMessage('done');`,
      { eval: true },
    );
    const tid = await new Promise<number>((resolve) => worker.once('message', resolve));
    const early = threadCpuMs(tid);
    await new Promise((resolve) => worker.once('message', resolve));
    const late = threadCpuMs(tid);
    await worker.terminate();
    expect(tid).not.toBe(currentThreadId());
    expect(early).toEqual(expect.any(Number));
    expect(late!).toBeGreaterThan(early!);
  });
});

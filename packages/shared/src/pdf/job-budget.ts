import { tooComplex } from './pdf-refusal';
import { Deadline } from './pdf-syntax';
import { threadCpuMs } from './thread-cpu';

/** What a budget reads: elapsed time, and the processor time of the thread doing the work. */
export interface ThreadClock {
  wallMs(): number;
  /** Undefined where the thread's CPU time cannot be read: the wall clock is the budget then. */
  cpuMs(): number | undefined;
}

const wallMs = () => performance.now();

/** The calling thread's clock. */
export const ownThreadClock = (): ThreadClock => ({ wallMs, cpuMs: () => threadCpuMs() });

/** The clock of thread `tid` of this process; without a tid, only the wall clock. */
export const threadClock = (tid: number | undefined): ThreadClock => ({ wallMs, cpuMs: () => (tid === undefined ? undefined : threadCpuMs(tid)) });

export type BudgetCheck =
  | { verdict: 'within'; recheckInMs: number }
  /** The work itself took too much: the file is refused (422), and retrying will not help. */
  | { verdict: 'over-budget'; measured: 'cpu' | 'wall'; cpuMs?: number; wallMs: number }
  /** The thread got too little of the machine to finish in time, while within its CPU budget: overload (503). */
  | { verdict: 'starved'; cpuMs: number; wallMs: number };

/**
 * Rechecks no more often than this: a read of the thread's CPU time costs ~10 µs, and a budget of
 * a second need not be exact to the millisecond.
 */
export const MIN_RECHECK_MS = 5;

/**
 * The wall-clock backstop of a job, as a multiple of its CPU budget (1.25 s by default, so 25 s).
 * A worker thread measured at 10 busy-looping processes on these 2 vCPUs got a tenth of a core
 * (0.25 s of module loading took 2.4–3 s of wall time); 20 leaves twice that before the answer is
 * 503 rather than a wait without end. It never turns into a 422: only CPU time does.
 */
export const WALL_BACKSTOP_FACTOR = 20;

/**
 * One job's budget: `cpuBudgetMs` of the thread's own processor time, and a wall-clock backstop of
 * `wallLimitMs` for a thread that the machine's load keeps from running at all. CPU time cannot
 * pass wall time, so nothing needs looking at before `cpuBudgetMs` of wall time has passed; after
 * that, the next look is when the unspent CPU budget could first run out. Without a readable CPU
 * clock the budget is wall time (and load cannot be told from the file).
 */
export class JobBudget {
  private readonly startWall: number;

  constructor(
    readonly cpuBudgetMs: number,
    readonly wallLimitMs: number,
    private readonly clock: ThreadClock,
    /** The thread's CPU time when the job began (undefined: unreadable, the wall clock is the budget). */
    private readonly startCpu: number | undefined,
  ) {
    this.startWall = clock.wallMs();
  }

  /** Wall time to the first look: the job cannot have spent its CPU budget any sooner. */
  get firstCheckInMs(): number {
    return Math.max(MIN_RECHECK_MS, Math.min(this.cpuBudgetMs, this.wallLimitMs));
  }

  /** Time spent so far; no `cpuMs` where the thread's clock cannot be read. */
  spent(): { wallMs: number; cpuMs?: number } {
    const wallMs = this.clock.wallMs() - this.startWall;
    const now = this.startCpu === undefined ? undefined : this.clock.cpuMs();
    return now === undefined ? { wallMs } : { wallMs, cpuMs: Math.max(0, now - this.startCpu!) };
  }

  check(): BudgetCheck {
    const { wallMs, cpuMs } = this.spent();
    if (cpuMs === undefined) {
      if (wallMs >= this.cpuBudgetMs) return { verdict: 'over-budget', measured: 'wall', wallMs };
      return { verdict: 'within', recheckInMs: Math.max(MIN_RECHECK_MS, this.cpuBudgetMs - wallMs) };
    }
    // Over budget wins over starved: a file that has had its full share of CPU is the file's fault.
    if (cpuMs >= this.cpuBudgetMs) return { verdict: 'over-budget', measured: 'cpu', cpuMs, wallMs };
    if (wallMs >= this.wallLimitMs) return { verdict: 'starved', cpuMs, wallMs };
    return { verdict: 'within', recheckInMs: Math.max(MIN_RECHECK_MS, Math.min(this.cpuBudgetMs - cpuMs, this.wallLimitMs - wallMs)) };
  }
}

/**
 * The inspector's cooperative deadline, counted in the calling thread's CPU time. The inspector
 * calls `check()` every few thousand steps; the wall clock answers it until the CPU budget could
 * possibly be spent, so the thread's clock is read only a handful of times per job. Starvation is
 * not judged here: the thread that watches this one does that (see `BudgetedWorkers`).
 */
export class CpuDeadline extends Deadline {
  private readonly budget: JobBudget;
  private lookAt: number;

  constructor(
    private readonly cpuBudgetMs: number,
    private readonly clock: ThreadClock = ownThreadClock(),
  ) {
    super(Number.POSITIVE_INFINITY, cpuBudgetMs);
    this.budget = new JobBudget(cpuBudgetMs, Number.POSITIVE_INFINITY, clock, clock.cpuMs());
    this.lookAt = clock.wallMs() + this.budget.firstCheckInMs;
  }

  override check(): void {
    const now = this.clock.wallMs();
    if (now < this.lookAt) return;
    const result = this.budget.check();
    if (result.verdict === 'within') this.lookAt = now + result.recheckInMs;
    else if (result.verdict === 'over-budget' && result.measured === 'cpu') tooComplex(`reading the PDF takes more than ${this.cpuBudgetMs} ms of processor time`);
    else tooComplex(`reading the PDF takes longer than ${this.cpuBudgetMs} ms`);
  }
}

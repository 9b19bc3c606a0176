import { Worker, type ResourceLimits } from 'node:worker_threads';
import { JobBudget, threadClock, WALL_BACKSTOP_FACTOR } from './job-budget';
import { currentThreadId, threadCpuMs } from './thread-cpu';

/** Why a thread was stopped in the middle of a job. */
export type WorkerStop =
  /** The job spent its CPU budget: the input's doing. */
  | 'cpu'
  /** The job ran past its budget by the wall clock, where the thread's CPU time cannot be read. */
  | 'wall'
  /** The thread hit its heap limit. */
  | 'memory'
  /** The job was within its CPU budget when the wall-clock backstop ran out: the machine's doing. */
  | 'starved';

/** A job's thread was stopped (see `WorkerStop`) and will be replaced by the next job. */
export class WorkerStopped extends Error {
  constructor(
    message: string,
    readonly stop: WorkerStop,
    readonly cpuMs?: number,
    readonly wallMs?: number,
  ) {
    super(message);
    this.name = 'WorkerStopped';
  }
}

/**
 * Overload, not the input: more jobs are waiting than the queue holds (`queue-full`), or, as a
 * user of `BudgetedWorkers` may choose to word a `starved` stop, the machine gave a job's thread
 * too little time. The caller answers 503 with Retry-After; the same request later will do.
 */
export class WorkersBusy extends Error {
  constructor(
    message: string,
    readonly overload: 'queue-full' | 'starved' = 'queue-full',
  ) {
    super(message);
    this.name = 'WorkersBusy';
  }
}

/** What a worker thread posts: once `ready` (see `readyMessage`), then one reply per job. */
export type WorkerMessage<F = unknown> = WorkerReady | WorkerReply<F>;
export interface WorkerReady {
  ready: true;
  /** Its kernel thread id, where /proc says: the watching thread reads its CPU time by it. */
  tid?: number;
  /** Its CPU time now, once its modules are loaded: the first job's starting point. */
  cpuMs?: number;
}
export interface WorkerReply<F = unknown> {
  id: number;
  ok: boolean;
  result?: unknown;
  error?: F;
}

/**
 * What a worker script posts once its modules are loaded, before taking a job; the loading is not
 * charged to any job (~0.3 s of CPU for pdf-lib, seconds of wall time on a saturated machine).
 */
export const readyMessage = (): WorkerReady => ({ ready: true, tid: currentThreadId(), cpuMs: threadCpuMs() });

export interface BudgetedWorkersOptions<F = unknown> {
  /** A worker script that posts `readyMessage()` once, then answers each `{ id, job }` with a `WorkerReply`. */
  script: string;
  threads: number;
  /** CPU time a job may spend once its thread has it; a job may bring its own. */
  cpuBudgetMs: number;
  /** Jobs that may wait for a thread; one more is refused with `WorkersBusy`. */
  maxQueue: number;
  /** The wall-clock backstop, as a multiple of a job's CPU budget; `WALL_BACKSTOP_FACTOR` by default. */
  wallFactor?: number;
  resourceLimits?: ResourceLimits;
  /** Turns a failure a worker posted back (or `undefined`, if it posted none) into the error the caller gets. */
  toError: (failure: F | undefined) => Error;
}

interface Job {
  id: number;
  message: unknown;
  transfer: ArrayBuffer[];
  cpuBudgetMs: number;
  resolve(value: unknown): void;
  reject(error: Error): void;
}

interface Slot {
  worker: Worker;
  /** Set once the thread has loaded its modules and said which kernel thread it is. */
  ready: boolean;
  tid?: number;
  job?: Job;
  budget?: JobBudget;
  timer?: NodeJS.Timeout;
}

/** The last finished job's cost, for tests and metrics. */
export interface WorkerJobCost {
  cpuMs?: number;
  wallMs: number;
}

export interface BudgetedWorkersStats {
  threads: number;
  busy: number;
  queued: number;
  /** Threads stopped mid-job, all causes. */
  replaced: number;
  stopped: Record<WorkerStop, number>;
  lastJob?: WorkerJobCost;
}

/**
 * Worker threads that each run one untrusted-input job at a time, under a budget of the thread's
 * own CPU time (see `JobBudget`), watched from this thread by reading the worker's clock in /proc.
 * Neither loading a thread's modules nor the wait in the queue is charged, so a queue of honest
 * jobs behind a hostile one, or a machine busy elsewhere, does not make them look hostile. A
 * thread past its budget is terminated, which stops even code that never yields (a parser in a
 * loop, a single zlib call), and a fresh one takes its place when the next job comes. A job the
 * machine keeps from running until the wall-clock backstop is stopped as `starved`: overload, not
 * the input. Idle threads do not keep the process alive.
 *
 * Why not piscina: it aborts a task through an AbortSignal whose clock runs from submission, in
 * wall time; here the budget is the job's own processor time.
 */
export class BudgetedWorkers<F = unknown> {
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private readonly wallFactor: number;
  private nextId = 1;
  private closed = false;
  /** Threads stopped mid-job, by cause. */
  readonly stopped: Record<WorkerStop, number> = { cpu: 0, wall: 0, memory: 0, starved: 0 };
  lastJob?: WorkerJobCost;

  constructor(private readonly options: BudgetedWorkersOptions<F>) {
    this.wallFactor = options.wallFactor ?? WALL_BACKSTOP_FACTOR;
  }

  run<T>(message: unknown, options: { transfer?: ArrayBuffer[]; cpuBudgetMs?: number } = {}): Promise<T> {
    if (this.closed) return Promise.reject(new Error('the worker pool is closed'));
    // Jobs wait only while every thread is taken (the queue is drained whenever one frees up).
    const mustWait = this.slots.length >= this.options.threads && this.slots.every((s) => s.job);
    if (mustWait && this.queue.length >= this.options.maxQueue) return Promise.reject(new WorkersBusy(`every thread is taken and ${this.queue.length} jobs are already waiting`));
    return new Promise<T>((resolve, reject) => {
      this.queue.push({
        id: this.nextId++,
        message,
        transfer: options.transfer ?? [],
        cpuBudgetMs: options.cpuBudgetMs ?? this.options.cpuBudgetMs,
        resolve: resolve as (value: unknown) => void,
        reject,
      });
      this.pump();
    });
  }

  private pump(): void {
    while (this.queue.length > 0) {
      let slot = this.slots.find((s) => !s.job);
      if (!slot) {
        if (this.slots.length >= this.options.threads) return;
        slot = this.spawn();
      }
      this.dispatch(slot, this.queue.shift()!);
    }
  }

  private spawn(): Slot {
    const worker = new Worker(this.options.script, this.options.resourceLimits ? { resourceLimits: this.options.resourceLimits } : {});
    const slot: Slot = { worker, ready: false };
    worker.on('message', (message: WorkerMessage<F>) => {
      if ('ready' in message) {
        slot.ready = true;
        slot.tid = message.tid;
        if (slot.job) this.startClock(slot, message.tid === undefined ? undefined : message.cpuMs);
      } else this.settle(slot, message);
    });
    worker.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'ERR_WORKER_OUT_OF_MEMORY') {
        this.stopped.memory += 1;
        this.lose(slot, new WorkerStopped('the job ran out of memory', 'memory'));
      } else this.lose(slot, new Error(`a worker thread failed: ${error.message}`));
    });
    worker.on('exit', (code) => this.lose(slot, new Error(`a worker thread stopped (exit code ${code})`)));
    worker.unref();
    this.slots.push(slot);
    return slot;
  }

  private dispatch(slot: Slot, job: Job): void {
    slot.job = job;
    slot.worker.ref();
    // A thread that is idle has not run since its last job: its clock now is this job's start.
    if (slot.ready) this.startClock(slot, slot.tid === undefined ? undefined : threadCpuMs(slot.tid));
    else {
      // A thread that never finishes loading its modules would otherwise hold its job unwatched.
      const startup = job.cpuBudgetMs * this.wallFactor;
      slot.timer = setTimeout(() => {
        if (slot.ready || slot.job !== job) return;
        this.stopped.starved += 1;
        this.lose(slot, new WorkerStopped(`the thread did not start within ${startup.toFixed(0)} ms`, 'starved', 0, startup));
        void slot.worker.terminate();
      }, startup);
    }
    slot.worker.postMessage({ id: job.id, job: job.message }, job.transfer);
  }

  private startClock(slot: Slot, startCpu: number | undefined): void {
    const job = slot.job!;
    clearTimeout(slot.timer);
    const budget = new JobBudget(job.cpuBudgetMs, job.cpuBudgetMs * this.wallFactor, threadClock(slot.tid), startCpu);
    slot.budget = budget;
    slot.timer = setTimeout(() => this.watch(slot, budget), budget.firstCheckInMs);
  }

  private watch(slot: Slot, budget: JobBudget): void {
    if (slot.budget !== budget) return;
    const result = budget.check();
    if (result.verdict === 'within') {
      slot.timer = setTimeout(() => this.watch(slot, budget), result.recheckInMs);
      return;
    }
    const stop: WorkerStop = result.verdict === 'starved' ? 'starved' : result.measured;
    this.stopped[stop] += 1;
    const spent = result.cpuMs === undefined ? `${result.wallMs.toFixed(0)} ms` : `${result.cpuMs.toFixed(0)} ms of CPU in ${result.wallMs.toFixed(0)} ms`;
    this.lose(slot, new WorkerStopped(`the job was stopped (${stop}) after ${spent}; its CPU budget was ${budget.cpuBudgetMs.toFixed(0)} ms`, stop, result.cpuMs, result.wallMs));
    void slot.worker.terminate();
  }

  private settle(slot: Slot, reply: WorkerReply<F>): void {
    const job = slot.job;
    if (!job || job.id !== reply.id) return;
    this.lastJob = slot.budget?.spent() ?? this.lastJob;
    clearTimeout(slot.timer);
    slot.job = undefined;
    slot.budget = undefined;
    slot.worker.unref();
    if (reply.ok) job.resolve(reply.result);
    else job.reject(this.options.toError(reply.error));
    this.pump();
  }

  /** The slot's thread is gone (or going): its job fails, and the next job starts a fresh thread. */
  private lose(slot: Slot, error: Error): void {
    const at = this.slots.indexOf(slot);
    if (at < 0) return;
    this.slots.splice(at, 1);
    clearTimeout(slot.timer);
    slot.budget = undefined;
    const job = slot.job;
    slot.job = undefined;
    job?.reject(error);
    if (!this.closed) this.pump();
  }

  /** Threads started, jobs running and waiting, threads stopped mid-job: for tests and health reports. */
  stats(): BudgetedWorkersStats {
    const replaced = Object.values(this.stopped).reduce((a, b) => a + b, 0);
    return {
      threads: this.slots.length,
      busy: this.slots.filter((s) => s.job).length,
      queued: this.queue.length,
      replaced,
      stopped: { ...this.stopped },
      ...(this.lastJob && { lastJob: this.lastJob }),
    };
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.queue.splice(0)) job.reject(new Error('the worker pool is closed'));
    const slots = this.slots.splice(0);
    for (const slot of slots) {
      clearTimeout(slot.timer);
      slot.job?.reject(new Error('the worker pool is closed'));
    }
    await Promise.all(slots.map((slot) => slot.worker.terminate()));
  }
}

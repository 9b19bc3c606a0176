import { Worker, type ResourceLimits } from 'node:worker_threads';
import { WorkersBusy } from '@vanthu/shared/pdf';
import { JobBudget, threadClock } from './job-budget';
import type { ByteJob, JobFailure } from './byte-jobs';
import { threadCpuMs } from './thread-cpu';

/** Why a guard thread was stopped in the middle of a job. */
export type GuardStop =
  /** The job spent its CPU budget: the file's doing. */
  | 'cpu'
  /** The job ran past its budget by the wall clock, where the thread's CPU time cannot be read. */
  | 'wall'
  /** The thread hit its heap limit. */
  | 'memory'
  /** The job was within its CPU budget when the wall-clock backstop ran out: the machine's doing. */
  | 'starved';

export class GuardStopped extends Error {
  constructor(
    message: string,
    readonly stop: GuardStop,
    readonly cpuMs?: number,
    readonly wallMs?: number,
  ) {
    super(message);
    this.name = 'GuardStopped';
  }
}

export interface GuardThreadsOptions {
  /** The guard-worker script (see `guardWorkerScript`). */
  script: string;
  threads: number;
  /** Jobs that may wait for a thread; one more is refused with `WorkersBusy`. */
  maxQueue: number;
  /** The wall-clock backstop, as a multiple of a job's CPU budget. */
  wallFactor: number;
  resourceLimits?: ResourceLimits;
  /** Turns a failure a worker posted back into the error the caller gets. */
  toError: (failure: JobFailure) => Error;
}

interface Job {
  id: number;
  message: ByteJob;
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
  /** Its CPU time when it became ready: the first job's starting point. */
  readyCpuMs?: number;
  job?: Job;
  budget?: JobBudget;
  timer?: NodeJS.Timeout;
}

/** What a guard thread posts: once `ready`, then one reply per job. */
export type GuardMessage = { ready: true; tid?: number; cpuMs?: number } | { id: number; ok: boolean; result?: unknown; error?: JobFailure };

/** The last finished job's cost, for tests and metrics. */
export interface GuardJobCost {
  cpuMs?: number;
  wallMs: number;
}

/**
 * Threads that each run one untrusted-input job at a time, under a budget of the thread's own CPU
 * time (see `JobBudget`), watched from this thread by reading the guard thread's clock in /proc.
 * Loading a thread's modules is not charged (~0.3 s of CPU at start; seconds of wall time on a
 * saturated machine), nor is the wait in the queue. A thread past its budget is terminated, which
 * stops even code that never yields (pdf-lib's full load, a single zlib call), and a fresh one
 * takes its place when the next job comes.
 *
 * Why not the shared `BudgetedWorkers`: its budget is wall-clock, and a clock that runs while
 * the machine is busy elsewhere refuses honest files for the load rather than for what they are.
 */
export class GuardThreads {
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private nextId = 1;
  private closed = false;
  /** Threads stopped mid-job, by cause. */
  readonly stopped: Record<GuardStop, number> = { cpu: 0, wall: 0, memory: 0, starved: 0 };
  lastJob?: GuardJobCost;

  constructor(private readonly options: GuardThreadsOptions) {}

  run<T>(message: ByteJob, options: { transfer?: ArrayBuffer[]; cpuBudgetMs: number }): Promise<T> {
    if (this.closed) return Promise.reject(new Error('the guard threads are closed'));
    if (this.queue.length >= this.options.maxQueue) return Promise.reject(new WorkersBusy(`${this.queue.length} jobs are already waiting for a thread`));
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ id: this.nextId++, message, transfer: options.transfer ?? [], cpuBudgetMs: options.cpuBudgetMs, resolve: resolve as (value: unknown) => void, reject });
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
    worker.on('message', (message: GuardMessage) => {
      if ('ready' in message) {
        slot.ready = true;
        slot.tid = message.tid;
        slot.readyCpuMs = message.cpuMs;
        if (slot.job) this.startClock(slot, message.tid === undefined ? undefined : message.cpuMs);
      } else this.settle(slot, message);
    });
    worker.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'ERR_WORKER_OUT_OF_MEMORY') {
        this.stopped.memory += 1;
        this.lose(slot, new GuardStopped('the job ran out of memory', 'memory'));
      } else this.lose(slot, new Error(`a guard thread failed: ${error.message}`));
    });
    worker.on('exit', (code) => this.lose(slot, new Error(`a guard thread stopped (exit code ${code})`)));
    worker.unref();
    this.slots.push(slot);
    return slot;
  }

  private dispatch(slot: Slot, job: Job): void {
    slot.job = job;
    slot.worker.ref();
    // A thread that is idle has not run since its last job: its clock now is this job's start.
    if (slot.ready) this.startClock(slot, slot.tid === undefined ? undefined : threadCpuMs(slot.tid));
    slot.worker.postMessage({ id: job.id, job: job.message }, job.transfer);
  }

  private startClock(slot: Slot, startCpu: number | undefined): void {
    const job = slot.job!;
    const budget = new JobBudget(job.cpuBudgetMs, job.cpuBudgetMs * this.options.wallFactor, threadClock(slot.tid), startCpu);
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
    const stop: GuardStop = result.verdict === 'starved' ? 'starved' : result.measured;
    this.stopped[stop] += 1;
    const spent = result.cpuMs === undefined ? `${result.wallMs.toFixed(0)} ms` : `${result.cpuMs.toFixed(0)} ms of CPU in ${result.wallMs.toFixed(0)} ms`;
    this.lose(slot, new GuardStopped(`the job was stopped (${stop}) after ${spent}; its CPU budget was ${budget.cpuBudgetMs.toFixed(0)} ms`, stop, result.cpuMs, result.wallMs));
    void slot.worker.terminate();
  }

  private settle(slot: Slot, reply: { id: number; ok: boolean; result?: unknown; error?: JobFailure }): void {
    const job = slot.job;
    if (!job || job.id !== reply.id) return;
    this.lastJob = slot.budget?.spent() ?? this.lastJob;
    clearTimeout(slot.timer);
    slot.job = undefined;
    slot.budget = undefined;
    slot.worker.unref();
    if (reply.ok) job.resolve(reply.result);
    else job.reject(this.options.toError(reply.error ?? { message: 'a guard thread failed' }));
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
  stats(): { threads: number; busy: number; queued: number; replaced: number; stopped: Record<GuardStop, number>; lastJob?: GuardJobCost } {
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
    for (const job of this.queue.splice(0)) job.reject(new Error('the guard threads are closed'));
    const slots = this.slots.splice(0);
    for (const slot of slots) {
      clearTimeout(slot.timer);
      slot.job?.reject(new Error('the guard threads are closed'));
    }
    await Promise.all(slots.map((slot) => slot.worker.terminate()));
  }
}

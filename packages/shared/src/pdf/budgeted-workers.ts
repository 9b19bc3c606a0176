import { Worker, type ResourceLimits } from 'node:worker_threads';

/** A job ran past its budget, or its thread ran out of memory: the thread was stopped and replaced. */
export class WorkerBudgetExceeded extends Error {
  constructor(
    message: string,
    readonly limit: 'time' | 'memory',
  ) {
    super(message);
    this.name = 'WorkerBudgetExceeded';
  }
}

/** More jobs are waiting than the queue holds: the caller should answer 503 and let the client retry. */
export class WorkersBusy extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WorkersBusy';
  }
}

export interface BudgetedWorkersOptions {
  /** A worker script that answers `{ id, job }` with `[{ id, ok, result?, error? }]`. */
  script: string;
  threads: number;
  /** Wall-clock time a job may run once its thread has it; a job may bring its own. */
  budgetMs: number;
  /** Jobs that may wait for a thread; one more is refused with `WorkersBusy`. */
  maxQueue: number;
  resourceLimits?: ResourceLimits;
  /** Turns a failure a worker posted back into the error the caller gets. */
  toError: (failure: unknown) => Error;
}

interface Job {
  id: number;
  message: unknown;
  transfer: ArrayBuffer[];
  budgetMs: number;
  resolve(value: unknown): void;
  reject(error: Error): void;
}

interface Slot {
  worker: Worker;
  online: boolean;
  job?: Job;
  timer?: NodeJS.Timeout;
}

type Reply = { id: number; ok: boolean; result?: unknown; error?: unknown };

/**
 * Worker threads that each run one job at a time under a hard budget. A job's clock starts when
 * its thread takes it (not while it waits), so a queue of honest jobs behind a hostile one is not
 * charged for it. A thread past the budget is terminated, which stops even code that never yields
 * (a regular expression, a parser in a loop), and a fresh one takes its place. Idle threads do
 * not keep the process alive.
 *
 * Why not piscina: it aborts a task through an AbortSignal whose clock runs from submission, so a
 * budget would count the wait in its queue; here the budget is the job's own running time.
 */
export class BudgetedWorkers {
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private nextId = 1;
  private closed = false;
  /** Threads stopped for running over budget or out of memory, for tests and metrics. */
  replaced = 0;

  constructor(private readonly options: BudgetedWorkersOptions) {}

  run<T>(message: unknown, options: { transfer?: ArrayBuffer[]; budgetMs?: number } = {}): Promise<T> {
    if (this.closed) return Promise.reject(new Error('the worker pool is closed'));
    if (this.queue.length >= this.options.maxQueue) return Promise.reject(new WorkersBusy(`${this.queue.length} jobs are already waiting for a thread`));
    return new Promise<T>((resolve, reject) => {
      this.queue.push({
        id: this.nextId++,
        message,
        transfer: options.transfer ?? [],
        budgetMs: options.budgetMs ?? this.options.budgetMs,
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
    const slot: Slot = { worker, online: false };
    worker.on('online', () => {
      slot.online = true;
      if (slot.job) this.startClock(slot);
    });
    worker.on('message', (replies: Reply[]) => {
      for (const reply of replies) this.settle(slot, reply);
    });
    worker.on('error', (error: NodeJS.ErrnoException) => {
      const lost =
        error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? new WorkerBudgetExceeded('the job ran out of memory', 'memory') : new Error(`a worker thread failed: ${error.message}`);
      this.lose(slot, lost);
    });
    worker.on('exit', (code) => this.lose(slot, new Error(`a worker thread stopped (exit code ${code})`)));
    worker.unref();
    this.slots.push(slot);
    return slot;
  }

  private dispatch(slot: Slot, job: Job): void {
    slot.job = job;
    slot.worker.ref();
    if (slot.online) this.startClock(slot);
    slot.worker.postMessage({ id: job.id, job: job.message }, job.transfer);
  }

  /** Starting a thread takes tens of milliseconds; the job is not charged for it. */
  private startClock(slot: Slot): void {
    const job = slot.job!;
    slot.timer = setTimeout(() => {
      this.replaced += 1;
      this.lose(slot, new WorkerBudgetExceeded(`the job ran longer than ${job.budgetMs} ms`, 'time'));
      void slot.worker.terminate();
    }, job.budgetMs);
  }

  private settle(slot: Slot, reply: Reply): void {
    const job = slot.job;
    if (!job || job.id !== reply.id) return;
    clearTimeout(slot.timer);
    slot.job = undefined;
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
    if (error instanceof WorkerBudgetExceeded && error.limit === 'memory') this.replaced += 1;
    const job = slot.job;
    slot.job = undefined;
    job?.reject(error);
    if (!this.closed) this.pump();
  }

  /** Threads started and jobs waiting: for tests and health reports. */
  stats(): { threads: number; busy: number; queued: number; replaced: number } {
    return { threads: this.slots.length, busy: this.slots.filter((s) => s.job).length, queued: this.queue.length, replaced: this.replaced };
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

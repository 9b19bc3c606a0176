import { availableParallelism } from 'node:os';
import { BudgetedWorkers, HARD_STOP_MARGIN_MS, WALL_BACKSTOP_FACTOR, WorkersBusy, WorkerStopped } from '@vanthu/shared/pdf';
import { refusals } from '../errors';
import type { ByteJob, JobFailure } from './byte-jobs';
import { pdfLimits } from './limits';
import { failure, workerScript } from './worker-script';

/** Heap of a guard thread: pdf-lib's object graph of a large honest file fits; a hostile one does not. */
const GUARD_HEAP_MB = 512;
/** Jobs that may wait for a guard thread before requests are answered 503. */
const GUARD_QUEUE = 64;

export interface GuardLaneOptions {
  threads?: number;
  /** Overrides PDF_BUDGET_MS for this lane (tests). */
  budgetMs?: number;
  /** The wall-clock backstop as a multiple of a job's CPU budget (`WALL_BACKSTOP_FACTOR`, shared with intake's inspector). */
  wallFactor?: number;
}

/**
 * The byte pool's threads for untrusted structure: the structure check of every PDF to sign, the
 * full pdf-lib load when the fast reader cannot read a file, and the signature scan of a PDF to
 * verify. Each takes one job at a time under a budget of its own CPU time (the shared
 * `BudgetedWorkers`, as intake's upload check):
 *
 * - a job that spends the budget has its thread stopped and is answered 422 `pdf-too-complex`,
 *   final for the lifecycle (the same file will cost as much again);
 * - a job the machine starves of CPU (its wall-clock backstop runs out first), or one that finds
 *   every thread taken and the queue full, is answered 503 `signing-busy` with Retry-After, and
 *   the lifecycle retries it: overload is not the file's fault.
 *
 * Nothing here runs on the thread that answers health checks.
 */
export class GuardLane {
  private readonly threads: BudgetedWorkers<JobFailure>;
  private readonly budgetMs: () => number;

  constructor(options: GuardLaneOptions = {}) {
    this.budgetMs = () => options.budgetMs ?? pdfLimits().budgetMs;
    this.threads = new BudgetedWorkers<JobFailure>({
      script: workerScript('guard-worker'),
      threads: options.threads ?? availableParallelism(),
      // Every job brings its own (the budget, the margin and what hashing the file needs).
      cpuBudgetMs: this.budgetMs() + HARD_STOP_MARGIN_MS,
      maxQueue: GUARD_QUEUE,
      wallFactor: options.wallFactor ?? WALL_BACKSTOP_FACTOR,
      resourceLimits: { maxOldGenerationSizeMb: GUARD_HEAP_MB },
      toError: (error) => failure(error ?? { message: 'a guard thread failed' }),
    });
  }

  /**
   * `extraMs`: CPU time granted beyond the budget for work that grows with an honest file (hashing
   * it). The hard stop is past the cooperative deadline of the inspector (`budgetMs`), so a
   * file that runs out of it is refused by the inspector with the limit's own message.
   */
  async run<T>(job: ByteJob, transfer: ArrayBuffer[] = [], extraMs = 0): Promise<T> {
    const budgetMs = this.budgetMs();
    try {
      return await this.threads.run<T>(job, { transfer, cpuBudgetMs: budgetMs + HARD_STOP_MARGIN_MS + extraMs });
    } catch (error) {
      if (error instanceof WorkerStopped) {
        const allowed = (budgetMs + extraMs).toFixed(0);
        switch (error.stop) {
          case 'cpu':
            throw refusals.pdfTooComplex(`reading it takes more than ${allowed} ms of processor time`);
          case 'memory':
            throw refusals.pdfTooComplex('reading it needs more memory than allowed');
          case 'starved':
            throw refusals.starved(`${(error.cpuMs ?? 0).toFixed(0)} ms of processor time in ${(error.wallMs ?? 0).toFixed(0)} ms`);
          case 'wall':
            // No thread CPU clock here (not Linux): load cannot be told from the file, so the lifecycle retries it.
            throw refusals.pdfTooComplex(`reading it takes longer than ${allowed} ms`, 'file', true);
        }
      }
      if (error instanceof WorkersBusy) throw refusals.busy();
      throw error;
    }
  }

  stats() {
    return this.threads.stats();
  }

  close(): Promise<void> {
    return this.threads.close();
  }
}

let shared: GuardLane | undefined;

/** One guard lane per process, shared by the signer and the verifier; idle threads hold nothing open. */
export const guardLane = (): GuardLane => (shared ??= new GuardLane());

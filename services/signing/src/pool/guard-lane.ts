import { availableParallelism } from 'node:os';
import { BudgetedWorkers, WorkerBudgetExceeded, WorkersBusy } from '@vanthu/shared/pdf';
import { refusals } from '../errors';
import type { ByteJob, JobFailure } from './byte-jobs';
import { HARD_STOP_MARGIN_MS, pdfLimits } from './limits';
import { failure, workerScript } from './worker-script';

/** Heap of a guard thread: pdf-lib's object graph of a large honest file fits; a hostile one does not. */
const GUARD_HEAP_MB = 512;
/** Jobs that may wait for a guard thread before requests are answered 503. */
const GUARD_QUEUE = 64;

/**
 * The byte pool's threads for untrusted structure: the structure check of every PDF to sign, the
 * full pdf-lib load when the fast reader cannot read a file, and the signature scan of a PDF to
 * verify. Unlike the byte pool's own threads, each takes one job at a time under a hard budget
 * (`BudgetedWorkers`): a job past it has its thread terminated and replaced, and the request is
 * answered 422 pdf-too-complex. Nothing here runs on the thread that answers health checks.
 */
export class GuardLane {
  private readonly workers: BudgetedWorkers;

  constructor(threads = availableParallelism()) {
    this.workers = new BudgetedWorkers({
      script: workerScript(),
      threads,
      budgetMs: pdfLimits().budgetMs + HARD_STOP_MARGIN_MS,
      maxQueue: GUARD_QUEUE,
      resourceLimits: { maxOldGenerationSizeMb: GUARD_HEAP_MB },
      toError: (error) => failure(error as JobFailure),
    });
  }

  /** `extraMs`: time granted beyond the budget for work that grows with an honest file (hashing it). */
  async run<T>(job: ByteJob, transfer: ArrayBuffer[] = [], extraMs = 0): Promise<T> {
    try {
      return await this.workers.run<T>(job, { transfer, budgetMs: pdfLimits().budgetMs + HARD_STOP_MARGIN_MS + extraMs });
    } catch (error) {
      if (error instanceof WorkerBudgetExceeded) {
        // A time overrun may be the machine's load rather than the file: the lifecycle retries it, a portal gets 422.
        if (error.limit === 'time') throw refusals.pdfTooComplex(`reading it takes longer than ${pdfLimits().budgetMs + extraMs} ms`, 'file', true);
        throw refusals.pdfTooComplex('reading it needs more memory than allowed');
      }
      if (error instanceof WorkersBusy) throw refusals.busy();
      throw error;
    }
  }

  stats() {
    return this.workers.stats();
  }

  close(): Promise<void> {
    return this.workers.close();
  }
}

let shared: GuardLane | undefined;

/** One guard lane per process, shared by the signer and the verifier; idle threads hold nothing open. */
export const guardLane = (): GuardLane => (shared ??= new GuardLane());

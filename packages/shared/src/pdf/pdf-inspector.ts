import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { BudgetedWorkers, WorkersBusy, WorkerStopped } from './budgeted-workers';
import type { PdfStructure } from './inspect-pdf';
import { loadPdfLimits, type PdfLimits } from './limits';
import { PdfRefused, type PdfRefusalKind } from './pdf-refusal';

/** Past the inspection's own deadline, the thread gets this long to answer before it is stopped. */
export const HARD_STOP_MARGIN_MS = 250;

/** What an inspection thread posts back for a file it refused or could not read. */
export interface InspectionFailure {
  kind?: PdfRefusalKind;
  message: string;
}

/** Threads run JavaScript: under ts-jest this module is TypeScript in src/, so the built dist/ copy runs. */
function inspectorScript(): string {
  const script = __filename.endsWith('.ts') ? join(__dirname, '..', '..', 'dist', 'pdf', 'inspector-worker.js') : join(__dirname, 'inspector-worker.js');
  if (!existsSync(script)) throw new Error(`${script} is missing: build @vanthu/shared first (npx tsc -b)`);
  return script;
}

export interface PdfInspectorOptions {
  limits?: PdfLimits;
  threads?: number;
  maxQueue?: number;
  /** Heap of each inspection thread; the inspection keeps little, so a thread near this is hostile. */
  maxHeapMb?: number;
  /** The wall-clock backstop as a multiple of the CPU budget (`WALL_BACKSTOP_FACTOR`; tests set it). */
  wallFactor?: number;
}

/**
 * `inspectPdf` off the calling thread, under a budget of the inspecting thread's own CPU time
 * (`BudgetedWorkers`): the thread that answers health checks never parses an untrusted byte.
 *
 * - An inspection that spends its CPU budget, or its heap, has its thread stopped and replaced,
 *   and the caller gets `PdfRefused('too-complex')`: the same file costs as much again. So does
 *   one past its budget in wall time where the thread's CPU time cannot be read (not Linux).
 * - One the machine starves of CPU (the wall-clock backstop runs out first), or one that finds
 *   every thread taken and the queue full, gets `WorkersBusy`: overload, not the file; the
 *   caller answers 503 with Retry-After.
 */
export class PdfInspector {
  readonly limits: PdfLimits;
  private readonly workers: BudgetedWorkers<InspectionFailure>;

  constructor(options: PdfInspectorOptions = {}) {
    this.limits = options.limits ?? loadPdfLimits();
    this.workers = new BudgetedWorkers<InspectionFailure>({
      script: inspectorScript(),
      threads: options.threads ?? Math.min(2, availableParallelism()),
      cpuBudgetMs: this.limits.budgetMs + HARD_STOP_MARGIN_MS,
      maxQueue: options.maxQueue ?? 64,
      ...(options.wallFactor !== undefined && { wallFactor: options.wallFactor }),
      resourceLimits: { maxOldGenerationSizeMb: options.maxHeapMb ?? 256 },
      toError: (failure) => (failure?.kind ? new PdfRefused(failure.kind, failure.message) : new Error(failure?.message ?? 'the PDF inspection failed')),
    });
  }

  async inspect(bytes: Uint8Array): Promise<PdfStructure> {
    // A copy goes to the thread: the caller keeps its buffer (to store it, or sign it).
    const copy = new Uint8Array(bytes);
    try {
      return await this.workers.run<PdfStructure>({ bytes: copy, limits: this.limits }, { transfer: [copy.buffer] });
    } catch (error) {
      if (!(error instanceof WorkerStopped)) throw error;
      const budget = this.limits.budgetMs;
      switch (error.stop) {
        case 'cpu':
          throw new PdfRefused('too-complex', `reading the PDF takes more than ${budget} ms of processor time`);
        case 'memory':
          throw new PdfRefused('too-complex', 'reading the PDF needs more memory than allowed');
        case 'wall':
          throw new PdfRefused('too-complex', `reading the PDF takes longer than ${budget} ms`);
        case 'starved':
          throw new WorkersBusy(`the machine gave the inspection ${(error.cpuMs ?? 0).toFixed(0)} ms of processor time in ${(error.wallMs ?? 0).toFixed(0)} ms`, 'starved');
      }
    }
  }

  stats() {
    return this.workers.stats();
  }

  close(): Promise<void> {
    return this.workers.close();
  }
}

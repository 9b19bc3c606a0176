import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { BudgetedWorkers, WorkerBudgetExceeded } from './budgeted-workers';
import type { PdfStructure } from './inspect-pdf';
import { loadPdfLimits, type PdfLimits } from './limits';
import { PdfRefused, type PdfRefusalKind } from './pdf-refusal';

/** Past the inspection's own deadline, the thread gets this long to answer before it is stopped. */
export const HARD_STOP_MARGIN_MS = 250;

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
}

/**
 * `inspectPdf` off the calling thread, under a hard budget: an inspection that outruns its own
 * deadline (code that cannot check it, such as a single zlib call) has its thread stopped and
 * replaced, and the caller gets `PdfRefused('too-complex')`. The thread that answers health checks
 * never parses an untrusted byte.
 */
export class PdfInspector {
  readonly limits: PdfLimits;
  private readonly workers: BudgetedWorkers;

  constructor(options: PdfInspectorOptions = {}) {
    this.limits = options.limits ?? loadPdfLimits();
    this.workers = new BudgetedWorkers({
      script: inspectorScript(),
      threads: options.threads ?? Math.min(2, availableParallelism()),
      budgetMs: this.limits.budgetMs + HARD_STOP_MARGIN_MS,
      maxQueue: options.maxQueue ?? 64,
      resourceLimits: { maxOldGenerationSizeMb: options.maxHeapMb ?? 256 },
      toError: (failure) => {
        const f = failure as { kind?: PdfRefusalKind; message?: string };
        return f.kind ? new PdfRefused(f.kind, f.message ?? 'refused') : new Error(f.message ?? 'the PDF inspection failed');
      },
    });
  }

  async inspect(bytes: Uint8Array): Promise<PdfStructure> {
    // A copy goes to the thread: the caller keeps its buffer (to store it, or sign it).
    const copy = new Uint8Array(bytes);
    try {
      return await this.workers.run<PdfStructure>({ bytes: copy, limits: this.limits }, { transfer: [copy.buffer] });
    } catch (error) {
      if (error instanceof WorkerBudgetExceeded) {
        throw new PdfRefused('too-complex', error.limit === 'time' ? `reading the PDF takes longer than ${this.limits.budgetMs} ms` : 'reading the PDF needs more memory than allowed');
      }
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

import { parentPort } from 'node:worker_threads';
import { readyMessage, type WorkerMessage } from './budgeted-workers';
import { inspectPdf } from './inspect-pdf';
import { CpuDeadline } from './job-budget';
import type { PdfLimits } from './limits';
import type { InspectionFailure } from './pdf-inspector';
import { PdfRefused } from './pdf-refusal';

/** A thread of `PdfInspector`: one inspection at a time, answered as `BudgetedWorkers` expects. */
const port = parentPort;
if (!port) throw new Error('inspector-worker runs as a worker thread of PdfInspector');

// Modules are loaded by now: the CPU time spent so far is the thread's start, not any file's.
port.postMessage(readyMessage());

port.on('message', ({ id, job }: { id: number; job: { bytes: Uint8Array; limits: PdfLimits } }) => {
  try {
    const bytes = Buffer.from(job.bytes.buffer, job.bytes.byteOffset, job.bytes.byteLength);
    // The cooperative deadline counts this thread's CPU time, as the hard stop does: a busy machine is not the file's doing.
    const result = inspectPdf(bytes, job.limits, new CpuDeadline(job.limits.budgetMs));
    port.postMessage({ id, ok: true, result } satisfies WorkerMessage<InspectionFailure>);
  } catch (error) {
    const failure: InspectionFailure = error instanceof PdfRefused ? { kind: error.kind, message: error.message } : { message: error instanceof Error ? error.message : String(error) };
    port.postMessage({ id, ok: false, error: failure } satisfies WorkerMessage<InspectionFailure>);
  }
});

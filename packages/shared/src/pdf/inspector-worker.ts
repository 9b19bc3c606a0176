import { parentPort } from 'node:worker_threads';
import { inspectPdf } from './inspect-pdf';
import type { PdfLimits } from './limits';
import { PdfRefused } from './pdf-refusal';

/** A thread of `PdfInspector`: one inspection at a time, answered as `BudgetedWorkers` expects. */
const port = parentPort;
if (!port) throw new Error('inspector-worker runs as a worker thread of PdfInspector');

port.on('message', ({ id, job }: { id: number; job: { bytes: Uint8Array; limits: PdfLimits } }) => {
  try {
    const bytes = Buffer.from(job.bytes.buffer, job.bytes.byteOffset, job.bytes.byteLength);
    port.postMessage([{ id, ok: true, result: inspectPdf(bytes, job.limits) }]);
  } catch (error) {
    const failure = error instanceof PdfRefused ? { kind: error.kind, message: error.message } : { message: error instanceof Error ? error.message : String(error) };
    port.postMessage([{ id, ok: false, error: failure }]);
  }
});

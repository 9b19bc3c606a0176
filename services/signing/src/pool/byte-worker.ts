import { parentPort, receiveMessageOnPort } from 'node:worker_threads';
import { describeFailure, runByteJob, type ByteJob } from './byte-jobs';

/** A thread of the byte pool: see `BytePool`. */
const port = parentPort;
if (!port) throw new Error('byte-worker runs as a worker thread of BytePool');

type Envelope = { id: number; job: ByteJob };
type Result = { id: number; ok: boolean; result?: unknown; error?: unknown };

/** At most this many results wait for one another; see `drain`. */
const BATCH = 2;

/**
 * Runs queued jobs back to back. Waking an idle thread costs the poster ~20 µs on these VMs (a
 * cross-CPU interrupt), so while more jobs are already waiting, results go back in pairs: one
 * wake-up per two jobs. A job that finds the queue empty is answered at once.
 */
async function drain(first: Envelope): Promise<void> {
  let results: Result[] = [];
  let transfer: ArrayBuffer[] = [];
  for (let envelope: Envelope | undefined = first; envelope; ) {
    try {
      const outcome = await runByteJob(envelope.job);
      results.push({ id: envelope.id, ok: true, result: outcome.result });
      transfer.push(...outcome.transfer);
    } catch (error) {
      results.push({ id: envelope.id, ok: false, error: describeFailure(error) });
    }
    envelope = receiveMessageOnPort(port!)?.message as Envelope | undefined;
    if (!envelope || results.length >= BATCH) {
      reply(results, transfer);
      results = [];
      transfer = [];
    }
  }
}

function reply(results: Result[], transfer: ArrayBuffer[]): void {
  try {
    port!.postMessage(results, transfer);
  } catch (error) {
    port!.postMessage(results.map(({ id }) => ({ id, ok: false, error: describeFailure(error) })));
  }
}

// One drain at a time, in arrival order; anything unforeseen ends the thread, and the pool fails
// its jobs and starts another rather than leave callers waiting.
let running = Promise.resolve();
port.on('message', (envelope: Envelope) => {
  running = running
    .then(() => drain(envelope))
    .catch((error: unknown) =>
      process.nextTick(() => {
        throw error;
      }),
    );
});

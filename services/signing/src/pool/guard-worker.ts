import { parentPort } from 'node:worker_threads';
import { readyMessage, type WorkerMessage } from '@vanthu/shared/pdf';
import { describeFailure, runByteJob, type ByteJob, type JobFailure } from './byte-jobs';

/** A guard thread: see `GuardLane`. One job at a time; the watching thread stops it when over budget. */
const port = parentPort;
if (!port) throw new Error('guard-worker runs as a worker thread of GuardLane');

// Modules are loaded by now: the CPU time spent so far is the thread's start, not any file's.
port.postMessage(readyMessage());

port.on('message', ({ id, job }: { id: number; job: ByteJob }) => {
  runByteJob(job).then(
    (outcome) => {
      try {
        port.postMessage({ id, ok: true, result: outcome.result } satisfies WorkerMessage<JobFailure>, outcome.transfer);
      } catch (error) {
        port.postMessage({ id, ok: false, error: describeFailure(error) } satisfies WorkerMessage<JobFailure>);
      }
    },
    (error: unknown) => port.postMessage({ id, ok: false, error: describeFailure(error) } satisfies WorkerMessage<JobFailure>),
  );
});

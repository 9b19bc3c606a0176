import { parentPort } from 'node:worker_threads';
import { describeFailure, runByteJob, type ByteJob } from './byte-jobs';
import type { GuardMessage } from './guard-threads';
import { currentThreadId, threadCpuMs } from './thread-cpu';

/** A guard thread: see `GuardThreads`. One job at a time; the watching thread stops it when over budget. */
const port = parentPort;
if (!port) throw new Error('guard-worker runs as a worker thread of GuardThreads');

// Modules are loaded by now: the CPU time spent so far is the thread's start, not any file's.
const ready: GuardMessage = { ready: true, tid: currentThreadId(), cpuMs: threadCpuMs() };
port.postMessage(ready);

port.on('message', ({ id, job }: { id: number; job: ByteJob }) => {
  runByteJob(job).then(
    (outcome) => {
      try {
        port.postMessage({ id, ok: true, result: outcome.result } satisfies GuardMessage, outcome.transfer);
      } catch (error) {
        port.postMessage({ id, ok: false, error: describeFailure(error) } satisfies GuardMessage);
      }
    },
    (error: unknown) => port.postMessage({ id, ok: false, error: describeFailure(error) } satisfies GuardMessage),
  );
});

import { parentPort, workerData } from 'node:worker_threads';
import { asBuffer, describeFailure, JobRunner, type PoolJob } from './pool-jobs';

/** A signing pool thread: see `SigningPool`. */
const port = parentPort;
if (!port) throw new Error('signing-worker runs as a worker thread of SigningPool');

const runner = new JobRunner(asBuffer((workerData as { kek: Uint8Array }).kek));

port.on('message', ({ id, job }: { id: number; job: PoolJob }) => {
  runner.run(job).then(
    ({ result, transfer }) => port.postMessage({ id, ok: true, result }, transfer),
    (error: unknown) => port.postMessage({ id, ok: false, error: describeFailure(error) }),
  );
});

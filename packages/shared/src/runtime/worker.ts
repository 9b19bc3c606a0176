import { NativeConnection, Runtime, Worker, makeTelemetryFilterString, type WorkerOptions } from '@temporalio/worker';
import type { Logger } from '../logging/logger';
import type { KeyRing } from '../secrets/key-ring';
import { temporalDataConverter } from '../temporal/codec';
import type { ReadinessCheck } from '../http/health';
import type { Lifecycle } from './lifecycle';

export interface ServiceWorkerOptions {
  address: string;
  namespace: string;
  taskQueue: string;
  logger: Logger;
  lifecycle: Lifecycle;
  activities: object;
  /** Only the worker that hosts workflow code passes these. */
  workflows?: Pick<WorkerOptions, 'workflowsPath' | 'workflowBundle'>;
  tuning?: Pick<WorkerOptions, 'maxConcurrentActivityTaskExecutions' | 'maxConcurrentWorkflowTaskExecutions'>;
  /** The payload codec's keys; from VANTHU_KEKS unless given. */
  keys?: KeyRing;
}

let runtimeInstalled = false;

const LEVELS = { TRACE: 'trace', DEBUG: 'debug', INFO: 'info', WARN: 'warn', ERROR: 'error' } as const;

/** Activity-only workers are that way by design; the SDK warns about it at every start. */
const EXPECTED = ['No workflows registered'];

/** The SDK's Rust core and worker log through our logger instead of their own stderr format. */
function installRuntime(logger: Logger): void {
  if (runtimeInstalled) return;
  runtimeInstalled = true;
  const log = (level: keyof typeof LEVELS, message: string, meta?: Record<string, unknown>) =>
    logger[EXPECTED.some((text) => message.startsWith(text)) ? 'debug' : LEVELS[level]]({ component: 'temporal', ...meta }, message);
  Runtime.install({
    logger: {
      log,
      trace: (message, meta) => log('TRACE', message, meta),
      debug: (message, meta) => log('DEBUG', message, meta),
      info: (message, meta) => log('INFO', message, meta),
      warn: (message, meta) => log('WARN', message, meta),
      error: (message, meta) => log('ERROR', message, meta),
    },
    telemetryOptions: { logging: { filter: makeTelemetryFilterString({ core: 'WARN' }), forward: {} } },
  });
}

export interface StartedWorker {
  worker: Worker;
  readiness: ReadinessCheck;
  /** Resolves when the worker has stopped (after shutdown, or on a fatal error). */
  done: Promise<void>;
}

/**
 * A Temporal worker on the service's own task queue. On shutdown it stops polling, lets running
 * activities finish within the grace period, then closes its connection.
 */
export async function startServiceWorker(options: ServiceWorkerOptions): Promise<StartedWorker> {
  installRuntime(options.logger);
  const connection = await NativeConnection.connect({ address: options.address });
  options.lifecycle.onStop('temporal worker connection', () => connection.close());
  const worker = await Worker.create({
    connection,
    namespace: options.namespace,
    taskQueue: options.taskQueue,
    activities: options.activities,
    dataConverter: temporalDataConverter(options.keys),
    ...options.workflows,
    ...options.tuning,
  });
  const done = worker.run();
  options.lifecycle.onStop('temporal worker', async () => {
    if (worker.getState() === 'RUNNING') worker.shutdown();
    await done.catch(() => undefined);
  });
  return {
    worker,
    done,
    readiness: {
      name: 'worker',
      check: async () => {
        const state = worker.getState();
        if (state !== 'RUNNING') throw new Error(`worker is ${state}`);
      },
    },
  };
}

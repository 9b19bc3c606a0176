import { NativeConnection, Runtime, Worker, makeTelemetryFilterString, type RuntimeOptions, type WorkerOptions } from '@temporalio/worker';
import type { Logger } from '../logging/logger';
import { retryStartupStep } from './startup-retry';
import type { KeyRing } from '../secrets/key-ring';
import { temporalDataConverter } from '../temporal/codec';
import type { ReadinessCheck } from '../http/health';
import type { Lifecycle } from './lifecycle';
import { activityMetricsInterceptor } from '../metrics/activity-metrics';
import { processMetrics } from '../metrics/process-metrics';
import { fetchTemporalSdkMetrics } from '../metrics/temporal-sdk-metrics';

export interface ServiceWorkerOptions {
  address: string;
  namespace: string;
  taskQueue: string;
  logger: Logger;
  lifecycle: Lifecycle;
  activities: object;
  /** Only the worker that hosts workflow code passes these. */
  workflows?: Pick<WorkerOptions, 'workflowsPath' | 'workflowBundle'>;
  /** Slots and pollers; a service's worker passes loadWorkerTuning's (worker-tuning.ts), tests the SDK's defaults. */
  tuning?: Pick<WorkerOptions, 'maxConcurrentActivityTaskExecutions' | 'maxConcurrentLocalActivityExecutions' | 'maxConcurrentWorkflowTaskExecutions' | 'maxConcurrentWorkflowTaskPolls'>;
  /** The payload codec's keys; from VANTHU_KEKS unless given. */
  keys?: KeyRing;
  /**
   * Where the SDK's own Prometheus exporter listens (loopback only), and the labels on its series;
   * its text joins the process's /metrics. Only a service's worker process sets this: the first
   * worker of a process installs the SDK's runtime, and with it the exporter.
   */
  sdkMetrics?: { port: number; tags: Record<string, string> };
  /** How long the worker retries connecting to Temporal at start (0: one attempt). */
  startupTimeoutMs?: number;
}

/** Whether the SDK's runtime is installed, and its exporter's port or why it has none. */
let runtime: { port?: number; error?: string } | undefined;

const LEVELS = { TRACE: 'trace', DEBUG: 'debug', INFO: 'info', WARN: 'warn', ERROR: 'error' } as const;

/** Activity-only workers are that way by design; the SDK warns about it at every start. */
const EXPECTED = ['No workflows registered'];

/**
 * The SDK's Rust core and worker log through our logger instead of their own stderr format; its
 * metrics go to a loopback exporter when asked for. An exporter that cannot listen (the port is
 * taken) costs the metrics, not the worker: the runtime is installed without it, and
 * `vanthu_metrics_source_up{source="temporal_sdk"}` says so.
 */
function installRuntime(logger: Logger, sdkMetrics: ServiceWorkerOptions['sdkMetrics']): NonNullable<typeof runtime> {
  if (runtime) return runtime;
  const log = (level: keyof typeof LEVELS, message: string, meta?: Record<string, unknown>) =>
    logger[EXPECTED.some((text) => message.startsWith(text)) ? 'debug' : LEVELS[level]]({ component: 'temporal', ...meta }, message);
  const options: RuntimeOptions = {
    logger: {
      log,
      trace: (message, meta) => log('TRACE', message, meta),
      debug: (message, meta) => log('DEBUG', message, meta),
      info: (message, meta) => log('INFO', message, meta),
      warn: (message, meta) => log('WARN', message, meta),
      error: (message, meta) => log('ERROR', message, meta),
    },
    telemetryOptions: { logging: { filter: makeTelemetryFilterString({ core: 'WARN' }), forward: {} } },
  };
  if (sdkMetrics) {
    try {
      Runtime.install({
        ...options,
        telemetryOptions: {
          ...options.telemetryOptions,
          metrics: {
            globalTags: sdkMetrics.tags,
            prometheus: { bindAddress: `127.0.0.1:${sdkMetrics.port}`, useSecondsForDurations: true },
          },
        },
      });
      runtime = { port: sdkMetrics.port };
      return runtime;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      logger.error({ err: error, port: sdkMetrics.port }, 'the Temporal SDK metrics exporter could not start; the worker runs without it');
      runtime = { error: `the Temporal SDK metrics exporter did not start on 127.0.0.1:${sdkMetrics.port}: ${message}` };
    }
  }
  Runtime.install(options);
  runtime ??= {};
  return runtime;
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
  const installed = installRuntime(options.logger, options.sdkMetrics);
  const metrics = processMetrics();
  if (options.sdkMetrics) {
    const { port, error } = installed;
    metrics.appendText('temporal_sdk', () => (port !== undefined ? fetchTemporalSdkMetrics(port) : Promise.reject(new Error(error ?? 'no exporter'))));
  }
  const connection = await retryStartupStep('connecting the worker to temporal', () => NativeConnection.connect({ address: options.address }), {
    logger: options.logger,
    deadlineMs: options.startupTimeoutMs ?? 0,
  });
  options.lifecycle.onStop('temporal worker connection', () => connection.close());
  const worker = await Worker.create({
    connection,
    namespace: options.namespace,
    taskQueue: options.taskQueue,
    activities: options.activities,
    dataConverter: temporalDataConverter(options.keys),
    interceptors: { activity: [activityMetricsInterceptor(metrics)] },
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

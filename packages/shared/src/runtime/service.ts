import type { Express } from 'express';
import type { WorkerOptions } from '@temporalio/worker';
import { loadServiceConfig } from '../config/service';
import { SERVICE_ROLES, type ServiceName, type ServiceRole } from '../contracts/services';
import { loadEdgeSettings } from '../auth/edge-settings';
import type { EdgeSettings } from '../auth/guard';
import { createHttpApp, finishApp, type HttpAppOptions } from '../http/app';
import type { ReadinessCheck } from '../http/health';
import { listen } from '../http/server';
import { createLogger } from '../logging/logger';
import { processMetrics } from '../metrics/process-metrics';
import { registerServiceGauges, registerWorkerGauges } from '../metrics/service-gauges';
import { workerSdkMetrics } from '../metrics/temporal-sdk-metrics';
import { openServiceContext, type ServiceContext } from './context';
import { configOrExit, runMain, type Lifecycle } from './lifecycle';
import { startServiceWorker } from './worker';
import { loadWorkerTuning } from './worker-tuning';
import { retryStartupStep } from './startup-retry';

/**
 * Everything that differs between services. The rest — config, logging, connections, health,
 * shutdown — is the same for all of them and lives here.
 */
export interface ServiceDefinition {
  name: ServiceName;
  /**
   * Mounts the service's HTTP routes with `mountSecure`, each with its policy; `lifecycle` takes
   * anything that must stop with the process.
   */
  routes: (app: Express, ctx: ServiceContext, lifecycle: Lifecycle) => void | Promise<void>;
  /** The activities the service's worker runs on its own task queue (and any background work beside them). */
  activities: (ctx: ServiceContext, lifecycle: Lifecycle) => object | Promise<object>;
  /** Only the service that hosts the lifecycle workflows sets this. */
  workflows?: Pick<WorkerOptions, 'workflowsPath'>;
  /** Prepares the service's own database (indexes, seed data); runs in both roles, idempotently. */
  prepare?: (ctx: ServiceContext) => Promise<void>;
  /** The API's cross-origin access and larger bodies, where a route needs them; read when the API is built. */
  http?: () => Pick<HttpAppOptions, 'cors' | 'jsonLimitByPrefix'>;
}

export const EXIT_USAGE = 64;

/** A service's API as an app, not yet listening: what runApi serves and what the authorisation matrix test walks. */
export async function createApiApp(definition: ServiceDefinition, ctx: ServiceContext, lifecycle: Lifecycle, edge: EdgeSettings): Promise<Express> {
  const app = createHttpApp({
    service: definition.name,
    logger: ctx.logger,
    readiness: ctx.readiness,
    state: lifecycle.health,
    edge,
    ...definition.http?.(),
  });
  await definition.routes(app, ctx, lifecycle);
  return finishApp(app, ctx.logger);
}

async function runApi(definition: ServiceDefinition, ctx: ServiceContext, lifecycle: Lifecycle, edge: EdgeSettings): Promise<string> {
  const app = await createApiApp(definition, ctx, lifecycle, edge);
  const started = await listen(app, ctx.config.HTTP_HOST, ctx.config.PORT);
  lifecycle.onStop('http server', started.close);
  return started.url;
}

/**
 * A worker's HTTP server, not yet listening: health, so orchestrators probe both roles the same
 * way, and /metrics, behind the same edge as the API (createHttpApp gives every process both).
 */
export function createWorkerHealthApp(definition: ServiceDefinition, ctx: ServiceContext, lifecycle: Lifecycle, edge: EdgeSettings, readiness: ReadinessCheck[] = []): Express {
  return finishApp(
    createHttpApp({
      service: `${definition.name}-worker`,
      logger: ctx.logger,
      readiness: [...ctx.readiness, ...readiness],
      state: lifecycle.health,
      edge,
    }),
    ctx.logger,
  );
}

async function runWorker(definition: ServiceDefinition, ctx: ServiceContext, lifecycle: Lifecycle, edge: EdgeSettings): Promise<string> {
  const tuning = configOrExit(() => loadWorkerTuning(definition.name));
  ctx.logger.info({ tuning }, 'worker concurrency');
  const started = await startServiceWorker({
    tuning,
    address: ctx.config.TEMPORAL_ADDRESS,
    namespace: ctx.config.TEMPORAL_NAMESPACE,
    taskQueue: ctx.config.TEMPORAL_TASK_QUEUE,
    logger: ctx.logger,
    lifecycle,
    activities: await definition.activities(ctx, lifecycle),
    keys: ctx.keys,
    ...(definition.workflows && { workflows: definition.workflows }),
    sdkMetrics: workerSdkMetrics(definition.name, ctx.config),
    startupTimeoutMs: ctx.config.STARTUP_TIMEOUT_MS,
  });
  registerWorkerGauges(processMetrics(), { temporal: ctx.temporal, namespace: ctx.config.TEMPORAL_NAMESPACE, taskQueue: ctx.config.TEMPORAL_TASK_QUEUE });
  // A worker that dies on its own (not through shutdown) takes the process down, so the
  // supervisor sees it and restarts it rather than leaving a live process that does nothing.
  started.done.then(
    () => {
      if (!lifecycle.health.draining) process.kill(process.pid, 'SIGTERM');
    },
    (error: unknown) => {
      ctx.logger.fatal({ err: error }, 'temporal worker failed');
      process.kill(process.pid, 'SIGTERM');
      process.exitCode = 1;
    },
  );
  const app = createWorkerHealthApp(definition, ctx, lifecycle, edge, [started.readiness]);
  const server = await listen(app, ctx.config.HTTP_HOST, ctx.config.PORT);
  lifecycle.onStop('health server', server.close);
  return server.url;
}

export function parseRole(argv: string[]): ServiceRole | undefined {
  const role = argv[2];
  return SERVICE_ROLES.find((r) => r === role);
}

/** The entry point of every service: `node dist/main.js api|worker`. */
export function runService(definition: ServiceDefinition, argv: string[] = process.argv): void {
  const role = parseRole(argv);
  if (!role) {
    process.stderr.write(`usage: vanthu-${definition.name} <${SERVICE_ROLES.join('|')}>\n`);
    process.exit(EXIT_USAGE);
  }
  const config = configOrExit(() => loadServiceConfig(definition.name, role));
  // The edge's keys are checked at start too: a production process with a development key stops here.
  const edge = configOrExit(() => loadEdgeSettings(definition.name));
  const logger = createLogger({ service: definition.name, role }, config.LOG_LEVEL);
  processMetrics().label({ service: definition.name, role });
  runMain({ logger, graceMs: config.SHUTDOWN_GRACE_MS }, async (lifecycle) => {
    const ctx = await openServiceContext(config, logger, lifecycle);
    registerServiceGauges(processMetrics(), ctx);
    // Idempotent by contract, so a step that lost a race with a replica's start is simply run again.
    const { prepare } = definition;
    if (prepare) await retryStartupStep('preparing the database', () => prepare(ctx), { logger, deadlineMs: config.STARTUP_TIMEOUT_MS });
    const url = role === 'api' ? await runApi(definition, ctx, lifecycle, edge) : await runWorker(definition, ctx, lifecycle, edge);
    logger.info({ url, taskQueue: config.TEMPORAL_TASK_QUEUE }, `${definition.name} ${role} ready`);
  });
}

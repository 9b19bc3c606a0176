import { availableParallelism } from 'node:os';
import { z } from 'zod';
import { loadConfig } from '../config/env';
import type { ServiceName } from '../contracts/services';

export interface WorkerTuning {
  maxConcurrentActivityTaskExecutions: number;
  maxConcurrentLocalActivityExecutions: number;
  maxConcurrentWorkflowTaskExecutions: number;
  maxConcurrentWorkflowTaskPolls: number;
}

/*
 * Why per core: the SDK's defaults (100 activities, 40 workflow tasks) are the same on two cores
 * and on sixty-four. A worker takes as many tasks as it has slots, so on a small machine it would
 * hold a hundred activities at once, each slower for the others, all of them in memory, while
 * the task queue looks empty to anyone watching its backlog. Sized to the cores, a busy worker
 * leaves the excess queued in Temporal, where it waits at no cost to this process and shows.
 *
 * Our activities mostly wait on the database, Kafka and the signing pool (which has its own
 * per-core bound), hence eight per core; workflow tasks are CPU in this process, hence four per
 * core (two would leave a core idle while a completion travels to the server and back).
 */
const ACTIVITIES_PER_CORE = 8;
const WORKFLOW_TASKS_PER_CORE = 4;

/**
 * A service worker's concurrency, from `<SERVICE>_WORKER_ACTIVITIES` and
 * `<SERVICE>_WORKER_WORKFLOW_TASKS` (e.g. SIGNING_WORKER_ACTIVITIES=4), else sized to the cores
 * this process may use (os.availableParallelism, which honours CPU affinity).
 */
export function loadWorkerTuning(service: ServiceName, env: NodeJS.ProcessEnv = process.env, cores = availableParallelism()): WorkerTuning {
  const prefix = service.toUpperCase();
  const schema = z.object({
    [`${prefix}_WORKER_ACTIVITIES`]: z.coerce.number().int().min(1).max(10_000).default(ACTIVITIES_PER_CORE * cores),
    // The SDK needs two when it caches workflows (it always does here).
    [`${prefix}_WORKER_WORKFLOW_TASKS`]: z.coerce.number().int().min(2).max(10_000).default(Math.max(2, WORKFLOW_TASKS_PER_CORE * cores)),
  }) as unknown as z.ZodType<Record<string, number>>;
  const parsed = loadConfig(schema, env);
  const activities = parsed[`${prefix}_WORKER_ACTIVITIES`]!;
  const workflowTasks = parsed[`${prefix}_WORKER_WORKFLOW_TASKS`]!;
  return {
    maxConcurrentActivityTaskExecutions: activities,
    maxConcurrentLocalActivityExecutions: activities,
    maxConcurrentWorkflowTaskExecutions: workflowTasks,
    // The SDK's rule: at most the slots, at least two; half the slots keeps the slots fed.
    maxConcurrentWorkflowTaskPolls: Math.max(2, Math.min(10, Math.ceil(workflowTasks / 2))),
  };
}

import { z } from 'zod';
import { BLOB_DATABASE, SERVICES, type ServiceName, type ServiceRole } from '../contracts/services';
import { baseEnvSchema, loadConfig, port } from './env';

/** The schema of one service process: the base plus its port and database, defaulted from SERVICES. */
export function serviceEnvSchema(service: ServiceName, role: ServiceRole) {
  const spec = SERVICES[service];
  return baseEnvSchema.extend({
    PORT: port.default(role === 'api' ? spec.apiPort : spec.workerHealthPort),
    MONGO_DATABASE: z.string().regex(/^[A-Za-z0-9_-]{1,60}$/).default(spec.database),
    TEMPORAL_TASK_QUEUE: z.string().min(1).default(spec.taskQueue),
    /** The content-addressed blob store's own database, shared by every service through BlobStore. */
    BLOB_DATABASE: z.string().regex(/^[A-Za-z0-9_-]{1,60}$/).default(BLOB_DATABASE),
    /** A worker's Temporal SDK metrics exporter, on loopback; default PORT + 100 (metrics/temporal-sdk-metrics.ts). */
    TEMPORAL_METRICS_PORT: port.optional(),
  });
}

export type ServiceConfig = z.infer<ReturnType<typeof serviceEnvSchema>> & {
  service: ServiceName;
  role: ServiceRole;
};

export function loadServiceConfig(
  service: ServiceName,
  role: ServiceRole,
  env: NodeJS.ProcessEnv = process.env,
): ServiceConfig {
  return { ...loadConfig(serviceEnvSchema(service, role), env), service, role };
}

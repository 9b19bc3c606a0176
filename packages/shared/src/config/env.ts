import { z } from 'zod';

/** Thrown when the environment does not describe a runnable configuration; lists every problem. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const HOST_PORT = /^[A-Za-z0-9.-]+:\d{1,5}$/;

export const hostPort = (what: string) =>
  z.string().regex(HOST_PORT, `${what} must be host:port, for example 127.0.0.1:7233`);

export const port = z.coerce.number().int().min(1).max(65535);

/** Parses a comma-separated list of host:port pairs, as KAFKA_BROKERS is usually written. */
export const brokerList = z
  .string()
  .transform((s) => s.split(',').map((b) => b.trim()).filter(Boolean))
  .pipe(z.array(hostPort('each broker')).min(1, 'at least one broker is required'));

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/**
 * What every process of every service needs. Defaults match the embedded local stack
 * (deploy/local), so `npm start` works with no environment at all; production sets each one.
 */
export const baseEnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
  TEMPORAL_ADDRESS: hostPort('TEMPORAL_ADDRESS').default('127.0.0.1:7233'),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  KAFKA_BROKERS: brokerList.default(['127.0.0.1:9092']),
  MONGO_URL: z
    .string()
    .regex(/^mongodb(\+srv)?:\/\/\S+$/, 'MONGO_URL must be a mongodb:// or mongodb+srv:// URL')
    .default('mongodb://127.0.0.1:27017'),
  /** Interface the HTTP server binds; 127.0.0.1 locally, 0.0.0.0 inside a container. */
  HTTP_HOST: z.string().min(1).default('127.0.0.1'),
  /** How long in-flight work may take to finish after SIGTERM before the process exits anyway. */
  SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).max(600_000).default(15_000),
  /** How long a starting process keeps retrying its servers and its database's preparation before it exits. */
  STARTUP_TIMEOUT_MS: z.coerce.number().int().min(0).max(3_600_000).default(60_000),
});

export type BaseConfig = z.infer<typeof baseEnvSchema>;

/**
 * Validates the environment against a schema once, at start, so a misconfigured process stops
 * before it accepts any work, naming every variable that is wrong.
 */
export function loadConfig<S extends z.ZodType>(schema: S, env: NodeJS.ProcessEnv = process.env): z.infer<S> {
  // Empty strings mean "unset" in shells and compose files alike; let defaults apply to them.
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const result = schema.safeParse(cleaned);
  if (!result.success) {
    throw new ConfigError(
      result.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`),
    );
  }
  return result.data;
}

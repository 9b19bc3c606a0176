import { bootstrap } from '../bootstrap';
import { dropDatabasesEndingWith } from '../databases';
import { stackPaths } from '../paths';
import { startServices, type RunningService } from '../services';

// A namespace of its own: workers of a test run on the same server must not take the bench's tasks.
export const BENCH_NAMESPACE = 'vanthu-bench';

export const benchEnv = {
  temporal: process.env.TEMPORAL_ADDRESS ?? '127.0.0.1:7233',
  kafka: process.env.KAFKA_BROKERS ?? '127.0.0.1:9092',
  mongo: process.env.MONGO_URL ?? 'mongodb://127.0.0.1:27017',
};

/**
 * The eight service processes on ports, databases and a Temporal namespace of the benchmark's own,
 * its databases emptied first.
 */
export async function startBenchSystem(options: { portOffset: number; label: string; databaseSuffix: string; env?: Record<string, string> }): Promise<RunningService[]> {
  await dropDatabasesEndingWith(benchEnv.mongo, options.databaseSuffix);
  await bootstrap({ temporalAddress: benchEnv.temporal, temporalNamespaces: [BENCH_NAMESPACE], kafkaBrokers: [benchEnv.kafka] });
  return startServices({
    paths: stackPaths(),
    env: {
      TEMPORAL_ADDRESS: benchEnv.temporal,
      TEMPORAL_NAMESPACE: BENCH_NAMESPACE,
      KAFKA_BROKERS: benchEnv.kafka,
      MONGO_URL: benchEnv.mongo,
      NODE_ENV: 'development',
      LOG_LEVEL: 'warn',
      ...options.env,
    },
    portOffset: options.portOffset,
    label: options.label,
    databaseSuffix: options.databaseSuffix,
  });
}

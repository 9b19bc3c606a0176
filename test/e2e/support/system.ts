import { dropDatabasesEndingWith } from '../../../deploy/local/src/databases';
import { SERVICES, type ServiceName } from '@vanthu/shared';
import { stackPaths } from '../../../deploy/local/src/paths';
import { startServices, stopServices, type RunningService } from '../../../deploy/local/src/services';

/** Every service's API and worker processes as `npm start` runs them, on ports and databases of the test's own. */
export const PORT_OFFSET = 1000;
export const DATABASE_SUFFIX = '_e2e';
export const apiUrl = (service: ServiceName) => `http://127.0.0.1:${SERVICES[service].apiPort + PORT_OFFSET}`;

export async function startSystem(): Promise<RunningService[]> {
  // Each run starts from empty databases of its own.
  await dropDatabasesEndingWith(process.env.MONGO_URL ?? 'mongodb://127.0.0.1:27017', DATABASE_SUFFIX);
  return startServices({
    paths: stackPaths(),
    env: {
      TEMPORAL_ADDRESS: process.env.TEMPORAL_ADDRESS ?? '127.0.0.1:7233',
      TEMPORAL_NAMESPACE: process.env.TEMPORAL_NAMESPACE ?? 'vanthu-test',
      KAFKA_BROKERS: process.env.KAFKA_BROKERS ?? '127.0.0.1:9092',
      MONGO_URL: process.env.MONGO_URL ?? 'mongodb://127.0.0.1:27017',
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
    },
    portOffset: PORT_OFFSET,
    label: 'e2e',
    databaseSuffix: DATABASE_SUFFIX,
  });
}

export { stopServices };

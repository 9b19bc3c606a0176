import { baseEnvSchema, loadConfig } from '@vanthu/shared';
import { bootstrap } from '../bootstrap';

/** The one-shot job of a production deployment (compose's `bootstrap` service): topics and search attributes. */
export async function bootstrapCommand(): Promise<void> {
  const config = loadConfig(baseEnvSchema);
  const report = await bootstrap({
    temporalAddress: config.TEMPORAL_ADDRESS,
    temporalNamespaces: [config.TEMPORAL_NAMESPACE],
    kafkaBrokers: config.KAFKA_BROKERS,
  });
  console.log(JSON.stringify(report));
}

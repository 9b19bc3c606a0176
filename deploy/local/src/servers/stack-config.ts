import { z } from 'zod';
import { loadConfig, port } from '@vanthu/shared';

/**
 * Ports of the embedded stack, all bound to 127.0.0.1. Setting TEMPORAL_ADDRESS, KAFKA_BROKERS
 * or MONGO_URL instead means "use my server": that one is then checked, not started.
 */
export const stackEnvSchema = z.object({
  VANTHU_TEMPORAL_PORT: port.default(7233),
  VANTHU_TEMPORAL_UI_PORT: port.default(8233),
  VANTHU_TEMPORAL_HTTP_PORT: port.default(7243),
  VANTHU_TEMPORAL_METRICS_PORT: port.default(7244),
  VANTHU_KAFKA_PORT: port.default(9092),
  VANTHU_KAFKA_CONTROLLER_PORT: port.default(9093),
  VANTHU_MONGO_PORT: port.default(27017),
  VANTHU_KAFKA_HEAP: z.string().regex(/^\d+[mg]$/).default('512m'),
  TEMPORAL_ADDRESS: z.string().optional(),
  TEMPORAL_NAMESPACE: z.string().default('default'),
  KAFKA_BROKERS: z.string().optional(),
  MONGO_URL: z.string().optional(),
});

export type StackConfig = z.infer<typeof stackEnvSchema>;

export const loadStackConfig = (env: NodeJS.ProcessEnv = process.env): StackConfig => loadConfig(stackEnvSchema, env);

export const LOOPBACK = '127.0.0.1';

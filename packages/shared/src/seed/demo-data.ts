import { z } from 'zod';
import { loadConfig } from '../config/env';

/**
 * VANTHU_DEMO_DATA: whether a service seeds the demo organisations, users (intake) and PKI
 * (signing). They are known to everyone who reads the repository, so a production deployment
 * starts without them unless it asks; everywhere else the demo runs with no set-up.
 */
export const demoDataEnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  VANTHU_DEMO_DATA: z.enum(['true', 'false']).optional(),
});

/** Reads the switch; an unknown value stops the process at start, naming the variable. */
export function demoDataEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  const parsed = loadConfig(demoDataEnvSchema, env);
  return parsed.VANTHU_DEMO_DATA === undefined ? parsed.NODE_ENV !== 'production' : parsed.VANTHU_DEMO_DATA === 'true';
}

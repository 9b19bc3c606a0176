import { z } from 'zod';
import { loadConfig } from '@vanthu/shared';

const MIB = 1024 * 1024;

const flag = z.enum(['true', 'false']).transform((v) => v === 'true');

/**
 * The intake API's own environment (tokens, in-flight cap and rate limits are the shared edge's:
 * loadEdgeSettings); read once at mount, so a bad value stops the process at start.
 */
export const apiEnvSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    INTAKE_MAX_CONTENT_BYTES: z.coerce.number().int().min(1024).max(512 * MIB).default(20 * MIB),
    INTAKE_MAX_ATTACHMENTS: z.coerce.number().int().min(0).max(100).default(20),
    /** Checking every response against the contract costs time; worth it everywhere but production. */
    INTAKE_VALIDATE_RESPONSES: flag.optional(),
  });

export interface ApiSettings {
  maxContentBytes: number;
  maxAttachments: number;
  validateResponses: boolean;
}

export function loadApiSettings(env: NodeJS.ProcessEnv = process.env): ApiSettings {
  const parsed = loadConfig(apiEnvSchema, env);
  return {
    maxContentBytes: parsed.INTAKE_MAX_CONTENT_BYTES,
    maxAttachments: parsed.INTAKE_MAX_ATTACHMENTS,
    validateResponses: parsed.INTAKE_VALIDATE_RESPONSES ?? parsed.NODE_ENV !== 'production',
  };
}

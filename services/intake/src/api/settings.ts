import { z } from 'zod';
import { DEVELOPMENT_JWT_SECRET, jwtSecretSchema, loadConfig } from '@vanthu/shared';

const MIB = 1024 * 1024;

const flag = z.enum(['true', 'false']).transform((v) => v === 'true');

/** The HTTP edge's own environment; read once at mount, so a bad value stops the process at start. */
export const apiEnvSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    /** HS256 key shared with whoever issues tokens; 32 bytes is the strength of the hash itself. */
    JWT_SECRET: jwtSecretSchema,
    INTAKE_MAX_CONTENT_BYTES: z.coerce.number().int().min(1024).max(512 * MIB).default(20 * MIB),
    INTAKE_MAX_ATTACHMENTS: z.coerce.number().int().min(0).max(100).default(20),
    INTAKE_MAX_IN_FLIGHT: z.coerce.number().int().min(1).max(10_000).default(64),
    INTAKE_RATE_PER_SECOND: z.coerce.number().positive().max(10_000).default(20),
    INTAKE_RATE_BURST: z.coerce.number().int().min(1).max(100_000).default(40),
    /** Checking every response against the contract costs time; worth it everywhere but production. */
    INTAKE_VALIDATE_RESPONSES: flag.optional(),
  })
  .superRefine((env, issues) => {
    if (env.NODE_ENV !== 'production') return;
    if (env.JWT_SECRET === undefined) {
      issues.addIssue({ code: 'custom', path: ['JWT_SECRET'], message: 'JWT_SECRET is required in production' });
    } else if (env.JWT_SECRET === DEVELOPMENT_JWT_SECRET) {
      issues.addIssue({ code: 'custom', path: ['JWT_SECRET'], message: 'JWT_SECRET must not be the development default' });
    }
  });

export interface ApiSettings {
  jwtSecret: string;
  maxContentBytes: number;
  maxAttachments: number;
  maxInFlight: number;
  ratePerSecond: number;
  rateBurst: number;
  validateResponses: boolean;
}

export function loadApiSettings(env: NodeJS.ProcessEnv = process.env): ApiSettings {
  const parsed = loadConfig(apiEnvSchema, env);
  return {
    jwtSecret: parsed.JWT_SECRET ?? DEVELOPMENT_JWT_SECRET,
    maxContentBytes: parsed.INTAKE_MAX_CONTENT_BYTES,
    maxAttachments: parsed.INTAKE_MAX_ATTACHMENTS,
    maxInFlight: parsed.INTAKE_MAX_IN_FLIGHT,
    ratePerSecond: parsed.INTAKE_RATE_PER_SECOND,
    rateBurst: parsed.INTAKE_RATE_BURST,
    validateResponses: parsed.INTAKE_VALIDATE_RESPONSES ?? parsed.NODE_ENV !== 'production',
  };
}

import { z } from 'zod';
import { loadConfig } from '../config/env';
import type { ServiceName } from '../contracts/services';
import type { EdgeSettings } from './guard';
import { DEVELOPMENT_SERVICE_TOKEN_SECRET } from './service-tokens';
import { DEVELOPMENT_JWT_SECRET, jwtSecretSchema, TOKEN_AUDIENCES } from './tokens';

/**
 * Every API's edge reads the same variables; limits may differ per service, so they are named
 * after it (INTAKE_MAX_IN_FLIGHT, SIGNING_RATE_PER_SECOND, ...). Published development keys work
 * on the local stack and stop a production process at start.
 */
/** What every process's edge reads at start, workers included; deployment files are checked against it. */
export const EDGE_ENV = ['JWT_SECRET', 'SERVICE_TOKEN_SECRET', 'OIDC_ISSUER', 'OIDC_JWKS_URL', 'OIDC_AUDIENCE', 'OIDC_USER_CLAIM', 'OIDC_ORG_CLAIM', 'OIDC_ROLE_CLAIM'] as const;

const authEnvSchema = z
    .object({
      NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
      JWT_SECRET: jwtSecretSchema,
      SERVICE_TOKEN_SECRET: jwtSecretSchema,
      OIDC_ISSUER: z.url().optional(),
      OIDC_JWKS_URL: z.url({ protocol: /^https?$/ }).optional(),
      OIDC_AUDIENCE: z.string().min(1).default('vanthu'),
      OIDC_USER_CLAIM: z.string().min(1).default('sub'),
      OIDC_ORG_CLAIM: z.string().min(1).default('org'),
      OIDC_ROLE_CLAIM: z.string().min(1).default('role'),
    })
    .superRefine((env, issues) => {
      if ((env.OIDC_ISSUER === undefined) !== (env.OIDC_JWKS_URL === undefined)) {
        issues.addIssue({ code: 'custom', path: ['OIDC_JWKS_URL'], message: 'OIDC_ISSUER and OIDC_JWKS_URL are set together' });
      }
      if (env.NODE_ENV !== 'production') return;
      if (env.JWT_SECRET === undefined && env.OIDC_ISSUER === undefined) {
        issues.addIssue({ code: 'custom', path: ['JWT_SECRET'], message: 'JWT_SECRET or OIDC_ISSUER is required in production' });
      }
      if (env.JWT_SECRET === DEVELOPMENT_JWT_SECRET) {
        issues.addIssue({ code: 'custom', path: ['JWT_SECRET'], message: 'JWT_SECRET must not be the development default' });
      }
      if (env.SERVICE_TOKEN_SECRET === undefined) {
        issues.addIssue({ code: 'custom', path: ['SERVICE_TOKEN_SECRET'], message: 'SERVICE_TOKEN_SECRET is required in production' });
      } else if (env.SERVICE_TOKEN_SECRET === DEVELOPMENT_SERVICE_TOKEN_SECRET) {
        issues.addIssue({ code: 'custom', path: ['SERVICE_TOKEN_SECRET'], message: 'SERVICE_TOKEN_SECRET must not be the development default' });
      }
    });

function limitsEnvSchema(prefix: string): z.ZodType<Record<string, number>> {
  return z.object({
    [`${prefix}_MAX_IN_FLIGHT`]: z.coerce.number().int().min(1).max(10_000).default(64),
    [`${prefix}_RATE_PER_SECOND`]: z.coerce.number().positive().max(10_000).default(20),
    [`${prefix}_RATE_BURST`]: z.coerce.number().int().min(1).max(100_000).default(40),
    // A tail, not the median: held at the median, the process took on work until its slowest
    // actions waited 3-4 s (p99 3.5 s at a median of 200 ms in bench:overload). Since issue answers
    // once sealed and intake's records are local activities, an idle system's slowest action
    // answers in about 0.3 s. Held at the 95th percentile the p99 was still 1.05-1.5 s; held at
    // the 99th (a 3 s window's slowest requests) it was 0.66 s, with more documents accepted, not
    // fewer (bench:overload, 2026-12-04, docs/reliability.md, "Overload").
    [`${prefix}_ADMISSION_TARGET_MS`]: z.coerce.number().int().min(10).max(60_000).default(500),
    [`${prefix}_ADMISSION_PERCENTILE`]: z.coerce.number().min(50).max(100).default(99),
  }) as unknown as z.ZodType<Record<string, number>>;
}

export function loadEdgeSettings(service: ServiceName, env: NodeJS.ProcessEnv = process.env): EdgeSettings {
  const parsed = loadConfig(authEnvSchema, env);
  const prefix = service.toUpperCase();
  const limits = loadConfig(limitsEnvSchema(prefix), env);
  const production = parsed.NODE_ENV === 'production';
  // Outside production the development key signs users in, so the demo runs with no environment.
  const jwtSecret = parsed.JWT_SECRET ?? (production ? undefined : DEVELOPMENT_JWT_SECRET);
  return {
    realm: `vanthu-${service}`,
    auth: {
      audience: TOKEN_AUDIENCES[service],
      ...(jwtSecret && { jwtSecret }),
      serviceTokenSecret: parsed.SERVICE_TOKEN_SECRET ?? DEVELOPMENT_SERVICE_TOKEN_SECRET,
      ...(parsed.OIDC_ISSUER &&
        parsed.OIDC_JWKS_URL && {
          oidc: {
            issuer: parsed.OIDC_ISSUER,
            jwksUrl: parsed.OIDC_JWKS_URL,
            audience: parsed.OIDC_AUDIENCE,
            claims: { user: parsed.OIDC_USER_CLAIM, org: parsed.OIDC_ORG_CLAIM, role: parsed.OIDC_ROLE_CLAIM },
          },
        }),
    },
    maxInFlight: limits[`${prefix}_MAX_IN_FLIGHT`]!,
    ratePerSecond: limits[`${prefix}_RATE_PER_SECOND`]!,
    rateBurst: limits[`${prefix}_RATE_BURST`]!,
    admission: { targetMs: limits[`${prefix}_ADMISSION_TARGET_MS`]!, percentile: limits[`${prefix}_ADMISSION_PERCENTILE`]! / 100 },
  };
}

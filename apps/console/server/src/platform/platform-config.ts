import { z } from 'zod';
import {
  DEVELOPMENT_JWT_SECRET,
  DEVELOPMENT_SERVICE_TOKEN_SECRET,
  jwtSecretSchema,
  loadConfig,
  SERVICE_NAMES,
  SERVICES,
  TOKEN_AUDIENCES,
  type AuthenticatorSettings,
  type ProcessTarget,
  type ServiceName,
} from '@vanthu/shared';

/** Where a service's worker answers health and metrics, as the console reaches it: CONSOLE_INTAKE_WORKER_URL, ... */
export const workerUrlEnv = (service: ServiceName) => `CONSOLE_${service.toUpperCase()}_WORKER_URL`;

/** What the platform's own routes read beyond the console's settings (listed in CONSOLE_ENV too). */
export const PLATFORM_ENV = ['SERVICE_TOKEN_SECRET', 'OIDC_JWKS_URL', 'OIDC_AUDIENCE', 'CONSOLE_PLATFORM_CACHE_MS', ...SERVICE_NAMES.map(workerUrlEnv)] as const;

const httpUrl = z.url({ protocol: /^https?$/ }).transform((url) => url.replace(/\/+$/, ''));

const schema = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    JWT_SECRET: jwtSecretSchema,
    /** Signs the `console` service tokens every process's /metrics asks for. */
    SERVICE_TOKEN_SECRET: jwtSecretSchema,
    /** The identity provider's keys, to check the people who ask for the platform's health (as the services do). */
    OIDC_JWKS_URL: z.url({ protocol: /^https?$/ }).optional(),
    OIDC_AUDIENCE: z.string().min(1).default('vanthu'),
    /** How long one read of every process serves every caller: the page refreshes every 10 s. */
    CONSOLE_PLATFORM_CACHE_MS: z.coerce.number().int().min(0).max(60_000).default(4_000),
    ...Object.fromEntries(SERVICE_NAMES.map((service) => [workerUrlEnv(service), httpUrl.optional()])),
  })
  .superRefine((env, issues) => {
    if (env.NODE_ENV !== 'production') return;
    if (env.SERVICE_TOKEN_SECRET === DEVELOPMENT_SERVICE_TOKEN_SECRET) {
      issues.addIssue({ code: 'custom', path: ['SERVICE_TOKEN_SECRET'], message: 'SERVICE_TOKEN_SECRET must not be the development default' });
    }
    if (env.JWT_SECRET === DEVELOPMENT_JWT_SECRET) {
      issues.addIssue({ code: 'custom', path: ['JWT_SECRET'], message: 'JWT_SECRET must not be the development default' });
    }
  });

export type PlatformConfig =
  | {
      enabled: true;
      /** How the console checks a caller's bearer token: as the services check theirs. */
      auth: AuthenticatorSettings;
      serviceTokenSecret: string;
      /** Each service's API and worker. */
      targets: ProcessTarget[];
      cacheMs: number;
    }
  | {
      enabled: false;
      /** What is missing, for the 503 the routes answer and the start-up log. */
      missing: string;
    };

export interface PlatformSettingsFromConsole {
  /** The services' APIs as the console reaches them (CONSOLE_<SERVICE>_URL). */
  services: Record<ServiceName, string>;
  portOffset: number;
  /** Set when people sign in through the office's identity provider. */
  oidc?: { issuer: string; claims: { user: string; org: string; role: string } };
}

/**
 * The platform's health needs two keys the rest of the console does not: one to check who asks
 * (the users' key, or the identity provider's published keys), and the service token key, to be
 * let into each process's /metrics. Outside production the development keys serve, as they do
 * for the services. In production, a console deployed without them still serves its pages; only
 * /api/platform answers 503, naming the variable to set.
 */
export function loadPlatformConfig(env: NodeJS.ProcessEnv, from: PlatformSettingsFromConsole): PlatformConfig {
  const parsed = loadConfig(schema, env) as z.infer<typeof schema> & Record<string, string | undefined>;
  const production = parsed.NODE_ENV === 'production';
  const serviceTokenSecret = parsed.SERVICE_TOKEN_SECRET ?? (production ? undefined : DEVELOPMENT_SERVICE_TOKEN_SECRET);
  const jwtSecret = parsed.JWT_SECRET ?? (production ? undefined : DEVELOPMENT_JWT_SECRET);
  if (!serviceTokenSecret) return { enabled: false, missing: 'SERVICE_TOKEN_SECRET' };
  if (from.oidc && !parsed.OIDC_JWKS_URL) return { enabled: false, missing: 'OIDC_JWKS_URL' };
  if (!from.oidc && !jwtSecret) return { enabled: false, missing: 'JWT_SECRET' };
  return {
    enabled: true,
    auth: {
      // The console has no audience of its own: a person's token names every API's (ALL_AUDIENCES),
      // since every page calls them, and the console checks one of them, as that API would.
      audience: TOKEN_AUDIENCES.intake,
      ...(jwtSecret && { jwtSecret }),
      serviceTokenSecret,
      ...(from.oidc &&
        parsed.OIDC_JWKS_URL && {
          oidc: { issuer: from.oidc.issuer, jwksUrl: parsed.OIDC_JWKS_URL, audience: parsed.OIDC_AUDIENCE, claims: from.oidc.claims },
        }),
    },
    serviceTokenSecret,
    targets: SERVICE_NAMES.flatMap((service): ProcessTarget[] => [
      { service, role: 'api', url: from.services[service] },
      { service, role: 'worker', url: parsed[workerUrlEnv(service)] ?? `http://127.0.0.1:${SERVICES[service].workerHealthPort + from.portOffset}` },
    ]),
    cacheMs: parsed.CONSOLE_PLATFORM_CACHE_MS,
  };
}

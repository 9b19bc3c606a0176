import { resolve } from 'node:path';
import { z } from 'zod';
import { CONSOLE_PORT, DEVELOPMENT_JWT_SECRET, jwtSecretSchema, loadConfig, port, SERVICE_NAMES, SERVICES, type ServiceName } from '@vanthu/shared';
import { loadPlatformConfig, PLATFORM_ENV, type PlatformConfig } from './platform/platform-config';

/** Where a service's API is, as the console reaches it: CONSOLE_INTAKE_URL, CONSOLE_NOTIFY_URL, ... */
export const serviceUrlEnv = (service: ServiceName) => `CONSOLE_${service.toUpperCase()}_URL`;

/** Everything the console reads at start; deployment files are checked against it. */
export const CONSOLE_ENV = [
  'NODE_ENV',
  'LOG_LEVEL',
  'HTTP_HOST',
  'PORT',
  'SHUTDOWN_GRACE_MS',
  'CONSOLE_SIGN_IN',
  'CONSOLE_WEB_ROOT',
  'CONSOLE_SERVICE_PORT_OFFSET',
  ...SERVICE_NAMES.map(serviceUrlEnv),
  'JWT_SECRET',
  'OIDC_ISSUER',
  'OIDC_CLIENT_ID',
  'OIDC_SCOPES',
  'OIDC_USER_CLAIM',
  'OIDC_ORG_CLAIM',
  'OIDC_ROLE_CLAIM',
  ...PLATFORM_ENV,
  'TEMPORAL_UI_URL',
  'TEMPORAL_NAMESPACE',
] as const;

const httpUrl = z.url({ protocol: /^https?$/ }).transform((url) => url.replace(/\/+$/, ''));

const schema = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    HTTP_HOST: z.string().min(1).default('127.0.0.1'),
    PORT: port.default(CONSOLE_PORT),
    SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).max(600_000).default(15_000),
    /**
     * How people sign in: `oidc`, the office's identity provider (production); `development`, a
     * list of the demo users and tokens signed with the development key (the local stack only).
     */
    CONSOLE_SIGN_IN: z.enum(['development', 'oidc']).optional(),
    /** The built web bundle (vite build); beside the server's own build by default. */
    CONSOLE_WEB_ROOT: z.string().min(1).default(resolve(__dirname, '../../dist/web')),
    /** Added to each service's default port, as the test stack shifts them (deploy/local/src/services.ts). */
    CONSOLE_SERVICE_PORT_OFFSET: z.coerce.number().int().min(-3000).max(60_000).default(0),
    ...Object.fromEntries(SERVICE_NAMES.map((service) => [serviceUrlEnv(service), httpUrl.optional()])),
    JWT_SECRET: jwtSecretSchema,
    // As the provider names itself: a trailing slash is part of some issuers' names.
    OIDC_ISSUER: z.url({ protocol: /^https?$/ }).optional(),
    OIDC_CLIENT_ID: z.string().min(1).max(200).optional(),
    OIDC_SCOPES: z.string().regex(/^[\w:./-]+( [\w:./-]+)*$/, 'space-separated scope names').default('openid profile'),
    OIDC_USER_CLAIM: z.string().min(1).default('sub'),
    OIDC_ORG_CLAIM: z.string().min(1).default('org'),
    OIDC_ROLE_CLAIM: z.string().min(1).default('role'),
    /** The Temporal Web UI operators open a document's workflow in (a link for admins; the console does not call it). */
    TEMPORAL_UI_URL: httpUrl.default('http://127.0.0.1:8233'),
    TEMPORAL_NAMESPACE: z.string().min(1).max(200).default('default'),
  })
  .superRefine((env, issues) => {
    const mode = env.CONSOLE_SIGN_IN ?? (env.OIDC_ISSUER ? 'oidc' : 'development');
    if (mode === 'oidc') {
      if (!env.OIDC_ISSUER) issues.addIssue({ code: 'custom', path: ['OIDC_ISSUER'], message: 'OIDC_ISSUER is required to sign in with OpenID Connect' });
      if (!env.OIDC_CLIENT_ID) issues.addIssue({ code: 'custom', path: ['OIDC_CLIENT_ID'], message: 'OIDC_CLIENT_ID is required to sign in with OpenID Connect' });
    }
    // Development sign-in lets anyone be anyone: a production process refuses to start with it.
    if (mode === 'development' && env.NODE_ENV === 'production') {
      issues.addIssue({ code: 'custom', path: ['CONSOLE_SIGN_IN'], message: 'development sign-in is refused in production; set OIDC_ISSUER and OIDC_CLIENT_ID' });
    }
  });

export interface OidcSignIn {
  mode: 'oidc';
  issuer: string;
  clientId: string;
  scopes: string;
  /** Where the office's provider puts our claims in the access token (as the services read them). */
  claims: { user: string; org: string; role: string };
}

export interface DevelopmentSignIn {
  mode: 'development';
  /** The key the services check user tokens with outside production (JWT_SECRET, or the published development key). */
  jwtSecret: string;
}

export interface ConsoleConfig {
  nodeEnv: 'development' | 'test' | 'production';
  logLevel: string;
  host: string;
  port: number;
  shutdownGraceMs: number;
  webRoot: string;
  signIn: OidcSignIn | DevelopmentSignIn;
  /** Each service's API, without a trailing slash. */
  services: Record<ServiceName, string>;
  /** Where operators look at the workflows: the Temporal Web UI, without a trailing slash, and the namespace. */
  temporalUi: { url: string; namespace: string };
  /** The platform's own routes (its health, for the operations centre): platform/platform-config.ts. */
  platform: PlatformConfig;
}

export function loadConsoleConfig(env: NodeJS.ProcessEnv = process.env): ConsoleConfig {
  const parsed = loadConfig(schema, env) as z.infer<typeof schema> & Record<string, string | undefined>;
  const services = Object.fromEntries(
    SERVICE_NAMES.map((service) => [service, parsed[serviceUrlEnv(service)] ?? `http://127.0.0.1:${SERVICES[service].apiPort + parsed.CONSOLE_SERVICE_PORT_OFFSET}`]),
  ) as Record<ServiceName, string>;
  const mode = parsed.CONSOLE_SIGN_IN ?? (parsed.OIDC_ISSUER ? 'oidc' : 'development');
  const signIn: ConsoleConfig['signIn'] =
    mode === 'oidc'
      ? {
          mode,
          issuer: parsed.OIDC_ISSUER!,
          clientId: parsed.OIDC_CLIENT_ID!,
          scopes: parsed.OIDC_SCOPES,
          claims: { user: parsed.OIDC_USER_CLAIM, org: parsed.OIDC_ORG_CLAIM, role: parsed.OIDC_ROLE_CLAIM },
        }
      : { mode, jwtSecret: parsed.JWT_SECRET ?? DEVELOPMENT_JWT_SECRET };
  return {
    nodeEnv: parsed.NODE_ENV,
    logLevel: parsed.LOG_LEVEL,
    host: parsed.HTTP_HOST,
    port: parsed.PORT,
    shutdownGraceMs: parsed.SHUTDOWN_GRACE_MS,
    webRoot: resolve(parsed.CONSOLE_WEB_ROOT),
    signIn,
    services,
    temporalUi: { url: parsed.TEMPORAL_UI_URL, namespace: parsed.TEMPORAL_NAMESPACE },
    platform: loadPlatformConfig(env, {
      services,
      portOffset: parsed.CONSOLE_SERVICE_PORT_OFFSET,
      ...(signIn.mode === 'oidc' && { oidc: { issuer: signIn.issuer, claims: signIn.claims } }),
    }),
  };
}

import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vm from 'node:vm';
import { parse } from 'yaml';
import { CONSOLE_ENV, loadConsoleConfig } from '../../../apps/console/server/src/config';
import {
  CONSOLE_PORT,
  demoDataEnabled,
  DEVELOPMENT_JWT_SECRET,
  DEVELOPMENT_SERVICE_TOKEN_SECRET,
  loadEdgeSettings,
  EDGE_ENV,
  KEY_RING_ENV,
  SERVICE_EXTRA_ENV,
  SERVICES,
  SERVICE_NAMES,
  serviceEnvSchema,
  type ServiceName,
  type ServiceRole,
} from '@vanthu/shared';

/**
 * The compose file and the Dockerfile restate what SERVICES and the config schema already say
 * (ports, databases, task queues, variable names). Nothing runs them in unit tests, so these
 * checks are what stops the two from drifting apart unnoticed until a deploy.
 */

const DEPLOY = path.resolve(__dirname, '../..');
const ROOT = path.resolve(DEPLOY, '..');
const DOCKERFILE = path.join(DEPLOY, 'docker/Dockerfile');

type EnvValue = string | number | boolean | null;
interface ComposeService {
  build?: { context: string; dockerfile?: string };
  command?: string[];
  environment?: Record<string, EnvValue>;
  ports?: string[];
  depends_on?: Record<string, { condition?: string }>;
  healthcheck?: { test?: string[]; disable?: boolean };
  restart?: string;
  deploy?: { replicas?: EnvValue };
  stop_grace_period?: string;
}

// Compose resolves `<<` merge keys, so the test must too or every anchored field reads as missing.
const compose = parse(readFileSync(path.join(DEPLOY, 'compose.yaml'), 'utf8'), { merge: true }) as {
  services: Record<string, ComposeService>;
};
const services = compose.services;

interface Instruction {
  op: string;
  args: string;
}

function dockerInstructions(file: string): Instruction[] {
  return readFileSync(file, 'utf8')
    .replace(/\\\r?\n/g, ' ')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => {
      const [op = '', ...rest] = line.split(/\s+/);
      return { op: op.toUpperCase(), args: rest.join(' ') };
    });
}

/** COPY sources and destination, flags (--from=...) kept apart. */
function copyParts(args: string) {
  const words = args.split(/\s+/);
  const flags = words.filter((w) => w.startsWith('--'));
  const paths = words.filter((w) => !w.startsWith('--'));
  return { flags, sources: paths.slice(0, -1), dest: paths[paths.length - 1] };
}

const dockerfile = dockerInstructions(DOCKERFILE);
// Only the last stage ships; the earlier ones are build scaffolding.
const runtimeStage = dockerfile.slice(dockerfile.map((i) => i.op).lastIndexOf('FROM'));

const imageEnv: Record<string, string> = Object.fromEntries(
  runtimeStage
    .filter((i) => i.op === 'ENV')
    .flatMap((i) => i.args.split(/\s+/))
    .map((pair) => pair.split('=', 2) as [string, string]),
);

/** Runs a `node -e` probe with a fake fetch and reports the URL it would request. */
function probedUrl(script: string, env: Record<string, string>): string {
  const urls: string[] = [];
  const fetch = (url: unknown) => {
    urls.push(String(url));
    return new Promise(() => undefined);
  };
  vm.runInNewContext(script, { fetch, AbortSignal, process: { env, exit: () => undefined } }, { timeout: 1000 });
  expect(urls).toHaveLength(1);
  return urls[0] ?? '';
}

function toMs(duration: string): number {
  const match = /^(\d+)(ms|s|m)$/.exec(duration);
  if (!match) throw new Error(`unsupported duration ${duration}`);
  return Number(match[1]) * { ms: 1, s: 1000, m: 60_000 }[match[2] as 'ms' | 's' | 'm'];
}

const hostOf = (hostPort: string) => hostPort.trim().split(':')[0];

/**
 * The keys whose development values are published in the repository, and the services that need
 * each. In compose they may only be required interpolations, `${NAME:?message}`: no literal, and no
 * `:-default` that would quietly start production on a key everyone knows.
 */
const SECRETS: Record<string, readonly ServiceName[]> = {
  JWT_SECRET: SERVICE_NAMES,
  SERVICE_TOKEN_SECRET: SERVICE_NAMES,
  SIGNING_KEK: ['signing'],
  NOTIFY_SECRET_KEK: ['notify'],
  ARCHIVE_LOG_KEY: ['archive'],
  VANTHU_KEKS: SERVICE_NAMES,
};
const requiredFromEnvironment = (name: string) => new RegExp(`^\\$\\{${name}:?\\?[^}]*\\}$`);

/** Compose's interpolation of `${NAME}`, `${NAME:-default}` and `${NAME:?message}`, enough for this file. */
function interpolate(value: string, vars: Record<string, string>): string {
  return value.replace(/\$\{([A-Z0-9_]+)(?::?([-?])([^}]*))?\}/g, (_match, name: string, op?: string, arg?: string) => {
    const set = vars[name];
    if (set !== undefined && set !== '') return set;
    if (op === '-') return arg ?? '';
    if (op === '?') throw new Error(`compose would stop: ${name}: ${arg}`);
    return '';
  });
}

/** What an operator provides: fresh values, none of them a development default. */
const OPERATOR_SECRETS: Record<string, string> = {
  JWT_SECRET: 'operator-jwt-secret-0123456789abcdef0123456789',
  SERVICE_TOKEN_SECRET: 'operator-service-token-secret-0123456789abcdef',
  SIGNING_KEK: Buffer.alloc(32, 7).toString('base64'),
  NOTIFY_SECRET_KEK: Buffer.alloc(32, 9).toString('base64'),
  ARCHIVE_LOG_KEY: 'operator-pem',
  VANTHU_KEKS: `k2026:${Buffer.alloc(32, 5).toString('base64')}`,
  VANTHU_KEK_CURRENT: 'k2026',
  SMTP_URL: 'smtp://mail.example:587',
};

const cases = SERVICE_NAMES.flatMap((service) =>
  (['api', 'worker'] as const).map((role) => [`${service}-${role}`, service, role] as const),
);

describe.each(cases)('%s', (container: string, service: ServiceName, role: ServiceRole) => {
  const spec = SERVICES[service];
  const port = role === 'api' ? spec.apiPort : spec.workerHealthPort;
  const definition = services[container];
  const environment = Object.fromEntries(
    Object.entries(definition?.environment ?? {}).map(([key, value]) => [key, String(value)]),
  );
  // What the process sees: the image's ENV, overridden by the container's environment.
  const effectiveEnv = { ...imageEnv, ...environment };

  it('is defined', () => {
    expect(definition).toBeDefined();
  });

  it('runs its role from an entry point that the build produces', () => {
    const script = `services/${service}/dist/main.js`;
    expect(definition?.command).toEqual([script, role]);
    expect(existsSync(path.join(ROOT, script.replace('/dist/', '/src/').replace(/\.js$/, '.ts')))).toBe(true);
  });

  it('sets PORT, MONGO_DATABASE and TEMPORAL_TASK_QUEUE from SERVICES', () => {
    expect(environment.PORT).toBe(String(port));
    expect(environment.MONGO_DATABASE).toBe(spec.database);
    expect(environment.TEMPORAL_TASK_QUEUE).toBe(spec.taskQueue);
  });

  it('sets only variables the service reads', () => {
    const known = [...Object.keys(serviceEnvSchema(service, role).shape), ...SERVICE_EXTRA_ENV[service], ...EDGE_ENV, ...KEY_RING_ENV];
    expect(Object.keys(effectiveEnv).filter((key) => !known.includes(key))).toEqual([]);
  });

  it('has an environment the service accepts, listening on all interfaces', () => {
    const result = serviceEnvSchema(service, role).safeParse(effectiveEnv);
    expect(result.error?.issues ?? []).toEqual([]);
    // Bound to loopback, the process would pass its own healthcheck yet be unreachable from outside.
    expect(result.data?.HTTP_HOST).toBe('0.0.0.0');
  });

  it('publishes exactly its API port, and a worker publishes none', () => {
    expect(definition?.ports ?? []).toEqual(role === 'api' ? [`${spec.apiPort}:${spec.apiPort}`] : []);
  });

  it('runs a worker as two replicas unless the operator says otherwise; an API, once per published port', () => {
    const replicas = definition?.deploy?.replicas;
    if (role === 'api') expect(replicas).toBeUndefined();
    else {
      expect(interpolate(String(replicas), {})).toBe('2');
      expect(interpolate(String(replicas), { WORKER_REPLICAS: '4' })).toBe('4');
    }
  });

  it('probes /health/ready on its own PORT', () => {
    const test = definition?.healthcheck?.test ?? [];
    expect(test.slice(0, 3)).toEqual(['CMD', 'node', '-e']);
    expect(probedUrl(test[3] ?? '', effectiveEnv)).toBe(`http://127.0.0.1:${port}/health/ready`);
  });

  it('starts after bootstrap, restarts, and is built from the checked Dockerfile', () => {
    expect(definition?.depends_on?.bootstrap?.condition).toBe('service_completed_successfully');
    expect(definition?.restart).toBe('unless-stopped');
    const build = definition?.build;
    expect(build && path.resolve(DEPLOY, build.context, build.dockerfile ?? 'Dockerfile')).toBe(DOCKERFILE);
  });

  it('takes every key it needs from the operator, never a literal or a default', () => {
    const needed = Object.entries(SECRETS).filter(([, users]) => users.includes(service)).map(([name]) => name);
    for (const name of Object.keys(SECRETS)) {
      if (needed.includes(name)) expect([name, environment[name]]).toEqual([name, expect.stringMatching(requiredFromEnvironment(name))]);
      else expect([name, environment[name]]).toEqual([name, undefined]);
    }
  });

  it("passes its edge's production check with the operator's keys", () => {
    const resolved = Object.fromEntries(Object.entries(effectiveEnv).map(([key, value]) => [key, interpolate(value, OPERATOR_SECRETS)]));
    expect(resolved.NODE_ENV).toBe('production');
    expect(() => loadEdgeSettings(service, resolved)).not.toThrow();
  });

  it('starts without demo data', () => {
    expect(effectiveEnv.VANTHU_DEMO_DATA).toBeUndefined();
    expect(demoDataEnabled(effectiveEnv)).toBe(false);
  });

  it('gives in-flight work its full shutdown grace before Docker kills it', () => {
    const config = serviceEnvSchema(service, role).parse(effectiveEnv);
    expect(toMs(definition?.stop_grace_period ?? '10s')).toBeGreaterThan(config.SHUTDOWN_GRACE_MS);
  });
});

describe('console', () => {
  const definition = services.console;
  const environment = Object.fromEntries(Object.entries(definition?.environment ?? {}).map(([key, value]) => [key, String(value)]));
  const effectiveEnv = { ...imageEnv, ...environment };
  const operator = { ...OPERATOR_SECRETS, OIDC_ISSUER: 'https://id.office.example/realms/vanthu', OIDC_CLIENT_ID: 'vanthu-console' };
  const resolved = () => Object.fromEntries(Object.entries(effectiveEnv).map(([key, value]) => [key, interpolate(value, operator)]));

  it('runs the console server that the build produces, on its port, published', () => {
    expect(definition?.command).toEqual(['apps/console/dist/server/main.js']);
    expect(existsSync(path.join(ROOT, 'apps/console/server/src/main.ts'))).toBe(true);
    expect(environment.PORT).toBe(String(CONSOLE_PORT));
    expect(definition?.ports).toEqual([`${CONSOLE_PORT}:${CONSOLE_PORT}`]);
    expect(probedUrl(definition?.healthcheck?.test?.[3] ?? '', effectiveEnv)).toBe(`http://127.0.0.1:${CONSOLE_PORT}/health/ready`);
  });

  it('sets only variables the console reads', () => {
    expect(Object.keys(effectiveEnv).filter((key) => !(CONSOLE_ENV as readonly string[]).includes(key))).toEqual([]);
  });

  it("signs people in through the operator's identity provider, never the development sign-in", () => {
    for (const name of ['OIDC_ISSUER', 'OIDC_CLIENT_ID']) expect(environment[name]).toMatch(requiredFromEnvironment(name));
    expect(environment.CONSOLE_SIGN_IN).toBeUndefined();
    expect(environment.JWT_SECRET).toBeUndefined();
    const config = loadConsoleConfig(resolved());
    expect(config.nodeEnv).toBe('production');
    expect(config.signIn).toMatchObject({ mode: 'oidc', issuer: operator.OIDC_ISSUER, clientId: 'vanthu-console' });
    expect(config.host).toBe('0.0.0.0');
  });

  it("passes each service's calls to that service's API container", () => {
    const config = loadConsoleConfig(resolved());
    for (const service of SERVICE_NAMES) {
      expect(config.services[service]).toBe(`http://${service}-api:${SERVICES[service].apiPort}`);
      expect(services[`${service}-api`]).toBeDefined();
    }
  });

  it('gives in-flight requests their shutdown grace before Docker kills it', () => {
    expect(toMs(definition?.stop_grace_period ?? '10s')).toBeGreaterThan(loadConsoleConfig(resolved()).shutdownGraceMs);
  });
});

describe('compose file', () => {
  it('points every connection variable at a service it defines', () => {
    const references: string[] = [];
    for (const definition of Object.values(services)) {
      const env = definition.environment ?? {};
      if (env.TEMPORAL_ADDRESS) references.push(hostOf(String(env.TEMPORAL_ADDRESS)));
      if (env.KAFKA_BROKERS) references.push(...String(env.KAFKA_BROKERS).split(',').map(hostOf));
      if (env.MONGO_URL) {
        const hosts = /^mongodb:\/\/(?:[^@/]*@)?([^/?]+)/.exec(String(env.MONGO_URL))?.[1] ?? '';
        references.push(...hosts.split(',').map(hostOf));
      }
    }
    expect(references.length).toBeGreaterThan(0);
    expect(references.filter((host) => !(host in services))).toEqual([]);
  });

  it('depends only on services it defines', () => {
    const targets = Object.values(services).flatMap((s) => Object.keys(s.depends_on ?? {}));
    expect(targets.filter((target) => !(target in services))).toEqual([]);
  });

  it('runs bootstrap as the deploy package entry point, after its dependencies are ready', () => {
    const deployMain = (JSON.parse(readFileSync(path.join(DEPLOY, 'package.json'), 'utf8')) as { main: string }).main;
    expect(services.bootstrap?.command).toEqual([`deploy/${deployMain}`, 'bootstrap']);
    expect(Object.keys(services.bootstrap?.depends_on ?? {}).sort()).toEqual(['kafka', 'mongo-init', 'temporal']);
  });

  it('never enables demo data and never carries a development key', () => {
    const text = readFileSync(path.join(DEPLOY, 'compose.yaml'), 'utf8');
    for (const key of [DEVELOPMENT_JWT_SECRET, DEVELOPMENT_SERVICE_TOKEN_SECRET]) expect(text.includes(key)).toBe(false);
    // Wherever a key appears (a service, an anchor, bootstrap), it is the operator's.
    for (const [container, definition] of Object.entries(services)) {
      for (const [name, value] of Object.entries(definition.environment ?? {})) {
        // Only an explicit "false" is acceptable; "true" or a variable could turn the demo users on.
        if (name === 'VANTHU_DEMO_DATA') expect([container, String(value)]).toEqual([container, 'false']);
        if (name in SECRETS) expect([container, name, String(value)]).toEqual([container, name, expect.stringMatching(requiredFromEnvironment(name))]);
      }
    }
  });

  it('has Kafka topic auto-creation disabled, so only declared topics exist', () => {
    expect(String(services.kafka?.environment?.KAFKA_AUTO_CREATE_TOPICS_ENABLE)).toBe('false');
  });

  it('builds from Dockerfiles that exist and whose COPY sources exist in the build context', () => {
    const built = Object.values(services).filter((s) => s.build);
    expect(built.length).toBeGreaterThan(0);
    for (const { build } of built) {
      const context = path.resolve(DEPLOY, build?.context ?? '.');
      const file = path.resolve(context, build?.dockerfile ?? 'Dockerfile');
      expect(existsSync(file)).toBe(true);
      const sources = dockerInstructions(file)
        .filter((i) => i.op === 'COPY' && !i.args.includes('--from='))
        .flatMap((i) => copyParts(i.args).sources);
      expect(sources.filter((source) => !existsSync(path.join(context, source)))).toEqual([]);
    }
  });
});

describe('Dockerfile', () => {
  const workspaces = (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { workspaces: string[] })
    .workspaces;
  const copies = dockerfile.filter((i) => i.op === 'COPY').map((i) => copyParts(i.args));

  it.each(workspaces)('installs and ships workspace %s', (workspace) => {
    // Without its package.json, npm ci neither links the workspace nor installs its dependencies.
    expect(copies.some((c) => c.flags.length === 0 && c.sources.includes(`${workspace}/package.json`))).toBe(true);
    expect(
      copies.some((c) => c.flags.includes('--from=build') && c.sources.includes(`/app/${workspace}/dist`)),
    ).toBe(true);
  });

  it('runs node as a non-root user, so compose commands are script paths', () => {
    const last = (op: string) => runtimeStage.filter((i) => i.op === op).pop()?.args;
    expect(last('USER')).toBe('node');
    expect(JSON.parse(last('ENTRYPOINT') ?? 'null')).toEqual(['node']);
  });

  it('defaults to production and all interfaces, for containers started outside compose', () => {
    expect(imageEnv).toMatchObject({ NODE_ENV: 'production', HTTP_HOST: '0.0.0.0' });
  });

  it('probes /health/ready on PORT', () => {
    const args = runtimeStage.find((i) => i.op === 'HEALTHCHECK')?.args ?? '';
    const [command, flag, script] = JSON.parse(args.slice(args.indexOf('CMD') + 3)) as string[];
    expect([command, flag]).toEqual(['node', '-e']);
    expect(probedUrl(script ?? '', { PORT: '4321' })).toBe('http://127.0.0.1:4321/health/ready');
  });
});

import { randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  createApiApp,
  createLogger,
  createWorkerHealthApp,
  DEVELOPMENT_JWT_SECRET,
  DEVELOPMENT_SERVICE_TOKEN_SECRET,
  issueServiceToken,
  issueToken,
  Lifecycle,
  listen,
  loadEdgeSettings,
  loadServiceConfig,
  METRICS_POLICY,
  openServiceContext,
  ROLES,
  SERVICE_NAMES,
  routeTableOf,
  TOKEN_AUDIENCES,
  type Policy,
  type Principal,
  type RouteEntry,
  type ServiceDefinition,
  type ServiceName,
  type StartedServer,
} from '@vanthu/shared';
import { archiveService } from '../../services/archive/src/service';
import { intakeService } from '../../services/intake/src/service';
import { notifyService } from '../../services/notify/src/service';
import { signingService } from '../../services/signing/src/service';
import { trackingService } from '../../services/tracking/src/service';
import { expressRoutes } from './support/route-walk';

/*
 * Every route of every API and of every worker's health server (health, /metrics), read from the
 * routers themselves, called as each kind of caller that must be refused: nobody, an expired
 * token, a token from a key we do not trust, a service where a person is expected (and the
 * reverse), a role the route's policy leaves out, and an allowed role of another organisation on
 * a resource that is not theirs. A route added later is
 * walked the same way without anyone touching this file; one without a declared policy fails it.
 * The table it produces is the one in docs/security.md (VANTHU_WRITE_MATRIX=1 rewrites it).
 */

/** Keyed by service name, so a service added to SERVICES without its definition here fails the build. */
const BY_NAME: Record<ServiceName, ServiceDefinition> = {
  intake: intakeService,
  signing: signingService,
  notify: notifyService,
  archive: archiveService,
  tracking: trackingService,
};
const DEFINITIONS = SERVICE_NAMES.map((name) => BY_NAME[name]);
const DOC = join(__dirname, '../../docs/security.md');
const START = '<!-- authorisation-matrix:start -->';
const END = '<!-- authorisation-matrix:end -->';
const HOME = 'BS-TU';
const OTHER = 'BS-TL-DU';

interface Api {
  name: ServiceName;
  /** The service, or `<service>-worker` for its worker's health server. */
  label: string;
  url: string;
  routes: RouteEntry[];
  server: StartedServer;
  lifecycle: Lifecycle;
}

const user = (role: Principal['role'], orgCode = HOME): Principal => ({ userId: `matrix-${role}-${orgCode}`.toLowerCase(), orgCode, role });

/** Fills a path's parameters with values nobody holds, shaped as each parameter expects. */
function concrete(path: string): string {
  const samples: Record<string, string> = {
    file: 'root.crt',
    endpointId: `wh_${'0'.repeat(32)}`,
    seq: '1',
    treeSize: '1',
    sha256: 'a'.repeat(64),
  };
  return path.replace(/:(\w+)/g, (_m, name: string) => samples[name] ?? randomUUID());
}

function callers(policy: Policy, audience: string) {
  const excluded = ROLES.find((role) => !policy.allows({ kind: 'user', user: user(role) }));
  const allowed = ROLES.find((role) => policy.allows({ kind: 'user', user: user(role) }));
  const service = issueServiceToken(DEVELOPMENT_SERVICE_TOKEN_SECRET, 'operator', audience);
  return {
    anonymous: undefined,
    expired: issueToken(DEVELOPMENT_JWT_SECRET, user('admin'), -60),
    'untrusted key': issueToken('a-key-this-platform-has-never-trusted-at-all', user('admin'), 600),
    'service token': policy.allows({ kind: 'service', service: 'operator' }) ? null : service,
    'excluded role': excluded ? issueToken(DEVELOPMENT_JWT_SECRET, user(excluded), 600) : null,
    'other organisation': allowed ? issueToken(DEVELOPMENT_JWT_SECRET, user(allowed, OTHER), 600) : null,
  };
}

type Column = keyof ReturnType<typeof callers>;
const COLUMNS: Column[] = ['anonymous', 'expired', 'untrusted key', 'service token', 'excluded role', 'other organisation'];

/** What each caller must get: 401 without valid credentials, 403 by policy; on a resource of another organisation, never an answer. */
function acceptable(column: Column, policy: Policy, status: number): boolean {
  if (status >= 500) return false;
  if (policy.public) return status !== 401 && status !== 403;
  if (column === 'anonymous' || column === 'expired' || column === 'untrusted key') return status === 401;
  if (column === 'service token' || column === 'excluded role') return status === 403;
  return status >= 400;
}

describe('authorisation matrix: every route of every API', () => {
  const apis: Api[] = [];
  const rows: string[] = [];

  beforeAll(async () => {
    const logger = createLogger({ test: 'authorisation-matrix' }, 'silent');
    for (const definition of DEFINITIONS) {
      const lifecycle = new Lifecycle(logger);
      const config = loadServiceConfig(definition.name, 'api', { ...process.env, MONGO_DATABASE: `vanthu_${definition.name}_matrix` });
      const ctx = await openServiceContext(config, logger, lifecycle);
      if (definition.prepare) await definition.prepare(ctx);
      const edge = { ...loadEdgeSettings(definition.name, {}), ratePerSecond: 10_000, rateBurst: 10_000 };
      // The API, then the worker's health server (health and /metrics, behind the same edge).
      const apps = [
        { label: definition.name, app: await createApiApp(definition, ctx, lifecycle, edge) },
        { label: `${definition.name}-worker`, app: createWorkerHealthApp(definition, ctx, lifecycle, edge) },
      ];
      for (const { label, app } of apps) {
        const walked = expressRoutes(app);
        const table = routeTableOf(app).list();
        // Every route express would answer has a declared policy, and nothing is mounted under a prefix.
        expect({ service: label, prefixed: walked.prefixed }).toEqual({ service: label, prefixed: [] });
        const undeclared = walked.routes.filter((r) => !table.some((t) => t.method === r.method && t.path === r.path));
        expect({ service: label, undeclared }).toEqual({ service: label, undeclared: [] });
        const server = await listen(app, '127.0.0.1', 0);
        apis.push({ name: definition.name, label, url: server.url, routes: table, server, lifecycle });
      }
    }
  }, 180_000);

  afterAll(async () => {
    for (const api of apis) await api.server.close();
    for (const lifecycle of new Set(apis.map((api) => api.lifecycle))) await lifecycle.stop();
  });

  it('has /metrics on every process, API and worker, for the console, operators and administrators only', () => {
    expect(apis.map((api) => api.label)).toEqual(SERVICE_NAMES.flatMap((name) => [name, `${name}-worker`]));
    for (const api of apis) {
      expect([api.label, api.routes.find((r) => r.path === '/metrics')]).toEqual([api.label, { method: 'get', path: '/metrics', policy: METRICS_POLICY }]);
    }
  });

  it('refuses every caller without the right, on every route', async () => {
    const failures: string[] = [];
    for (const api of apis) {
      for (const route of api.routes) {
        const path = concrete(route.path);
        const cells: string[] = [];
        for (const [column, token] of Object.entries(callers(route.policy, TOKEN_AUDIENCES[api.name])) as Array<[Column, string | null | undefined]>) {
          // A caller the policy admits is not a refusal to test; for another organisation only resources (ids) are.
          if (token === null || (column === 'other organisation' && !route.path.includes(':')) || (route.policy.public && column !== 'anonymous')) {
            cells.push('–');
            continue;
          }
          const res = await fetch(`${api.url}${path}`, {
            method: route.method.toUpperCase(),
            headers: { ...(token && { authorization: `Bearer ${token}` }), ...(route.method !== 'get' && { 'content-type': 'application/json' }) },
            ...(route.method !== 'get' && route.method !== 'delete' && { body: '{}' }),
            signal: AbortSignal.timeout(20_000),
          });
          await res.arrayBuffer();
          cells.push(String(res.status));
          if (!acceptable(column, route.policy, res.status)) failures.push(`${api.label} ${route.method.toUpperCase()} ${route.path} as ${column}: ${res.status}`);
        }
        rows.push(`| ${api.label} | ${route.method.toUpperCase()} | \`${route.path}\` | ${route.policy.describe} | ${cells.join(' | ')} |`);
      }
    }
    expect(failures).toEqual([]);
  }, 300_000);

  it('is the table docs/security.md shows', () => {
    const table = [`| service | method | path | policy | ${COLUMNS.join(' | ')} |`, `|${'---|'.repeat(4 + COLUMNS.length)}`, ...rows].join('\n');
    const doc = readFileSync(DOC, 'utf8');
    const [before, rest] = doc.split(START);
    const after = rest?.split(END)[1];
    if (before === undefined || after === undefined) throw new Error(`docs/security.md lacks the ${START} … ${END} markers`);
    const wanted = `${before}${START}\n${table}\n${END}${after}`;
    if (process.env.VANTHU_WRITE_MATRIX === '1') writeFileSync(DOC, wanted);
    else expect(doc).toBe(wanted);
  });
});

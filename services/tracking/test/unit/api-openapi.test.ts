import { parse } from 'yaml';
import { createLogger, DOCUMENT_TYPE_CODES, RECURRENCE_FREQUENCIES, TASK_KINDS, TASK_PRIORITY_CODES, TASK_STATUSES, type SecureRouter } from '@vanthu/shared';
import { trackingApiRouter } from '../../src/api/api-router';
import { mountFiguresRoutes } from '../../src/api/figures-routes';
import { loadTrackingOpenApi } from '../../src/api/openapi-document';
import { FIGURE_GROUPINGS } from '../../src/figures/figure-item';
import { FakeTracking, startApi, type TestApi } from '../support/api-server';

type Operation = { operationId?: string; security?: unknown[]; parameters?: Array<{ name: string; schema?: { enum?: string[] } }> };
type Spec = { openapi: string; paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, { enum?: string[]; properties?: Record<string, { enum?: string[] }> }> } };

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];
const spec = loadTrackingOpenApi().json as Spec;

/** Every route the service mounts, the figures included, as `METHOD /path/{param}`. */
function mountedRoutes(): string[] {
  const logger = createLogger({ test: 'tracking-openapi' }, 'silent');
  const figures = (router: SecureRouter) =>
    mountFiguresRoutes(router, {} as never, {
      figures: { query: () => { throw new Error('not called'); } },
      directory: { view: () => { throw new Error('not called'); } },
    });
  const router = trackingApiRouter({ app: new FakeTracking(), logger, maxEvidenceBytes: 1024, validateResponses: true, include: figures });
  return router.routes.map((r) => `${r.method.toUpperCase()} ${r.path.replace(/:(\w+)/g, '{$1}')}`);
}

const documentedRoutes = () =>
  Object.entries(spec.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => METHODS.includes(method))
      .map(([method]) => `${method.toUpperCase()} ${path}`),
  );

describe('the tracking OpenAPI document', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startApi(new FakeTracking());
  });
  afterAll(() => api.close());

  it('is served as YAML and as JSON, the same document, without a token', async () => {
    const yaml = await fetch(`${api.url}/v1/openapi.yaml`);
    expect(yaml.status).toBe(200);
    expect(yaml.headers.get('content-type')).toMatch(/^application\/yaml/);
    const fromYaml = parse(await yaml.text()) as Spec;
    const fromJson = (await (await fetch(`${api.url}/v1/openapi.json`)).json()) as Spec;
    expect(fromJson).toEqual(fromYaml);
    expect(fromYaml.openapi).toBe('3.1.0');
  });

  it('describes every mounted route, and mounts every route it describes', () => {
    expect(mountedRoutes().sort()).toEqual(documentedRoutes().sort());
  });

  it('lists the routes of docs/tracking.md, each with an operation id', () => {
    const actions = ['accept', 'refuse', 'reports', 'submit', 'subtasks', 'extension-requests', 'extension-decision', 'accept-result', 'return', 'reassign', 'cancel'];
    expect(documentedRoutes().sort()).toEqual(
      [
        'POST /v1/tasks',
        'GET /v1/tasks',
        'GET /v1/tasks/{id}',
        ...actions.map((a) => `POST /v1/tasks/{id}/${a}`),
        'POST /v1/tasks/{id}/evidence',
        'GET /v1/tasks/{id}/evidence/{sha256}',
        'GET /v1/figures',
        'GET /v1/openapi.yaml',
        'GET /v1/openapi.json',
      ].sort(),
    );
    for (const item of Object.values(spec.paths)) {
      for (const [method, op] of Object.entries(item)) if (METHODS.includes(method)) expect(op.operationId).toBeTruthy();
    }
  });

  it('asks for a token on every route but the document itself', () => {
    for (const [path, item] of Object.entries(spec.paths)) {
      for (const [method, op] of Object.entries(item)) {
        if (!METHODS.includes(method)) continue;
        expect({ route: `${method} ${path}`, public: op.security?.length === 0 }).toEqual({ route: `${method} ${path}`, public: path.startsWith('/v1/openapi.') });
      }
    }
  });

  // An unquoted description with a comma in a flow mapping silently becomes an extra key with a null value.
  it('has no null values and no keys that read like prose', () => {
    const suspicious: string[] = [];
    const walk = (node: unknown, path: string): void => {
      if (node === null || typeof node !== 'object') return;
      for (const [key, value] of Object.entries(node)) {
        const at = `${path}/${key}`;
        if (value === null) suspicious.push(`${at}: null`);
        if (/\s/.test(key) && key.endsWith('.')) suspicious.push(`${at}: prose as a key`);
        walk(value, at);
      }
    };
    walk(spec, '');
    expect(suspicious).toEqual([]);
  });

  it("keeps its enums equal to the domain's tables", () => {
    const enumOf = (name: string) => spec.components.schemas[name]?.enum;
    expect(enumOf('TaskStatus')).toEqual([...TASK_STATUSES]);
    expect(enumOf('TaskKind')).toEqual([...TASK_KINDS]);
    expect(enumOf('TaskPriority')).toEqual(TASK_PRIORITY_CODES);
    expect(enumOf('DocumentType')).toEqual(DOCUMENT_TYPE_CODES);
    expect(spec.components.schemas.Recurrence?.properties?.frequency?.enum).toEqual([...RECURRENCE_FREQUENCIES]);
    const groupBy = spec.paths['/v1/figures']?.get?.parameters?.find((p) => p.name === 'groupBy');
    expect(groupBy?.schema?.enum).toEqual([...FIGURE_GROUPINGS]);
  });
});

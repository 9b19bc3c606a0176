import type { AddressInfo } from 'node:net';
import express, { type ErrorRequestHandler, type Express, type RequestHandler } from 'express';
import * as OpenApiValidator from 'express-openapi-validator';
import { parse } from 'yaml';
import { createHttpApp, createLogger, finishApp, loadEdgeSettings, Problem, problemHandler, ROUTE_METHODS, type RouteEntry, type ServiceName } from '@vanthu/shared';
import { openApiValidation, validationProblems } from '@vanthu/shared/openapi';

/*
 * What the services' OpenAPI tests check alike (signing, notify, archive): the document and the
 * route table describe the same routes with the same policies, every operation has a unique id
 * (the console's generated client names its functions by them), the document is one the request
 * validator compiles, and (in the integration harnesses) every JSON answer is what it says.
 */

export interface OpenApiOperation {
  operationId?: string;
  security?: unknown[];
  /** The route's policy as the authorisation matrix names it (`Policy.describe`). */
  'x-vanthu-policy'?: string;
  parameters?: Array<{ name: string; in: string; schema?: OpenApiSchema }>;
}

export interface OpenApiSchema {
  enum?: string[];
  const?: unknown;
  pattern?: string;
  properties?: Record<string, OpenApiSchema>;
  allOf?: OpenApiSchema[];
  items?: OpenApiSchema;
  default?: unknown;
  maximum?: number;
}

export interface OpenApiSpec {
  openapi: string;
  paths: Record<string, Record<string, OpenApiOperation>>;
  components: { schemas: Record<string, OpenApiSchema> };
}

const METHODS: readonly string[] = ROUTE_METHODS;

/** `GET /v1/things/{id}` for express's `/v1/things/:id`. */
export const routeName = (method: string, path: string) => `${method.toUpperCase()} ${path.replace(/:(\w+)/g, '{$1}')}`;

export function documentedOperations(spec: OpenApiSpec): Map<string, OpenApiOperation> {
  const operations = new Map<string, OpenApiOperation>();
  for (const [path, item] of Object.entries(spec.paths)) {
    for (const [method, operation] of Object.entries(item)) if (METHODS.includes(method)) operations.set(routeName(method, path), operation);
  }
  return operations;
}

/** Everything on which the document and the mounted routes disagree; all empty when they agree. */
export function contractGaps(spec: OpenApiSpec, routes: RouteEntry[]) {
  const documented = documentedOperations(spec);
  const mounted = new Map(routes.map((r) => [routeName(r.method, r.path), r]));
  const ids = [...documented.values()].map((op) => op.operationId);
  return {
    undocumented: [...mounted.keys()].filter((name) => !documented.has(name)).sort(),
    notMounted: [...documented.keys()].filter((name) => !mounted.has(name)).sort(),
    wrongPolicy: [...mounted.entries()]
      .filter(([name, route]) => documented.has(name) && documented.get(name)!['x-vanthu-policy'] !== route.policy.describe)
      .map(([name, route]) => `${name}: ${route.policy.describe}, documented as ${documented.get(name)!['x-vanthu-policy']}`),
    wrongSecurity: [...mounted.entries()]
      .filter(([name, route]) => documented.has(name) && (documented.get(name)!.security?.length === 0) !== (route.policy.public === true))
      .map(([name]) => name),
    withoutOperationId: [...documented.entries()].filter(([, op]) => !op.operationId).map(([name]) => name),
    repeatedOperationIds: ids.filter((id, i) => id !== undefined && ids.indexOf(id) !== i),
  };
}

/**
 * An unquoted description with a colon or a comma in a flow mapping silently becomes an extra
 * key with a null value; walking the whole document catches every such line.
 */
export function suspiciousNodes(spec: unknown): string[] {
  const found: string[] = [];
  const walk = (node: unknown, at: string): void => {
    if (node === null || typeof node !== 'object') return;
    for (const [key, value] of Object.entries(node)) {
      const path = `${at}/${key}`;
      if (value === null) found.push(`${path}: null`);
      if (/\s/.test(key) && key.endsWith('.')) found.push(`${path}: prose as a key`);
      walk(value, path);
    }
  };
  walk(spec, '');
  return found;
}

/** The service's API as the shared app builds it (edge guard and all), on a loopback port of its own. */
export async function serveApi(service: ServiceName, mount: (app: Express) => void): Promise<{ url: string; close: () => Promise<void> }> {
  const logger = createLogger({ test: `${service}-openapi` }, 'silent');
  const app = createHttpApp({ service, logger, readiness: [], state: { draining: false }, edge: loadEdgeSettings(service, { NODE_ENV: 'test' }) });
  mount(app);
  finishApp(app, logger);
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Both forms the service serves, read without a token: they must be the same document. */
export async function servedDocument(baseUrl: string): Promise<{ yamlType: string | null; fromYaml: unknown; fromJson: unknown; status: number[] }> {
  const yaml = await fetch(`${baseUrl}/v1/openapi.yaml`);
  const json = await fetch(`${baseUrl}/v1/openapi.json`);
  return { yamlType: yaml.headers.get('content-type'), fromYaml: parse(await yaml.text()), fromJson: await json.json(), status: [yaml.status, json.status] };
}

// One validator per document: it compiles the document's schemas on its first request, seconds on a busy machine.
const verdictApps = new WeakMap<OpenApiSpec, express.Express>();

function verdictApp(spec: OpenApiSpec): express.Express {
  const logger = createLogger({ test: 'openapi-contract' }, 'silent');
  const app = express();
  app.use(express.json());
  app.use(openApiValidation(structuredClone(spec) as object, false));
  app.use((_req, res) => {
    res.status(204).end();
  });
  app.use(validationProblems(logger));
  app.use(problemHandler(logger));
  return app;
}

/**
 * A request held to the document by the shared validator, answered 204 when it passes: proves
 * the validator compiles the document, and that its schemas say what the routes accept.
 */
export async function validatorVerdict(spec: OpenApiSpec, request: { method: string; path: string; body?: unknown }): Promise<{ status: number; field?: string }> {
  const app = verdictApps.get(spec) ?? verdictApp(spec);
  verdictApps.set(spec, app);
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  try {
    const { port } = server.address() as AddressInfo;
    const response = await fetch(`http://127.0.0.1:${port}${request.path}`, {
      method: request.method,
      ...(request.body !== undefined && { headers: { 'content-type': 'application/json' }, body: JSON.stringify(request.body) }),
    });
    const text = await response.text();
    return { status: response.status, ...(text && { field: (JSON.parse(text) as { field?: string }).field }) };
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
}

/**
 * For an integration harness's app: every JSON answer of a documented route, as the client will
 * read it (dates as strings), is held to the document's schema for its status; one that breaks
 * it becomes a 500 `response-invalid` naming what broke, so the test that caused it fails. The
 * requests are not checked: the routes' own answers to bad input are what those tests test.
 * `check` goes before the routes, `report` after them.
 */
export function answersHeldTo(document: { json: Record<string, unknown> }): { check: RequestHandler[]; report: ErrorRequestHandler } {
  const validator = OpenApiValidator.middleware({
    apiSpec: structuredClone(document.json) as unknown as Parameters<typeof OpenApiValidator.middleware>[0]['apiSpec'],
    validateRequests: false,
    validateResponses: { allErrors: true },
    validateSecurity: false,
    fileUploader: false,
    ignoreUndocumented: true,
    validateFormats: true,
  }) as RequestHandler[];
  // Installed after the validator, so it runs first: the validator sees the JSON text's values.
  const serialised: RequestHandler = (_req, res, next) => {
    const json = res.json.bind(res);
    res.json = (body?: unknown) => json(body === undefined ? body : JSON.parse(JSON.stringify(body)));
    next();
  };
  const report: ErrorRequestHandler = (error, req, _res, next) => {
    if (!(error instanceof OpenApiValidator.error.InternalServerError)) return next(error);
    const broken = JSON.stringify((error as { errors?: unknown }).errors ?? error.message);
    next(new Problem(500, 'response-invalid', `${req.method} ${req.path} answered what its OpenAPI document does not allow: ${broken}`));
  };
  return { check: [...validator, serialised], report };
}

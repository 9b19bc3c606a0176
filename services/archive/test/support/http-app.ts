import type { AddressInfo } from 'node:net';
import { createServer, type Server } from 'node:http';
import { once } from 'node:events';
import type { Client } from '@temporalio/client';
import {
  createHttpApp,
  createLogger,
  DEVELOPMENT_JWT_SECRET,
  finishApp,
  issueToken,
  loadEdgeSettings,
  TOKEN_AUDIENCES,
  type Principal,
  type RouteEntry,
} from '@vanthu/shared';
import type { Archive } from '../../src/archive';
import { archiveRouters, mountArchiveRoutes } from '../../src/api/routes';
import { loadArchiveOpenApi } from '../../src/api/openapi-document';
import { answersHeldTo } from '../../../../test/support/openapi-contract';

/** People of the demo province (packages/shared/src/seed), and two of a commune beside it. */
export const USERS = {
  archivist: { userId: 'bs-archivist', orgCode: 'BS-TU', role: 'archivist' },
  deputy: { userId: 'bs-deputy', orgCode: 'BS-TU', role: 'leader' },
  secretary: { userId: 'bs-secretary', orgCode: 'BS-TU', role: 'leader' },
  admin: { userId: 'bs-admin', orgCode: 'BS-TU', role: 'admin' },
  specialist: { userId: 'bs-specialist', orgCode: 'BS-TU', role: 'specialist' },
  clerk: { userId: 'bs-clerk', orgCode: 'BS-TU', role: 'clerk' },
  communeArchivist: { userId: 'tl-archivist', orgCode: 'BS-TL-DU', role: 'archivist' },
  communeLeader: { userId: 'tl-secretary', orgCode: 'BS-TL-DU', role: 'leader' },
} satisfies Record<string, Principal>;

export const tokenFor = (who: Principal) => issueToken(DEVELOPMENT_JWT_SECRET, who, 600, TOKEN_AUDIENCES.archive);

/**
 * The service's routes on the shared app, behind the same edge guard as the API process (the
 * development token key, this service's audience), on an ephemeral port, once its search is loaded.
 */
export async function serveArchive(archive: Archive, client: Client, taskQueue: string): Promise<{ url: string; server: Server; routes: RouteEntry[] }> {
  const logger = createLogger({ service: 'archive-it' }, 'silent');
  const edge = { ...loadEdgeSettings('archive', {}), ratePerSecond: 10_000, rateBurst: 10_000 };
  const app = createHttpApp({ service: 'archive', logger, readiness: [], state: { draining: false }, edge });
  // Every JSON answer is held to the OpenAPI document the console's client is generated from.
  const contract = answersHeldTo(loadArchiveOpenApi());
  app.use(...contract.check);
  mountArchiveRoutes(app, archive, { client, taskQueue }, logger);
  app.use(contract.report);
  finishApp(app, logger);
  // As an API process does before it reports ready (api/routes.ts); the caller stops it.
  archive.search.start();
  await archive.search.loaded;
  const server = createServer(app);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const routes = archiveRouters(archive, { client, taskQueue }, logger).flatMap((r) => r.routes);
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server, routes };
}

export interface Answer {
  status: number;
  contentType: string;
  body: Record<string, unknown>;
}

/** A JSON call as `as` (a user, or nobody: no Authorization header at all). */
export async function call(url: string, method: string, body?: unknown, as: Principal | null = USERS.archivist): Promise<Answer> {
  const headers: Record<string, string> = {};
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (as) headers.authorization = `Bearer ${tokenFor(as)}`;
  const response = await fetch(url, { method, headers, ...(body !== undefined && { body: JSON.stringify(body) }) });
  const text = await response.text();
  const contentType = response.headers.get('content-type') ?? '';
  return { status: response.status, contentType, body: text && /json/.test(contentType) ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

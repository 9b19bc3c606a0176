import type { AddressInfo } from 'node:net';
import { createServer, type Server } from 'node:http';
import { once } from 'node:events';
import type { Client } from '@temporalio/client';
import { createHttpApp, createLogger, finishApp } from '@vanthu/shared';
import type { Archive } from '../../src/archive';
import { mountArchiveRoutes } from '../../src/api/routes';

/** The service's routes on the shared app, served on an ephemeral port, as the API process does. */
export async function serveArchive(archive: Archive, client: Client, taskQueue: string): Promise<{ url: string; server: Server }> {
  const logger = createLogger({ service: 'archive-it' }, 'silent');
  const app = createHttpApp({ service: 'archive', logger, readiness: [], state: { draining: false } });
  mountArchiveRoutes(app, archive, { client, taskQueue }, logger);
  finishApp(app, logger);
  const server = createServer(app);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

export async function call(url: string, method: string, body?: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(url, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import { Client, Connection, type WorkflowHandle } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { temporalDataConverter, type RouteEntry } from '@vanthu/shared';
import { archiveActivities } from '../../src/activities';
import type { DispositionPhase, DispositionStatus } from '../../src/workflows/types';
import { integrationEnv, openArchiveEnv, type ArchiveEnvOptions, type ArchiveTestEnv } from './archive-env';
import { call, serveArchive, USERS } from './http-app';
import { quietTemporal } from './temporal-quiet';

export interface ArchiveApi {
  env: ArchiveTestEnv;
  client: Client;
  url: string;
  routes: RouteEntry[];
  close(): Promise<void>;
}

/** A database of the test's own, a worker on a task queue of its own, and the API over them: all real. */
export async function startArchiveApi(options: ArchiveEnvOptions = {}): Promise<ArchiveApi> {
  quietTemporal();
  const { TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE } = integrationEnv();
  const taskQueue = `archive-it-${randomUUID()}`;
  const env = await openArchiveEnv(options);
  const connection = await Connection.connect({ address: TEMPORAL_ADDRESS });
  const client = new Client({ connection, namespace: TEMPORAL_NAMESPACE, dataConverter: temporalDataConverter() });
  const nativeConnection = await NativeConnection.connect({ address: TEMPORAL_ADDRESS });
  const worker = await Worker.create({
    connection: nativeConnection,
    namespace: TEMPORAL_NAMESPACE,
    taskQueue,
    workflowsPath: require.resolve('../../src/workflows'),
    activities: archiveActivities(env.archive),
    dataConverter: temporalDataConverter(),
  });
  const running = worker.run();
  const { url, server, routes } = await serveArchive(env.archive, client, taskQueue);
  return {
    env,
    client,
    url,
    routes,
    async close() {
      await new Promise((done) => (server as Server).close(done));
      env.archive.search.stop();
      worker.shutdown();
      await running;
      await nativeConnection.close();
      await connection.close();
      await env.close();
    },
  };
}

/**
 * A closed work file of `category` holding `packageIds`, made through the API by the archivist,
 * then dated back: its closing date is the server's, so a file that is already due can only be
 * had by letting time pass, which here means rewriting the date the server set.
 */
export async function closedFile(api: ArchiveApi, packageIds: string[], category = 'administrative', closedAt = '2001-01-01T00:00:00.000Z'): Promise<string> {
  const created = await call(`${api.url}/v1/work-files`, 'POST', { code: `HS-${randomUUID().slice(0, 8)}`, title: 'Hồ sơ', category });
  if (created.status !== 201) throw new Error(`work file not created: ${JSON.stringify(created)}`);
  const id = created.body._id as string;
  for (const packageId of packageIds) await call(`${api.url}/v1/work-files/${id}/documents`, 'POST', { packageId });
  const closed = await call(`${api.url}/v1/work-files/${id}/close`, 'POST', {});
  if (closed.status !== 200) throw new Error(`work file not closed: ${JSON.stringify(closed)}`);
  await api.env.archive.c.workFiles.updateOne({ _id: id }, { $set: { closedAt } });
  return id;
}

/** Proposes the file's disposition as the archivist and waits until it awaits a decision (or is done). */
export async function proposedDisposition(api: ArchiveApi, workFileId: string, until: DispositionPhase = 'awaiting-approval'): Promise<WorkflowHandle> {
  const started = await call(`${api.url}/v1/work-files/${workFileId}/disposition`, 'POST', {}, USERS.archivist);
  if (started.status !== 202) throw new Error(`disposition not started: ${JSON.stringify(started)}`);
  const handle = api.client.workflow.getHandle(started.body.dispositionId as string);
  for (;;) {
    const status = await handle.query<DispositionStatus>('status');
    if (status.phase === until || status.phase === 'done') return handle;
    await new Promise((r) => setTimeout(r, 100));
  }
}

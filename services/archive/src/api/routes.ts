import type { Express } from 'express';
import { AccessLog, mountSecure, type Lifecycle, type Logger, type SecureRouter, type ServiceContext } from '@vanthu/shared';
import { openApiRouter } from '@vanthu/shared/openapi';
import { createArchive, type Archive } from '../archive';
import { loadArchiveConfig } from '../config';
import { accessLogFor } from '../secrecy/access-log-wiring';
import { accessLogRoutes } from './access-log-routes';
import { auditRoutes } from './audit-routes';
import { dispositionRoutes } from './disposition-routes';
import { holdRoutes } from './hold-routes';
import { logRoutes } from './log-routes';
import { loadArchiveOpenApi } from './openapi-document';
import { packageRoutes } from './package-routes';
import type { TemporalAccess } from './temporal-access';
import { workFileRoutes } from './work-file-routes';

export type { TemporalAccess } from './temporal-access';

/** Every archive route with its policy (rights.ts); the app-level guard reads their table. */
export function archiveRouters(archive: Archive, temporal: TemporalAccess, logger: Logger): SecureRouter[] {
  return [
    packageRoutes(archive),
    logRoutes(archive),
    workFileRoutes(archive, logger),
    holdRoutes(archive),
    dispositionRoutes(archive, temporal),
    auditRoutes(archive, temporal),
  ];
}

export function mountArchiveRoutes(app: Express, archive: Archive, temporal: TemporalAccess, logger: Logger): void {
  mountSecure(app, ...archiveRouters(archive, temporal, logger));
}

/** The whole API as the service serves it; its OpenAPI document describes every route of these. */
export function archiveApi(archive: Archive, temporal: TemporalAccess, logger: Logger, accessLog: Pick<AccessLog, 'list' | 'verify'>): SecureRouter[] {
  // The access log's routes only read (list, verify), so they need no shared state with the archive's recorder: same database, same chains.
  return [openApiRouter(loadArchiveOpenApi()), ...archiveRouters(archive, temporal, logger), accessLogRoutes(accessLog)];
}

/** This service's HTTP API. Health endpoints come from the shared app. */
export function mountRoutes(app: Express, ctx: ServiceContext, lifecycle: Lifecycle): void {
  const archive = createArchive(ctx.mongo, ctx.blobs, loadArchiveConfig(), { keys: ctx.keys, accessLog: accessLogFor(ctx), logger: ctx.logger });
  archive.search.start();
  lifecycle.onStop('archive search', async () => archive.search.stop());
  // Not ready until the search is in memory: a balancer keeps sending elsewhere meanwhile, rather
  // than to a process that would answer 503 search-loading (seconds at 100,000 packages).
  ctx.readiness.push({
    name: 'archive-search',
    check: async () => {
      if (!archive.search.isLoaded) throw new Error('the archive search is still loading');
    },
  });
  mountSecure(app, ...archiveApi(archive, { client: ctx.temporal, taskQueue: ctx.config.TEMPORAL_TASK_QUEUE }, ctx.logger, new AccessLog(ctx.mongo)));
}

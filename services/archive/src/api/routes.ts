import type { Express } from 'express';
import type { Logger, ServiceContext } from '@vanthu/shared';
import { createArchive, type Archive } from '../archive';
import { loadArchiveConfig } from '../config';
import { logRoutes } from './log-routes';
import { packageRoutes } from './package-routes';
import { workFileRoutes, type TemporalAccess } from './work-file-routes';

export function mountArchiveRoutes(app: Express, archive: Archive, temporal: TemporalAccess, logger: Logger): void {
  app.use(packageRoutes(archive));
  app.use(logRoutes(archive));
  app.use(workFileRoutes(archive, temporal, logger));
}

/** This service's HTTP API. Health endpoints come from the shared app. */
export function mountRoutes(app: Express, ctx: ServiceContext): void {
  const archive = createArchive(ctx.mongo, ctx.blobs, loadArchiveConfig());
  mountArchiveRoutes(app, archive, { client: ctx.temporal, taskQueue: ctx.config.TEMPORAL_TASK_QUEUE }, ctx.logger);
}

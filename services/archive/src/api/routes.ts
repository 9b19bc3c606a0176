import type { Express } from 'express';
import { mountSecure, type Logger, type SecureRouter, type ServiceContext } from '@vanthu/shared';
import { createArchive, type Archive } from '../archive';
import { loadArchiveConfig } from '../config';
import { auditRoutes } from './audit-routes';
import { dispositionRoutes } from './disposition-routes';
import { holdRoutes } from './hold-routes';
import { logRoutes } from './log-routes';
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

/** This service's HTTP API. Health endpoints come from the shared app. */
export function mountRoutes(app: Express, ctx: ServiceContext): void {
  const archive = createArchive(ctx.mongo, ctx.blobs, loadArchiveConfig());
  mountArchiveRoutes(app, archive, { client: ctx.temporal, taskQueue: ctx.config.TEMPORAL_TASK_QUEUE }, ctx.logger);
}

import type { Express } from 'express';
import { AccessLog, mountSecure, type Logger, type SecureRouter, type ServiceContext } from '@vanthu/shared';
import { createArchive, type Archive } from '../archive';
import { loadArchiveConfig } from '../config';
import { accessLogFor } from '../secrecy/access-log-wiring';
import { accessLogRoutes } from './access-log-routes';
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
  const archive = createArchive(ctx.mongo, ctx.blobs, loadArchiveConfig(), { keys: ctx.keys, accessLog: accessLogFor(ctx) });
  mountArchiveRoutes(app, archive, { client: ctx.temporal, taskQueue: ctx.config.TEMPORAL_TASK_QUEUE }, ctx.logger);
  // It only reads (list, verify), so it needs no shared state with the recorder above: same database, same chains.
  mountSecure(app, accessLogRoutes(new AccessLog(ctx.mongo)));
}

import type { Express } from 'express';
import { mountSecure, type Lifecycle, type ServiceContext } from '@vanthu/shared';
import { createTrackingApplication } from '../app/tracking-app';
import { loadTrackingConfig } from '../config';
import { ProjectionDirectory } from '../directory/directory-reader';
import { dbOf } from '../figures/item-store';
import { LiveFigures } from '../figures/live-figures';
import { trackingApiRouter } from './api-router';
import { mountFiguresRoutes } from './figures-routes';

/** The tracking API over the service's context; what the API process keeps running stops with `lifecycle`. */
export function mountRoutes(app: Express, ctx: ServiceContext, lifecycle: Lifecycle): void {
  const config = loadTrackingConfig();
  const directory = new ProjectionDirectory(ctx.mongo);
  const figures = new LiveFigures({ db: dbOf(ctx.mongo), logger: ctx.logger, refreshMs: config.figuresRefreshMs });
  figures.start();
  lifecycle.onStop('figures', async () => figures.stop());
  // Not ready until the figures are in memory: a balancer keeps sending elsewhere meanwhile, rather
  // than to a process that would answer 503 figures-loading (about 12 s at 100,000 tasks).
  ctx.readiness.push({
    name: 'figures',
    check: async () => {
      if (!figures.isLoaded) throw new Error('the figures are still loading');
    },
  });
  mountSecure(
    app,
    trackingApiRouter({
      app: createTrackingApplication({ mongo: ctx.mongo, blobs: ctx.blobs, temporal: ctx.temporal, directory }),
      logger: ctx.logger,
      maxEvidenceBytes: config.maxEvidenceBytes,
      validateResponses: ctx.config.NODE_ENV !== 'production',
      include: (router) => mountFiguresRoutes(router, ctx, { figures, directory }),
    }),
  );
}

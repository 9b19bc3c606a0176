import type { Express } from 'express';
import type { ServiceContext } from '@vanthu/shared';
import { probeRouter } from './probe';

/** This service's HTTP API. Health endpoints come from the shared app. */
export function mountRoutes(app: Express, ctx: ServiceContext): void {
  app.use('/v1/system', probeRouter(ctx));
}

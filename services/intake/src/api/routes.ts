import type { Express } from 'express';
import type { ServiceContext } from '@vanthu/shared';
import type { IntakeApplication } from '../app/ports';
import { mongoIdempotencyStore } from '../http/idempotency-store';
import { intakeApiRouter } from './api-router';
import { probeRouter } from './probe';
import { loadApiSettings } from './settings';

/** This service's HTTP API. Health endpoints come from the shared app. */
export function mountRoutes(app: Express, ctx: ServiceContext, intake?: IntakeApplication): void {
  app.use('/v1/system', probeRouter(ctx));
  // Until the service passes its application, only the probe is served.
  if (!intake) return;
  app.use(
    intakeApiRouter({
      intake,
      settings: loadApiSettings(),
      logger: ctx.logger,
      idempotencyStore: mongoIdempotencyStore(ctx.mongo),
    }),
  );
}

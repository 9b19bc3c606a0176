import type { Express } from 'express';
import { EncryptionCodec, mountSecure, type AccessLog, type ServiceContext } from '@vanthu/shared';
import { codecRights } from '../app/codec-rights';
import type { IntakeApplication } from '../app/ports';
import { mongoIdempotencyStore } from '../http/idempotency-store';
import { intakeApiRouter } from './api-router';
import type { FiguresRouteDeps } from './figures-routes';
import { probeRouter } from './probe';
import { loadApiSettings } from './settings';

/** This service's HTTP API. Health endpoints come from the shared app. */
export function mountRoutes(app: Express, ctx: ServiceContext, intake?: IntakeApplication, accessLog?: AccessLog, figures?: FiguresRouteDeps): void {
  mountSecure(app, probeRouter(ctx));
  // Until the service passes its application, only the probe is served.
  if (!intake) return;
  mountSecure(
    app,
    intakeApiRouter({
      intake,
      settings: loadApiSettings(),
      logger: ctx.logger,
      idempotencyStore: mongoIdempotencyStore(ctx.mongo, undefined, ctx.keys),
      codec: { codec: new EncryptionCodec(ctx.keys), namespace: ctx.config.TEMPORAL_NAMESPACE, authorise: codecRights(intake) },
      ...(accessLog && { accessLog }),
      ...(figures && { figures }),
    }),
  );
}

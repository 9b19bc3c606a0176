import express, { type Router } from 'express';
import type { Logger } from '@vanthu/shared';
import type { IntakeApplication } from '../app/ports';
import { bearerAuth, principalOf, TOKEN_AUDIENCES } from '@vanthu/shared';
import { idempotent } from '../http/idempotency';
import type { IdempotencyStore } from '../http/idempotency-store';
import { inFlightLimit } from '../http/in-flight-limit';
import { openApiValidation, validationProblems } from '../http/openapi-validation';
import { rateLimit } from '../http/rate-limit';
import { draftUpload } from '../http/uploads';
import type { ApiDependencies } from './dependencies';
import { directoryRouter } from './directory';
import { documentsRouter } from './documents';
import { incomingRouter } from './incoming';
import { loadOpenApiDocument, openApiRouter, type OpenApiDocument } from './openapi-document';
import { registersRouter } from './registers';
import type { ApiSettings } from './settings';

export interface ApiOptions {
  intake: IntakeApplication;
  settings: ApiSettings;
  logger: Logger;
  idempotencyStore: IdempotencyStore;
  openapi?: OpenApiDocument;
}

/**
 * The intake API. The order is the point: shed load before reading anything, know who is calling
 * before checking what they send, read uploads within limits, hold the request to the contract,
 * and only then reach the application.
 */
export function intakeApiRouter(options: ApiOptions): Router {
  const { settings, logger } = options;
  const openapi = options.openapi ?? loadOpenApiDocument();
  const deps: ApiDependencies = {
    intake: options.intake,
    settings,
    logger,
    idempotent: (required, action) => idempotent({ store: options.idempotencyStore, logger, required }, action),
  };

  const router = express.Router();
  router.use(openApiRouter(openapi));

  router.use(
    '/v1',
    inFlightLimit(settings.maxInFlight),
    bearerAuth({ secret: settings.jwtSecret, realm: 'vanthu-intake', audiences: [TOKEN_AUDIENCES.intake] }),
    rateLimit({
      ratePerSecond: settings.ratePerSecond,
      burst: settings.rateBurst,
      keyOf: (res) => principalOf(res).userId,
    }),
  );
  const upload = draftUpload(settings);
  router.post('/v1/documents', upload);
  router.patch('/v1/documents/:id', upload);
  // The validator may rewrite the document it is given; it gets its own copy.
  router.use(openApiValidation(structuredClone(openapi.json), settings.validateResponses));

  router.use(directoryRouter(deps));
  router.use(documentsRouter(deps));
  router.use(incomingRouter(deps));
  router.use(registersRouter(deps));
  router.use(validationProblems(logger));
  return router;
}

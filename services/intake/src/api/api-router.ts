import { admitNewWork, secureRouter, type AccessLog, type Logger, type SecureRouter } from '@vanthu/shared';
import type { IntakeApplication } from '../app/ports';
import { idempotent } from '../http/idempotency';
import type { IdempotencyStore } from '../http/idempotency-store';
import { openApiValidation, validationProblems } from '@vanthu/shared/openapi';
import { draftUpload } from '../http/uploads';
import { accessLogRouter } from './access-log-routes';
import { codecRouter, type CodecRouteOptions } from './codec-routes';
import type { ApiDependencies } from './dependencies';
import { directoryRouter } from './directory';
import { documentsRouter } from './documents';
import { figuresRouter, type FiguresRouteDeps } from './figures-routes';
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
  /** The service's access log of secret documents; its routes are served only with it (tests of other routes go without). */
  accessLog?: AccessLog;
  /** Temporal's codec endpoint (codec-routes.ts); not served without it. */
  codec?: CodecRouteOptions;
  /** The operations figures in memory (figures-routes.ts); not served without them. */
  figures?: FiguresRouteDeps;
}

/**
 * The intake API. The order is the point: the shared edge has shed load and knows who is calling
 * (and that the route's policy lets them) before anything is read; then uploads are read within
 * limits, the request is held to the contract, and only then does it reach the application.
 */
export function intakeApiRouter(options: ApiOptions): SecureRouter {
  const { settings, logger } = options;
  const openapi = options.openapi ?? loadOpenApiDocument();
  const deps: ApiDependencies = {
    intake: options.intake,
    settings,
    logger,
    idempotent: (required, action) => idempotent({ store: options.idempotencyStore, logger, required }, action),
  };

  const router = secureRouter();
  router.include(openApiRouter(openapi));
  if (options.codec) router.include(codecRouter(options.codec));

  const upload = draftUpload(settings);
  // A new document starts three workflows and dozens of activities later: it is the work the
  // process admits only at the rate its latency allows (admission.ts), refused before its upload is read.
  router.prepare('post', '/v1/documents', admitNewWork('documents'), upload);
  router.prepare('patch', '/v1/documents/:id', upload);
  // The validator may rewrite the document it is given; it gets its own copy.
  router.use(openApiValidation(structuredClone(openapi.json), settings.validateResponses));

  router.include(directoryRouter(deps));
  router.include(documentsRouter(deps));
  router.include(incomingRouter(deps));
  router.include(registersRouter(deps));
  if (options.accessLog) router.include(accessLogRouter(options.accessLog));
  if (options.figures) router.include(figuresRouter(options.figures));
  router.use(validationProblems(logger));
  return router;
}

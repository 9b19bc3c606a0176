import { secureRouter, type Logger, type SecureRouter } from '@vanthu/shared';
import { openApiRouter, openApiValidation, validationProblems, type OpenApiDocument } from '@vanthu/shared/openapi';
import type { TrackingApplication } from '../app/ports';
import { evidenceRouter } from './evidence-routes';
import { loadTrackingOpenApi } from './openapi-document';
import { taskRouter } from './task-routes';

export interface TrackingApiOptions {
  app: TrackingApplication;
  logger: Logger;
  maxEvidenceBytes: number;
  /** Holds every answer to the contract too: everywhere but production. */
  validateResponses: boolean;
  openapi?: OpenApiDocument;
  /** Routes of other modules (the figures), mounted behind the same validation. */
  include?: (router: SecureRouter) => void;
}

/**
 * The tracking API. The shared edge has authenticated the caller and applied the route's policy
 * before anything here runs; then every request is held to the OpenAPI document (unknown fields
 * and parameters refused) before it reaches the application.
 */
export function trackingApiRouter(options: TrackingApiOptions): SecureRouter {
  const openapi = options.openapi ?? loadTrackingOpenApi();
  const router = secureRouter();
  router.include(openApiRouter(openapi));
  // The validator may rewrite the document it is given; it gets its own copy.
  router.use(openApiValidation(structuredClone(openapi.json), options.validateResponses));
  router.include(taskRouter(options.app));
  router.include(evidenceRouter(options.app, options.maxEvidenceBytes));
  options.include?.(router);
  router.use(validationProblems(options.logger));
  return router;
}

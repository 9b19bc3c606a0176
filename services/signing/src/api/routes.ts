import type { Express } from 'express';
import { mountSecure, type ServiceContext } from '@vanthu/shared';
import { openApiRouter } from '@vanthu/shared/openapi';
import { signingModuleOf, type SigningModule } from '../signing/signing-module';
import { certificateRoutes } from './certificate-routes';
import { intentRoutes } from './intent-routes';
import { loadSigningOpenApi } from './openapi-document';
import { publicPkiRoutes } from './public-pki-routes';
import { signingRoutes } from './signing-routes';

/** Every route of the API; openapi.yaml describes each one (test/unit/api-openapi.test.ts holds the two together). */
export function mountSigningApi(app: Express, module: SigningModule): void {
  mountSecure(app, openApiRouter(loadSigningOpenApi()), publicPkiRoutes(module), signingRoutes(module), intentRoutes(module), certificateRoutes(module));
}

/** This service's HTTP API. Health endpoints come from the shared app. */
export function mountRoutes(app: Express, ctx: ServiceContext): void {
  mountSigningApi(app, signingModuleOf(ctx));
}

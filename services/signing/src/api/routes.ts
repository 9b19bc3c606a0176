import type { Express } from 'express';
import { mountSecure, type ServiceContext } from '@vanthu/shared';
import { signingModuleOf, type SigningModule } from '../signing/signing-module';
import { certificateRoutes } from './certificate-routes';
import { intentRoutes } from './intent-routes';
import { publicPkiRoutes } from './public-pki-routes';
import { signingRoutes } from './signing-routes';

export function mountSigningApi(app: Express, module: SigningModule): void {
  mountSecure(app, publicPkiRoutes(module), signingRoutes(module), intentRoutes(module), certificateRoutes(module));
}

/** This service's HTTP API. Health endpoints come from the shared app. */
export function mountRoutes(app: Express, ctx: ServiceContext): void {
  mountSigningApi(app, signingModuleOf(ctx));
}

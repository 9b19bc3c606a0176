import express, { type Express } from 'express';
import { healthRouter, mountSecure, notFoundHandler, problemHandler, routeTableOf, PUBLIC, type HealthState, type Logger } from '@vanthu/shared';
import { signInRoutes } from './auth/sign-in-routes';
import type { ConsoleConfig } from './config';
import { accessLog } from './http/access-log';
import { platformApi } from './platform/platform-routes';
import { securityHeaders } from './http/security-headers';
import { apiProxy } from './proxy/api-proxy';
import { staticWeb, webBundleReadiness } from './web/static-web';

export interface ConsoleApp {
  app: Express;
  /** Ends the live streams passing through the proxy (on shutdown). */
  endStreams(): void;
}

/**
 * The console's server: the web app's files, sign-in, and each service's API under
 * /api/<service>. It holds no data and grants nothing: the token a person signs in with goes with
 * every call, and the services decide.
 */
export function createConsoleApp(config: ConsoleConfig, logger: Logger, health: HealthState): ConsoleApp {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  app.use(accessLog(logger));
  app.use(securityHeaders({ ...(config.signIn.mode === 'oidc' && { identityProvider: config.signIn.issuer }) }));

  app.use(healthRouter('console', [webBundleReadiness(config.webRoot)], health));
  for (const path of ['/health/live', '/health/ready']) routeTableOf(app).add({ method: 'get', path, policy: PUBLIC });
  mountSecure(app, signInRoutes(config.signIn, config.temporalUi));

  // The platform's own routes under /api/platform (its health, from the metrics reader) mount
  // here, before the services' APIs; "platform" is no service's name, so the proxy never takes it.
  const platform = platformApi(config.platform, () => routeTableOf(app));
  app.use(platform.guard);
  mountSecure(app, platform.routes);

  const proxy = apiProxy(config.services, logger);
  app.use('/api', proxy.router);
  app.use(staticWeb(config.webRoot));
  app.use(notFoundHandler);
  app.use(problemHandler(logger));
  return { app, endStreams: proxy.endStreams };
}

import express, { type Express } from 'express';
import { pinoHttp } from 'pino-http';
import { randomUUID } from 'node:crypto';
import type { Logger } from '../logging/logger';
import { edgeGuard, type EdgeSettings } from '../auth/guard';
import { PUBLIC } from '../auth/policy';
import { mountSecure, routeTableOf } from '../auth/secure-router';
import { httpMetrics } from '../metrics/http-metrics';
import { metricsRouter } from '../metrics/metrics-route';
import { processMetrics } from '../metrics/process-metrics';
import { healthRouter, type HealthState, type ReadinessCheck } from './health';
import { cookieToken, type CookieTokenOptions } from './cookie-token';
import { cors, type CorsOptions } from './cors';
import { notFoundHandler, problemHandler } from './problem-middleware';

export interface HttpAppOptions {
  service: string;
  logger: Logger;
  readiness: ReadinessCheck[];
  state: HealthState;
  /** Largest JSON body accepted; uploads of content use their own, larger limit. */
  jsonLimit?: string;
  /** Authentication, authorisation and load limits in front of every route but health. */
  edge: EdgeSettings;
  /** Cross-origin access for one path prefix (cors.ts); none when absent. */
  cors?: CorsOptions;
  /** A prefix whose browser callers may authenticate with a cookie (cookie-token.ts); none when absent. */
  cookieToken?: CookieTokenOptions;
  /** Other JSON limits by path prefix, for the protocols whose bodies are larger by nature. */
  jsonLimitByPrefix?: Record<string, string>;
}

/** Bearer tokens in a query (live streams) must not reach the access log with the URL. */
export function withoutTokens(url: string | undefined): string | undefined {
  return url?.replace(/([?&]access_token=)[^&#]*/gi, '$1[redacted]');
}

/** Requests the access log leaves out: probes and scrapes, every few seconds, say nothing new. */
const UNLOGGED = ['/health/', '/metrics'];

/**
 * The express app every service starts from: request metrics, request ids, access logs, health
 * endpoints, the edge guard, JSON bodies with a limit, /metrics. The service mounts its routes
 * with `mountSecure`, then calls `finishApp`.
 */
export function createHttpApp(options: HttpAppOptions): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  // First, so every request is timed and counted, those the guard refuses included.
  const metrics = processMetrics();
  app.use(httpMetrics(metrics, () => routeTableOf(app)));
  app.use(
    pinoHttp({
      logger: options.logger,
      genReqId: (req, res) => {
        const given = req.headers['x-request-id'];
        const id = typeof given === 'string' && /^[\w.-]{1,128}$/.test(given) ? given : randomUUID();
        res.setHeader('X-Request-Id', id);
        return id;
      },
      autoLogging: { ignore: (req) => UNLOGGED.some((prefix) => req.url?.startsWith(prefix)) },
      serializers: { req: (req: { url?: string }) => Object.assign(req, { url: withoutTokens(req.url) }) },
    }),
  );
  app.use(healthRouter(options.service, options.readiness, options.state));
  // Mounted before the guard, so public by position; in the table so the matrix lists them.
  for (const path of ['/health/live', '/health/ready']) routeTableOf(app).add({ method: 'get', path, policy: PUBLIC });
  if (options.cors) app.use(cors(options.cors));
  if (options.cookieToken) app.use(cookieToken(options.cookieToken));
  // Closed by default: every request past health meets the guard before any body is read.
  app.use(edgeGuard(options.edge, () => routeTableOf(app)));
  const json = express.json({ limit: options.jsonLimit ?? '1mb' });
  const byPrefix = Object.entries(options.jsonLimitByPrefix ?? {}).map(([prefix, limit]) => ({ prefix, parse: express.json({ limit }) }));
  app.use((req, res, next) => (byPrefix.find((p) => req.path.startsWith(p.prefix))?.parse ?? json)(req, res, next));
  // Every process, API or worker, is scraped the same way.
  mountSecure(app, metricsRouter(metrics));
  return app;
}

/** Adds the 404 and problem+json error handlers; must come after every route. */
export function finishApp(app: Express, logger: Logger): Express {
  app.use(notFoundHandler);
  app.use(problemHandler(logger));
  return app;
}

import express, { type Express } from 'express';
import { pinoHttp } from 'pino-http';
import { randomUUID } from 'node:crypto';
import type { Logger } from '../logging/logger';
import { healthRouter, type HealthState, type ReadinessCheck } from './health';
import { notFoundHandler, problemHandler } from './problem-middleware';

export interface HttpAppOptions {
  service: string;
  logger: Logger;
  readiness: ReadinessCheck[];
  state: HealthState;
  /** Largest JSON body accepted; uploads of content use their own, larger limit. */
  jsonLimit?: string;
}

/**
 * The express app every service starts from: request ids, access logs, JSON bodies with a limit,
 * health endpoints. The service mounts its routes on it, then calls `finishApp`.
 */
export function createHttpApp(options: HttpAppOptions): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  app.use(
    pinoHttp({
      logger: options.logger,
      genReqId: (req, res) => {
        const given = req.headers['x-request-id'];
        const id = typeof given === 'string' && /^[\w.-]{1,128}$/.test(given) ? given : randomUUID();
        res.setHeader('X-Request-Id', id);
        return id;
      },
      autoLogging: { ignore: (req) => req.url?.startsWith('/health/') ?? false },
    }),
  );
  app.use(healthRouter(options.service, options.readiness, options.state));
  app.use(express.json({ limit: options.jsonLimit ?? '1mb' }));
  return app;
}

/** Adds the 404 and problem+json error handlers; must come after every route. */
export function finishApp(app: Express, logger: Logger): Express {
  app.use(notFoundHandler);
  app.use(problemHandler(logger));
  return app;
}

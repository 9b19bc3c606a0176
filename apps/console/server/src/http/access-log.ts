import { randomUUID } from 'node:crypto';
import type { RequestHandler } from 'express';
import { pinoHttp } from 'pino-http';
import { withoutTokens, type Logger } from '@vanthu/shared';

/**
 * One line per request, with a request id passed on to the services (X-Request-Id), so a line
 * here and the service's line for the same call can be found together. Live streams carry the
 * token in their URL: it never reaches the log. Health probes and hashed assets are not logged.
 */
export function accessLog(logger: Logger): RequestHandler {
  return pinoHttp({
    logger,
    genReqId: (req, res) => {
      const given = req.headers['x-request-id'];
      const id = typeof given === 'string' && /^[\w.-]{1,128}$/.test(given) ? given : randomUUID();
      req.headers['x-request-id'] = id;
      res.setHeader('X-Request-Id', id);
      return id;
    },
    autoLogging: { ignore: (req) => /^\/(health|assets)\//.test(req.url ?? '') },
    serializers: { req: (req: { url?: string }) => Object.assign(req, { url: withoutTokens(req.url) }) },
  });
}

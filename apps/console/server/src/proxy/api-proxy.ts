import type { IncomingMessage, ServerResponse } from 'node:http';
import express, { type Router } from 'express';
import { createProxyMiddleware, proxyEventsPlugin } from 'http-proxy-middleware';
import { PROBLEM_CONTENT_TYPE, Problem, SERVICE_NAMES, type Logger, type ServiceName } from '@vanthu/shared';

export interface ApiProxy {
  router: Router;
  /** Ends the live streams passing through, so a stopping console is not held open by them; browsers reconnect. */
  endStreams(): void;
}

function refuse(res: ServerResponse, problem: Problem, instance: string): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  res.statusCode = problem.status;
  res.setHeader('content-type', PROBLEM_CONTENT_TYPE);
  res.end(JSON.stringify(problem.toBody(instance)));
}

/**
 * `/api/<service>/<path>` goes to `<service URL>/<path>` as it came: method, headers (the
 * caller's Authorization among them), body, and the answer back as a stream, unbuffered, so
 * notify's server-sent events arrive as they are sent. The console decides nothing here: each
 * service authenticates and authorises every call itself. X-Forwarded-For names the browser, so
 * the services' rate limits and access logs see the person, not the console.
 */
export function apiProxy(services: Record<ServiceName, string>, logger: Logger): ApiProxy {
  const router = express.Router();
  const streams = new Set<ServerResponse>();
  for (const service of SERVICE_NAMES) {
    router.use(
      `/${service}`,
      createProxyMiddleware<IncomingMessage, ServerResponse>({
        target: services[service],
        changeOrigin: true,
        xfwd: true,
        // The defaults answer errors as plain text and log to the console; these answer problem+json.
        ejectPlugins: true,
        plugins: [proxyEventsPlugin],
        on: {
          // A browser that leaves (a closed tab, a stream it reopens) ends the call to the service
          // too; else the service would keep a live stream open for nobody until it next writes.
          proxyReq: (proxyReq, _req, res) => {
            res.once('close', () => {
              if (!res.writableFinished) proxyReq.destroy();
            });
          },
          proxyRes: (proxyRes, _req, res) => {
            if (!String(proxyRes.headers['content-type'] ?? '').startsWith('text/event-stream')) return;
            streams.add(res);
            res.once('close', () => streams.delete(res));
          },
          error: (error, req, res) => {
            logger.warn({ err: error, service, url: '[redacted]' }, 'service did not answer');
            const instance = (req as { originalUrl?: string }).originalUrl?.split('?')[0] ?? '';
            if ('setHeader' in res) {
              refuse(res, new Problem(502, 'service-unreachable', `The ${service} service did not answer; try again in a moment.`), instance);
            } else {
              res.destroy();
            }
          },
        },
      }),
    );
  }
  return {
    router,
    endStreams: () => {
      for (const res of streams) res.end();
      streams.clear();
    },
  };
}

import type { RequestHandler } from 'express';
import type { RouteTable } from '../auth/secure-router';
import type { ProcessMetrics } from './process-metrics';

/** The label of a request no declared route matches: scanners' URLs must not become series. */
export const UNMATCHED_ROUTE = 'unmatched';

const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

/**
 * The route template a request matched (`/v1/documents/:id`), from the same table the edge guard
 * reads, so requests it refused (401, 403) are labelled by their route too. Anything else is
 * `unmatched`, and a method nobody uses is `other`: the labels' values stay a bounded set.
 */
export function requestLabels(table: RouteTable, method: string, path: string, status: number): Record<'route' | 'method' | 'status' | 'status_class', string> {
  const found = table.find(method, path);
  return {
    route: found && 'entry' in found ? found.entry.path : UNMATCHED_ROUTE,
    method: METHODS.has(method) ? method : 'other',
    status: String(status),
    status_class: `${Math.floor(status / 100)}xx`,
  };
}

/** 499, as proxies log it: the client went away before the response was complete. */
const CLIENT_CLOSED = 499;

/** Times every request and counts it, by route template, method and status; first in the chain, so refusals count too. */
export function httpMetrics(metrics: ProcessMetrics, table: () => RouteTable): RequestHandler {
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    // Taken now: routers may rewrite req.url on the way.
    const { method, path } = req;
    res.once('close', () => {
      const labels = requestLabels(table(), method, path, res.writableFinished ? res.statusCode : CLIENT_CLOSED);
      metrics.httpDuration.observe(labels, Number(process.hrtime.bigint() - started) / 1e9);
      metrics.httpRequests.inc(labels);
    });
    next();
  };
}

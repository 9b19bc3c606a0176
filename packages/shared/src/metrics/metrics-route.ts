import { prometheusContentType } from 'prom-client';
import { either, roles, services, type Policy } from '../auth/policy';
import { secureRouter, type SecureRouter } from '../auth/secure-router';
import { Problem } from '../errors/problem';
import { processScrape } from './cluster-metrics';
import type { ProcessMetrics } from './process-metrics';

/**
 * Who may read a process's metrics: the console's server and operators' tools with a service
 * token, and administrators. Route templates, queue depths and consumer groups describe the
 * platform's inside, which is not for every signed-in person.
 */
export const METRICS_POLICY: Policy = either(services('console', 'operator'), roles('admin'));

/** `GET /metrics` in the Prometheus text format, on every process: APIs and workers alike. */
export function metricsRouter(metrics: ProcessMetrics): SecureRouter {
  const scrape = processScrape(metrics);
  return secureRouter().get('/metrics', METRICS_POLICY, async (_req, res) => {
    let text: string;
    try {
      text = await scrape();
    } catch (error) {
      throw new Problem(503, 'metrics-unavailable', `The metrics could not be collected: ${error instanceof Error ? error.message : String(error)}`, { retryAfterSeconds: 5, cause: error });
    }
    res.setHeader('Cache-Control', 'no-store');
    res.type(prometheusContentType).send(text);
  });
}

import type { Router } from 'express';
import express from 'express';

/** A dependency the process needs before it can do useful work: resolves when healthy. */
export interface ReadinessCheck {
  name: string;
  check: () => Promise<unknown>;
}

export interface CheckResult {
  name: string;
  ok: boolean;
  latencyMs: number;
  error?: string;
}

const CHECK_TIMEOUT_MS = 3_000;

function withTimeout<T>(promise: Promise<T>, ms: number, name: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${name} did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export async function runChecks(checks: ReadinessCheck[], timeoutMs = CHECK_TIMEOUT_MS): Promise<CheckResult[]> {
  return Promise.all(
    checks.map(async ({ name, check }) => {
      const started = performance.now();
      try {
        await withTimeout(check(), timeoutMs, name);
        return { name, ok: true, latencyMs: Math.round(performance.now() - started) };
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        return { name, ok: false, latencyMs: Math.round(performance.now() - started), error: message };
      }
    }),
  );
}

export interface HealthState {
  /** Set when shutdown begins, so load balancers stop sending work before the server closes. */
  draining: boolean;
}

/**
 * The readiness checks, run once at a time: every probe that comes while a run is under way gets
 * its results. Probes come from load balancers, orchestrators and supervisors at once, and each
 * run touches every dependency; when those are slow (the overload that makes probes pile up),
 * the probes would otherwise multiply into database and broker round trips.
 */
export function coalescedChecks(checks: ReadinessCheck[]): () => Promise<CheckResult[]> {
  let running: Promise<CheckResult[]> | undefined;
  return () => {
    if (!running) {
      const run = runChecks(checks);
      running = run;
      void run.finally(() => {
        if (running === run) running = undefined;
      });
    }
    return running;
  };
}

/**
 * /health/live answers while the event loop turns; /health/ready only when every dependency
 * answers and the process is not shutting down.
 *
 * Both are mounted before the edge, outside its in-flight cap and rate limits, on purpose: an
 * overloaded process refusing its liveness probe would be restarted by its orchestrator, and its
 * load would fall on the others, which then fail the same way. Liveness costs nothing, and the
 * readiness checks run once at a time however many probes come (coalescedChecks).
 */
export function healthRouter(service: string, checks: ReadinessCheck[], state: HealthState): Router {
  const router = express.Router();
  const readiness = coalescedChecks(checks);
  router.get('/health/live', (_req, res) => {
    res.json({ status: 'ok', service });
  });
  router.get('/health/ready', async (_req, res) => {
    const results = await readiness();
    const ready = !state.draining && results.every((r) => r.ok);
    // Its body is the checks' report, read by supervisors; the header still tells a client when to look again.
    if (!ready) res.setHeader('Retry-After', '1');
    res.status(ready ? 200 : 503).json({
      status: ready ? 'ready' : state.draining ? 'draining' : 'unavailable',
      service,
      checks: results,
    });
  });
  return router;
}

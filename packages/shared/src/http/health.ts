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
 * /health/live answers while the event loop turns; /health/ready only when every dependency
 * answers and the process is not shutting down.
 */
export function healthRouter(service: string, checks: ReadinessCheck[], state: HealthState): Router {
  const router = express.Router();
  router.get('/health/live', (_req, res) => {
    res.json({ status: 'ok', service });
  });
  router.get('/health/ready', async (_req, res) => {
    const results = await runChecks(checks);
    const ready = !state.draining && results.every((r) => r.ok);
    res.status(ready ? 200 : 503).json({
      status: ready ? 'ready' : state.draining ? 'draining' : 'unavailable',
      service,
      checks: results,
    });
  });
  return router;
}

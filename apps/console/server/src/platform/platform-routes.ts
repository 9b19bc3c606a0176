import express, { type RequestHandler } from 'express';
import {
  consoleTokens,
  edgeGuard,
  PlatformHealthReader,
  Problem,
  roles,
  secureRouter,
  type PlatformHealth,
  type Policy,
  type RouteTable,
  type SecureRouter,
} from '@vanthu/shared';
import type { PlatformConfig } from './platform-config';
import { SharedReading } from './shared-reading';

/** Those who steer read the platform's health in the operations centre; as the figures, not for every signed-in person. */
export const PLATFORM_HEALTH_READERS: Policy = roles('leader', 'admin');

const PLATFORM_PATHS = /^\/api\/platform(\/|$)/;

/** Each process's endpoints are bounded by this; one that is slower is reported as not answering. */
const SCRAPE_TIMEOUT_MS = 3_000;

export interface PlatformApi {
  /** Authenticates and authorises every request under /api/platform, declared or not (closed by default). */
  guard: RequestHandler;
  routes: SecureRouter;
}

/**
 * The console's own routes, under /api/platform: the platform's health, read from every
 * process's /health/ready and /metrics with a `console` service token. The console passes
 * everything else to the services, which decide; these it decides itself, with the services'
 * edge guard: the same token checks, 401 and 403 as problem+json, and a path nobody declared
 * needs credentials before it meets the 404.
 */
export function platformApi(config: PlatformConfig, table: () => RouteTable): PlatformApi {
  const routes = secureRouter();
  if (!config.enabled) {
    const unconfigured = () => new Problem(503, 'platform-health-unconfigured', `The console cannot read the platform's health: ${config.missing} is not set.`);
    const guard: RequestHandler = (req, _res, next) => next(PLATFORM_PATHS.test(req.path) ? unconfigured() : undefined);
    routes.get('/api/platform/health', PLATFORM_HEALTH_READERS, () => {
      throw unconfigured();
    });
    return { guard, routes };
  }

  const edge = express.Router();
  // A person's page asks every 10 s; the limits only stop a loop, never a person.
  edge.use(edgeGuard({ auth: config.auth, realm: 'vanthu-console', maxInFlight: 32, ratePerSecond: 5, rateBurst: 20 }, table));
  const guard: RequestHandler = (req, res, next) => (PLATFORM_PATHS.test(req.path) ? edge(req, res, next) : next());

  const reader = new PlatformHealthReader(config.targets, { tokenFor: consoleTokens(config.serviceTokenSecret), timeoutMs: SCRAPE_TIMEOUT_MS });
  const health = new SharedReading<PlatformHealth>(() => reader.read(), config.cacheMs);
  routes.get('/api/platform/health', PLATFORM_HEALTH_READERS, async (_req, res) => {
    const body = await health.current();
    res.setHeader('Cache-Control', 'private, no-store');
    res.json(body);
  });
  return { guard, routes };
}

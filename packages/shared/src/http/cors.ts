import type { RequestHandler } from 'express';
import { Problem } from '../errors/problem';

/**
 * Cross-origin access for one part of an API that a browser application on another origin calls
 * (the Temporal Web UI calls intake's codec endpoint). Everything else stays same-origin only.
 */
export interface CorsOptions {
  pathPrefix: string;
  /** Exact origins (`https://temporal.example.org`); no wildcard, since requests carry credentials. */
  origins: string[];
  methods: string[];
  /** Request headers the browser may send (`Authorization`, `Content-Type`, …). */
  headers: string[];
  maxAgeSeconds?: number;
}

/**
 * Runs before the edge guard: a preflight carries no credentials by design (Fetch standard), so
 * it must be answered without authentication; the actual request then meets the guard as any
 * other. An origin not listed gets no CORS headers at all, and its preflight a 403.
 */
export function cors(options: CorsOptions): RequestHandler {
  const allowed = new Set(options.origins);
  return (req, res, next) => {
    if (!req.path.startsWith(options.pathPrefix)) return next();
    // Caches must not serve one origin's answer to another.
    res.vary('Origin');
    const origin = req.headers.origin;
    const preflight = req.method === 'OPTIONS' && req.headers['access-control-request-method'] !== undefined;
    if (origin === undefined || !allowed.has(origin)) {
      if (!preflight) return next();
      return next(new Problem(403, 'origin-not-allowed', `${origin ?? 'A request without an origin'} may not call ${options.pathPrefix} from a browser.`, { field: 'Origin' }));
    }
    res.setHeader('Access-Control-Allow-Origin', origin);
    res.setHeader('Access-Control-Allow-Credentials', 'true');
    if (!preflight) return next();
    res.vary('Access-Control-Request-Method').vary('Access-Control-Request-Headers');
    res.setHeader('Access-Control-Allow-Methods', options.methods.join(', '));
    res.setHeader('Access-Control-Allow-Headers', options.headers.join(', '));
    res.setHeader('Access-Control-Max-Age', String(options.maxAgeSeconds ?? 600));
    res.status(204).end();
  };
}

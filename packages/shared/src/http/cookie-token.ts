import type { RequestHandler } from 'express';

/**
 * A browser application on another origin that cannot add an Authorization header — the Temporal
 * Web UI without a sign-on of its own, calling the codec endpoint with "include cross-origin
 * credentials" — sends the user's token as an HttpOnly cookie instead, set by a sign-in route of
 * the same prefix. Before the edge guard, the cookie becomes the bearer token for that prefix
 * only; everything else, and any request that does carry Authorization, is left as it is. The
 * CORS allow-list (cors.ts) is what keeps other sites from reading what such a request returns.
 */
export interface CookieTokenOptions {
  pathPrefix: string;
  cookie: string;
}

export function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at > 0 && part.slice(0, at).trim() === name) return decodeURIComponent(part.slice(at + 1).trim());
  }
  return undefined;
}

export function cookieToken(options: CookieTokenOptions): RequestHandler {
  return (req, _res, next) => {
    if (req.path.startsWith(options.pathPrefix) && req.headers.authorization === undefined) {
      const token = cookieValue(req.headers.cookie, options.cookie);
      if (token) req.headers.authorization = `Bearer ${token}`;
    }
    next();
  };
}

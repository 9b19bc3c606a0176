import express, { type ErrorRequestHandler, type Express, type RequestHandler, type Response, type Router } from 'express';
import { match, type MatchFunction } from 'path-to-regexp';
import { Problem } from '../errors/problem';
import type { Policy } from './policy';
import type { Caller, Principal } from './tokens';

export const ROUTE_METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;
export type RouteMethod = (typeof ROUTE_METHODS)[number];

export interface RouteEntry {
  method: RouteMethod;
  /** The full path, as express matches it (`/v1/documents/:id`). */
  path: string;
  policy: Policy;
}

/** Where the app-level guard finds each route's policy before any router runs. */
export class RouteTable {
  private readonly entries: Array<RouteEntry & { matches: MatchFunction<object> }> = [];

  add(entry: RouteEntry): void {
    this.entries.push({ ...entry, matches: match(entry.path, { decode: false }) });
  }

  list(): RouteEntry[] {
    return this.entries.map(({ method, path, policy }) => ({ method, path, policy }));
  }

  /** The entry for this request, or the methods its path answers to (for 405), or nothing (404). */
  find(method: string, path: string): { entry: RouteEntry } | { allow: string[] } | undefined {
    const wanted = method === 'HEAD' ? 'get' : method.toLowerCase();
    const allow = new Set<string>();
    for (const entry of this.entries) {
      if (!entry.matches(path)) continue;
      if (entry.method === wanted) return { entry };
      allow.add(entry.method.toUpperCase());
    }
    return allow.size > 0 ? { allow: [...allow] } : undefined;
  }
}

/**
 * An express Router whose routes cannot be added without a policy: the type demands one, and
 * the table it keeps is what the app-level guard and the authorisation matrix test read.
 */
export class SecureRouter {
  readonly router: Router = express.Router();
  readonly routes: RouteEntry[] = [];

  /** Router-level middleware; runs after the guard has authenticated and authorised. */
  use(...handlers: Array<RequestHandler | RequestHandler[] | ErrorRequestHandler>): this {
    this.router.use(...(handlers as RequestHandler[]));
    return this;
  }

  /** Middleware for one route that is declared, with its policy, in this router too (uploads). */
  prepare(method: RouteMethod, path: string, ...handlers: RequestHandler[]): this {
    this.router[method](path, ...handlers);
    return this;
  }

  /** Another secure router's routes, in this router's order (after the middleware used so far). */
  include(other: SecureRouter): this {
    this.routes.push(...other.routes);
    this.router.use(other.router);
    return this;
  }

  private add(method: RouteMethod, path: string, policy: Policy, handlers: RequestHandler[]): this {
    this.routes.push({ method, path, policy });
    this.router[method](path, ...handlers);
    return this;
  }

  get(path: string, policy: Policy, ...handlers: RequestHandler[]): this {
    return this.add('get', path, policy, handlers);
  }
  post(path: string, policy: Policy, ...handlers: RequestHandler[]): this {
    return this.add('post', path, policy, handlers);
  }
  put(path: string, policy: Policy, ...handlers: RequestHandler[]): this {
    return this.add('put', path, policy, handlers);
  }
  patch(path: string, policy: Policy, ...handlers: RequestHandler[]): this {
    return this.add('patch', path, policy, handlers);
  }
  delete(path: string, policy: Policy, ...handlers: RequestHandler[]): this {
    return this.add('delete', path, policy, handlers);
  }
}

export const secureRouter = (): SecureRouter => new SecureRouter();

export function routeTableOf(app: Express): RouteTable {
  const locals = app.locals as { routeTable?: RouteTable };
  locals.routeTable ??= new RouteTable();
  return locals.routeTable;
}

/** The only way a service adds routes: their policies join the app's table, then the router mounts. */
export function mountSecure(app: Express, ...routers: SecureRouter[]): void {
  const table = routeTableOf(app);
  for (const r of routers) {
    for (const entry of r.routes) table.add(entry);
    app.use(r.router);
  }
}

export function callerOf(res: Response): Caller {
  const caller = res.locals.caller as Caller | undefined;
  // Reaching a handler without one means the route bypassed the guard (not mounted with mountSecure).
  if (!caller) throw new Error('no authenticated caller on this request');
  return caller;
}

/** The person calling; a service identity has no person, so a route meant for people refuses it. */
export function principalOf(res: Response): Principal {
  const caller = callerOf(res);
  if (caller.kind !== 'user') throw new Problem(403, 'user-required', 'This action is taken by a person, not a service.');
  return caller.user;
}

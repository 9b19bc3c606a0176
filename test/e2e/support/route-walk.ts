import type { Express } from 'express';

/** A route as express will answer it, read from the app's own router stack (not from our table). */
export interface ExpressRoute {
  method: string;
  path: string;
}

interface Layer {
  route?: { path: string | string[]; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
  /** router 2.x: true for a router mounted at the root (`app.use(router)`). */
  slash?: boolean;
  name?: string;
}

/**
 * Every method and path express serves, through nested routers. A router mounted under a prefix
 * is reported as such (its routes would not match our table's full paths), so that bypassing
 * mountSecure that way cannot go unnoticed either.
 */
export function expressRoutes(app: Express): { routes: ExpressRoute[]; prefixed: string[] } {
  const routes: ExpressRoute[] = [];
  const prefixed: string[] = [];
  const walk = (stack: Layer[]) => {
    for (const layer of stack) {
      if (layer.route) {
        const paths = Array.isArray(layer.route.path) ? layer.route.path : [layer.route.path];
        for (const path of paths) for (const method of Object.keys(layer.route.methods)) if (method !== '_all') routes.push({ method, path });
      } else if (layer.handle?.stack) {
        if (layer.slash === false) prefixed.push(layer.name ?? 'router');
        else walk(layer.handle.stack);
      }
    }
  };
  walk((app as unknown as { router: { stack: Layer[] } }).router.stack);
  return { routes, prefixed };
}

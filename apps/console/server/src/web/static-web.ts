import { access } from 'node:fs/promises';
import { join } from 'node:path';
import express, { type Router } from 'express';
import { Problem, type ReadinessCheck } from '@vanthu/shared';

/** Paths that are never a page of the app: a miss there is a 404, not the app's index. */
const NOT_PAGES = /^\/(api|auth|health|assets)(\/|$)/;
const HAS_EXTENSION = /\.[A-Za-z0-9]+$/;

/**
 * The built single-page app. Vite names its assets by content hash, so they are cached for a
 * year and never revalidated; index.html names the current ones, so it is revalidated every time.
 * Any other path that looks like a page (no file extension) is the app's own route: index.html
 * answers it and the app's router draws the page.
 */
export function staticWeb(root: string): Router {
  const router = express.Router();
  router.use('/assets', express.static(join(root, 'assets'), { index: false, immutable: true, maxAge: '365d', fallthrough: true }));
  router.use(express.static(root, { index: false, maxAge: 0, setHeaders: (res) => res.setHeader('cache-control', 'no-cache') }));
  router.use((req, res, next) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || NOT_PAGES.test(req.path) || HAS_EXTENSION.test(req.path)) return next();
    res.setHeader('cache-control', 'no-cache');
    res.sendFile(join(root, 'index.html'), (error) => {
      if (error && !res.headersSent) next(new Problem(503, 'web-not-built', 'The console web bundle is not built (npm run build:web -w @vanthu/console).'));
    });
  });
  return router;
}

/** Ready once the bundle is there to serve. */
export const webBundleReadiness = (root: string): ReadinessCheck => ({
  name: 'web bundle',
  check: () => access(join(root, 'index.html')),
});

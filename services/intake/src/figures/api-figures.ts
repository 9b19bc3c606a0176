import type { Lifecycle, ServiceContext } from '@vanthu/shared';
import type { FiguresRouteDeps } from '../api/figures-routes';
import { loadFiguresSettings } from './figures-settings';
import { dbOf } from './item-store';
import { LiveFigures } from './live-figures';
import { DirectoryTree } from './org-tree';

/**
 * The figures an API process serves: every item loaded into memory in the background, then kept
 * up with the projection's journal; stopped with the process. Not ready until loaded: a balancer
 * keeps sending elsewhere meanwhile, rather than to a process that would answer 503 figures-loading.
 */
export function startApiFigures(ctx: Pick<ServiceContext, 'mongo' | 'logger' | 'readiness'>, lifecycle: Lifecycle): FiguresRouteDeps {
  const figures = new LiveFigures({ db: dbOf(ctx.mongo), logger: ctx.logger, refreshMs: loadFiguresSettings().refreshMs });
  figures.start();
  lifecycle.onStop('figures', async () => figures.stop());
  ctx.readiness.push({
    name: 'figures',
    check: async () => {
      if (!figures.isLoaded) throw new Error('the figures are still loading');
    },
  });
  return { figures, directory: new DirectoryTree(ctx.mongo) };
}

import type { Lifecycle, ServiceContext } from '@vanthu/shared';
import { loadFiguresSettings } from '../figures/figures-settings';
import { LiveRegisters } from './live-registers';

/**
 * The register lines an API process pages through: read from the records in the background,
 * then kept up with the journal; not ready until read (until then a page would be read from the
 * records, as slowly as the whole period).
 */
export function startApiRegisters(ctx: Pick<ServiceContext, 'mongo' | 'logger' | 'readiness'>, lifecycle: Lifecycle): LiveRegisters {
  // The figures' refresh period: between requests both follow a journal at the same pace.
  const registers = new LiveRegisters({ mongo: ctx.mongo, logger: ctx.logger, refreshMs: loadFiguresSettings().refreshMs });
  registers.start();
  lifecycle.onStop('registers', async () => registers.stop());
  ctx.readiness.push({
    name: 'registers',
    check: async () => {
      if (!registers.isLoaded) throw new Error('the register lines are still loading');
    },
  });
  return registers;
}

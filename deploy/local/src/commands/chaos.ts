import { ConfigError } from '@vanthu/shared';
import { defects, printChaosReport } from '../chaos/chaos-report';
import { runChaos } from '../chaos/chaos-run';
import { CHAOS_USAGE, loadChaosSettings } from '../chaos/chaos-settings';

/**
 * `npm run chaos`: documents through their whole lives on a system of its own while processes are
 * killed and servers restarted, then the count of what was lost, stuck or done twice. Exits 1
 * when any of those counts is not 0.
 */
export async function chaosCommand(args: string[]): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    console.log(CHAOS_USAGE);
    return 0;
  }
  let settings;
  try {
    settings = loadChaosSettings(args);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(`${error.message}\n${CHAOS_USAGE}`);
    return 64;
  }
  const result = await runChaos(settings);
  printChaosReport(result.faults, result.counts);
  return defects(result.counts).length === 0 ? 0 : 1;
}

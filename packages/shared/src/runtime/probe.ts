import type { ProbeActivities } from '../contracts/probe';
import { pingMongo } from '../mongo/connection';
import type { ServiceContext } from './context';

async function timed(action: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await action();
  return Math.round((performance.now() - started) * 10) / 10;
}

/** The `probe` activity every service registers: it answers only if its own dependencies do. */
export function probeActivities(ctx: ServiceContext): ProbeActivities {
  return {
    async probe() {
      return {
        service: ctx.config.service,
        taskQueue: ctx.config.TEMPORAL_TASK_QUEUE,
        mongoMs: await timed(() => pingMongo(ctx.mongo)),
        kafkaMs: await timed(() => ctx.bus.ping()),
        pid: process.pid,
        checkedAt: new Date().toISOString(),
      };
    },
  };
}

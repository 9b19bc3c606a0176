import { ScheduleAlreadyRunning, type Client } from '@temporalio/client';
import { FIXITY_SCHEDULE_ID } from '../workflows/types';

/**
 * The fixity audit's schedule, created once: every worker start asks, the first one creates it,
 * later ones find it. An operator's changes to an existing schedule (pause, cron) are kept.
 */
export async function ensureFixitySchedule(
  client: Client,
  taskQueue: string,
  cron: string,
  scheduleId: string = FIXITY_SCHEDULE_ID,
): Promise<'created' | 'exists'> {
  try {
    await client.schedule.create({
      scheduleId,
      spec: { cronExpressions: [cron] },
      action: { type: 'startWorkflow', workflowType: 'fixityAuditWorkflow', taskQueue, args: [] },
      // A run still going when the next falls due is enough; two audits would only compete.
      policies: { overlap: 'SKIP', catchupWindow: '1 day' },
    });
    return 'created';
  } catch (error) {
    if (error instanceof ScheduleAlreadyRunning) return 'exists';
    throw error;
  }
}

import { proxyActivities } from '@temporalio/workflow';
import { SERVICE_NAMES, TASK_QUEUES, type ProbeActivities, type ProbeReport } from '@vanthu/shared/contracts';

/** Runs `probe` on each service's task queue in parallel; fails if any service does not answer. */
export async function systemProbeWorkflow(): Promise<ProbeReport[]> {
  return Promise.all(
    SERVICE_NAMES.map((service) =>
      proxyActivities<ProbeActivities>({
        taskQueue: TASK_QUEUES[service],
        // A probe that waits in a queue no worker polls should fail quickly, not sit there.
        scheduleToCloseTimeout: '30 seconds',
        startToCloseTimeout: '10 seconds',
        retry: { maximumAttempts: 3, initialInterval: '500 milliseconds' },
      }).probe(),
    ),
  );
}

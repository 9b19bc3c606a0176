import { proxyActivities } from '@temporalio/workflow';
import { TASK_QUEUES } from '@vanthu/shared/contracts';

/**
 * A step the versioning test adds to the recipient's workflow (test/unit/versioning.test.ts): on
 * arrival, before the signatures are verified, the sender is checked against the directory. It
 * only exists here; replay never runs it, it only compares the commands the code asks for.
 */
export const { checkSender } = proxyActivities<{ checkSender(issuer: string | undefined, org: string): Promise<void> }>({
  taskQueue: TASK_QUEUES.intake,
  startToCloseTimeout: '30 seconds',
});

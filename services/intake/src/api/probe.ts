import { randomUUID } from 'node:crypto';
import { WorkflowFailedError } from '@temporalio/client';
import { either, PROBE_WORKFLOW, Problem, roles, secureRouter, services, TASK_QUEUES, type ProbeReport, type SecureRouter, type ServiceContext } from '@vanthu/shared';

/**
 * GET /v1/system/probe runs the system probe workflow: an end-to-end check that every service's
 * worker takes work from Temporal and reaches its database and Kafka.
 */
export function probeRouter(ctx: ServiceContext): SecureRouter {
  const router = secureRouter();
  // It starts a workflow on every worker: operators and the supervisor's start-up check only.
  router.get('/v1/system/probe', either(roles('admin'), services('operator')), async (_req, res) => {
    const workflowId = `system-probe-${randomUUID()}`;
    try {
      const reports = await ctx.temporal.workflow.execute<() => Promise<ProbeReport[]>>(PROBE_WORKFLOW, {
        workflowId,
        taskQueue: TASK_QUEUES.intake,
        workflowExecutionTimeout: '45 seconds',
      });
      res.json({ status: 'ok', workflowId, services: reports });
    } catch (error) {
      if (error instanceof WorkflowFailedError) {
        throw new Problem(503, 'probe-failed', `The system probe failed: ${error.cause?.message ?? error.message}`, {
          retryAfterSeconds: 5,
          cause: error,
        });
      }
      throw error;
    }
  });
  return router;
}

import type { WorkflowHandle, WorkflowHandleWithFirstExecutionRunId } from '@temporalio/client';
import { TASK_QUEUES, type EvidenceRef, type TaskInput, type TaskState } from '@vanthu/shared';
import type { implementationTask } from '@vanthu/workflows/dist/tracking';
import { taskStateQuery, taskWorkflowId } from '@vanthu/workflows/dist/tracking/definitions';
import { eventually, taskInput, type TrackingTestEnv } from './tracking-env';

export { refusal } from './refusal';

/** Steps the tracking tests share: start a task, read it, expect an Update refused. */

export type TaskHandle = WorkflowHandle<typeof implementationTask>;

export const evidence = (n: number): EvidenceRef => ({ sha256: n.toString(16).padStart(64, '0'), size: 2048 + n, contentType: 'application/pdf', name: `bao-cao-${n}.pdf` });

/** Starts a task now, on the test server's clock; `overrides` may depend on that instant (a deadline). */
export async function startTask(
  t: TrackingTestEnv,
  taskId: string,
  overrides: Partial<TaskInput> | ((now: number) => Partial<TaskInput>) = {},
): Promise<{ handle: WorkflowHandleWithFirstExecutionRunId<typeof implementationTask>; input: TaskInput; startedAt: number }> {
  const startedAt = await t.env.currentTimeMs();
  const input = taskInput(taskId, startedAt, typeof overrides === 'function' ? overrides(startedAt) : overrides);
  const handle = await t.env.client.workflow.start<typeof implementationTask>('implementationTask', {
    workflowId: taskWorkflowId(taskId),
    taskQueue: TASK_QUEUES.tracking,
    args: [input],
  });
  return { handle, input, startedAt };
}

export const taskHandle = (t: TrackingTestEnv, taskId: string): TaskHandle => t.env.client.workflow.getHandle(taskWorkflowId(taskId));

/** Waits until the task's workflow exists and its state satisfies `ready`. */
export function stateWhen(t: TrackingTestEnv, taskId: string, ready: (state: TaskState) => boolean, what: string): Promise<TaskState> {
  return eventually(async () => {
    const state = await taskHandle(t, taskId).query(taskStateQuery).catch(() => undefined);
    return state && ready(state) ? state : undefined;
  }, `${taskId}: ${what}`);
}

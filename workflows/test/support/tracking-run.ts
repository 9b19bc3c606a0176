import type { Client } from '@temporalio/client';
import { TASK_QUEUES, type TaskState } from '@vanthu/shared';
import type { implementationTask } from '@vanthu/workflows/dist/tracking';
import {
  acceptResultUpdate,
  acceptTaskUpdate,
  addSubtasksUpdate,
  decideExtensionUpdate,
  reportProgressUpdate,
  requestExtensionUpdate,
  returnTaskUpdate,
  submitTaskUpdate,
  taskStateQuery,
  taskWorkflowId,
} from '@vanthu/workflows/dist/tracking/definitions';
import { DAY, eventually, PEOPLE, taskInput } from './tracking-env';

/*
 * One task's whole life, every branch the replay guard keeps: acceptance, a report, a split into a
 * sub-task whose progress rolls up, an extension asked and granted, a submission returned and
 * resubmitted, the result accepted. Only the workflows' decisions are under test.
 */
export async function runTaskTree(client: Client, taskId: string): Promise<string[]> {
  const now = Date.now();
  const handle = await client.workflow.start<typeof implementationTask>('implementationTask', {
    workflowId: taskWorkflowId(taskId),
    taskQueue: TASK_QUEUES.tracking,
    args: [taskInput(taskId, now)],
  });
  await handle.executeUpdate(acceptTaskUpdate, { args: [PEOPLE.tanLap] });
  await handle.executeUpdate(reportProgressUpdate, { args: [PEOPLE.tanLap, { percent: 20, narrative: 'Đã xây dựng kế hoạch', evidence: [] }] });
  const childId = `${taskId}.vp`;
  await handle.executeUpdate(addSubtasksUpdate, {
    args: [PEOPLE.tanLap, [{ taskId: childId, title: 'Văn phòng tổng hợp', leadOrg: 'BS-TL-VP', cooperating: [], deadline: new Date(now + 20 * DAY).toISOString(), priority: 'high', weight: 100 }]],
  });
  const child = client.workflow.getHandle(taskWorkflowId(childId));
  await eventually(async () => ((await child.query(taskStateQuery).catch(() => undefined))?.seq ?? 0) >= 1 || undefined, 'the sub-task assigned');
  await child.executeUpdate(acceptTaskUpdate, { args: [PEOPLE.tanLapOffice] });
  await child.executeUpdate(reportProgressUpdate, { args: [PEOPLE.tanLapOffice, { percent: 50, narrative: 'Một nửa', evidence: [] }] });
  await child.executeUpdate(submitTaskUpdate, { args: [PEOPLE.tanLapOffice, { narrative: 'Xong', evidence: [] }] });
  await child.executeUpdate(acceptResultUpdate, { args: [PEOPLE.tanLap, null] });
  await eventually(async () => (await handle.query(taskStateQuery)).subtasks[0]?.status === 'done' || undefined, 'the sub-task done, rolled up');

  await handle.executeUpdate(requestExtensionUpdate, { args: [PEOPLE.tanLap, { until: new Date(now + 40 * DAY).toISOString(), reason: 'Chờ số liệu' }] });
  await handle.executeUpdate(decideExtensionUpdate, { args: [PEOPLE.province, { grant: true }] });
  await handle.executeUpdate(submitTaskUpdate, { args: [PEOPLE.tanLap, { narrative: 'Hoàn thành', evidence: [] }] });
  await handle.executeUpdate(returnTaskUpdate, { args: [PEOPLE.province, 'Bổ sung số liệu'] });
  await handle.executeUpdate(submitTaskUpdate, { args: [PEOPLE.tanLap, { narrative: 'Đã bổ sung', evidence: [] }] });
  await handle.executeUpdate(acceptResultUpdate, { args: [PEOPLE.province, 'Đạt'] });
  const final: TaskState = await handle.result();
  if (final.status !== 'done' || final.progress !== 100) throw new Error(`the task ended ${final.status} at ${final.progress}%`);
  return [handle.workflowId, child.workflowId];
}

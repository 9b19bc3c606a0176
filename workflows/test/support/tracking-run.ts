import type { Client } from '@temporalio/client';
import { TASK_QUEUES, type TaskState } from '@vanthu/shared';
import type { implementationTask } from '@vanthu/workflows/dist/tracking';
import type { RecordedRun } from './history-fixtures';
import {
  acceptResultUpdate,
  acceptTaskUpdate,
  addSubtasksUpdate,
  cancelTaskUpdate,
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
 * The task runs the replay guard keeps. One task's whole life: acceptance, a report, a split into
 * a sub-task whose progress rolls up, an extension asked and granted, a submission returned and
 * resubmitted, the result accepted. And a recurring task: its first run opens the current month's
 * period and continues as new, the next run hears the period done and is cancelled. Only the
 * workflows' decisions are recorded.
 */
export async function runTaskTree(client: Client, taskId: string): Promise<RecordedRun[]> {
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
  return [
    { file: 'task.json', workflowId: handle.workflowId },
    { file: 'subtask.json', workflowId: child.workflowId },
  ];
}

export async function runRecurringCancelled(client: Client, taskId: string): Promise<RecordedRun[]> {
  const now = Date.now();
  const month = (at: number) => new Date(at + 7 * 3_600_000).toISOString().slice(0, 7);
  const handle = await client.workflow.start<typeof implementationTask>('implementationTask', {
    workflowId: taskWorkflowId(taskId),
    taskQueue: TASK_QUEUES.tracking,
    args: [taskInput(taskId, now, { kind: 'recurring', deadline: undefined, recurrence: { frequency: 'monthly', from: `${month(now)}-01`, until: `${month(now + 62 * DAY)}-01` } })],
  });
  await handle.executeUpdate(acceptTaskUpdate, { args: [PEOPLE.tanLap] });
  const period = client.workflow.getHandle(taskWorkflowId(`${taskId}.${month(now)}`));
  await eventually(async () => ((await period.query(taskStateQuery).catch(() => undefined))?.seq ?? 0) >= 1 || undefined, 'the current month\'s period opened');
  await eventually(async () => (await client.workflow.getHandle(handle.workflowId).describe()).runId !== handle.firstExecutionRunId || undefined, 'continued as new');
  await period.executeUpdate(submitTaskUpdate, { args: [PEOPLE.tanLap, { narrative: 'Báo cáo tháng', evidence: [] }] });
  await period.executeUpdate(acceptResultUpdate, { args: [PEOPLE.province, null] });
  const recurring = client.workflow.getHandle<typeof implementationTask>(handle.workflowId);
  await eventually(async () => (await recurring.query(taskStateQuery)).subtasks[0]?.status === 'done' || undefined, 'the period done, rolled up');
  await recurring.executeUpdate(cancelTaskUpdate, { args: [PEOPLE.province, 'Nghị quyết hết hiệu lực'] });
  const final: TaskState = await recurring.result();
  if (final.status !== 'cancelled') throw new Error(`the recurring task ended ${final.status}`);
  return [
    { file: 'recurring.json', workflowId: handle.workflowId, runId: handle.firstExecutionRunId },
    { file: 'recurring-continued.json', workflowId: handle.workflowId },
    { file: 'period.json', workflowId: period.workflowId },
  ];
}

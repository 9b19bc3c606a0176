import { condition, defineQuery, defineSignal, proxyActivities, setHandler, sleep, workflowInfo } from '@temporalio/workflow';
import {
  APPROVAL_WINDOW,
  DISPOSITION_QUERY,
  DISPOSITION_SIGNAL,
  type ArchiveWorkflowActivities,
  type Decision,
  type DispositionInput,
  type DispositionOutcome,
  type DispositionStatus,
} from './types';

export const decideSignal = defineSignal<[Decision]>(DISPOSITION_SIGNAL);
export const statusQuery = defineQuery<DispositionStatus>(DISPOSITION_QUERY);

const acts = proxyActivities<ArchiveWorkflowActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

async function sleepUntil(at: string): Promise<void> {
  const ms = Date.parse(at) - Date.now();
  if (ms > 0) await sleep(ms);
}

/**
 * A closed work file's way out of the archive: notice before it falls due, then, once due and not
 * under legal hold, a person's approval, then the hand-over (or destruction). A hold at the due
 * date, or placed while the approval waits, ends the request without disposing of anything.
 */
export async function dispositionWorkflow(input: DispositionInput): Promise<DispositionOutcome> {
  const status: DispositionStatus = { phase: 'planning' };
  let decision: Decision | undefined;
  setHandler(statusQuery, () => status);
  setHandler(decideSignal, (d) => {
    // Only a decision on a due, unheld file counts; the API refuses earlier ones before sending.
    if (status.phase === 'awaiting-approval' && decision === undefined) decision = d;
  });
  const finish = (outcome: DispositionOutcome) => {
    status.phase = 'done';
    status.outcome = outcome;
    return outcome;
  };

  const plan = await acts.planDisposition(input.workFileId);
  status.plan = plan;
  status.phase = 'waiting-for-notice';
  await sleepUntil(plan.noticeAt);
  await acts.sendDispositionNotice({ workFileId: input.workFileId, dueAt: plan.dueAt, action: plan.action });
  status.phase = 'waiting-for-due-date';
  await sleepUntil(plan.dueAt);

  const holds = await acts.activeHolds(input.workFileId);
  if (holds.length > 0) return finish({ outcome: 'held', holds });
  status.phase = 'awaiting-approval';
  if (!(await condition(() => decision !== undefined, APPROVAL_WINDOW))) return finish({ outcome: 'expired' });
  const decided = decision!;
  if (!decided.approve) return finish({ outcome: 'rejected', decidedBy: decided.by, ...(decided.reason !== undefined && { reason: decided.reason }) });

  status.phase = 'executing';
  const result = await acts.executeDisposition({
    workFileId: input.workFileId,
    workflowId: workflowInfo().workflowId,
    action: plan.action,
    approvedBy: decided.by,
  });
  return finish({ ...result, decidedBy: decided.by });
}

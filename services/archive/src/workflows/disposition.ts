import { ApplicationFailure, condition, defineQuery, defineUpdate, proxyActivities, setHandler, sleep, workflowInfo } from '@temporalio/workflow';
import {
  APPROVAL_WINDOW,
  DECIDING_ROLES,
  DECISION_REFUSALS,
  DISPOSITION_QUERY,
  DISPOSITION_UPDATE,
  type ArchiveWorkflowActivities,
  type Decision,
  type DispositionInput,
  type DispositionOutcome,
  type DispositionStatus,
  type RecordedDecision,
} from './types';

export const decideUpdate = defineUpdate<RecordedDecision, [Decision]>(DISPOSITION_UPDATE);
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
 * under legal hold, the approval of a second person with authority, then the hand-over (or
 * destruction). A hold at the due date, or placed while the approval waits, ends the request
 * without disposing of anything.
 */
export async function dispositionWorkflow(input: DispositionInput): Promise<DispositionOutcome> {
  const status: DispositionStatus = { phase: 'planning', workFileId: input.workFileId, orgCode: input.orgCode, requestedBy: input.requestedBy.userId };
  let decision: RecordedDecision | undefined;
  setHandler(statusQuery, () => status);
  // The rule lives here, not only in the API: whatever sends the Update, the proposer cannot
  // approve their own proposal, and only a leader or admin of the file's organisation decides.
  setHandler(
    decideUpdate,
    (d) => {
      decision = { approve: d.approve, by: d.by.userId, at: new Date().toISOString(), ...(d.reason !== undefined && { reason: d.reason }) };
      status.decision = decision;
      return decision;
    },
    {
      validator: (d) => {
        if (status.phase !== 'awaiting-approval' || decision !== undefined) {
          throw ApplicationFailure.nonRetryable(`The disposition is ${status.phase}, not awaiting approval.`, DECISION_REFUSALS.notAwaiting);
        }
        if (d.by.userId === input.requestedBy.userId) {
          throw ApplicationFailure.nonRetryable('Whoever proposed a disposition cannot decide it; another person with authority must.', DECISION_REFUSALS.ownProposal);
        }
        if (d.by.orgCode !== input.orgCode || !DECIDING_ROLES.includes(d.by.role)) {
          throw ApplicationFailure.nonRetryable(`Only a ${DECIDING_ROLES.join(' or ')} of ${input.orgCode} decides this disposition.`, DECISION_REFUSALS.notAuthorised);
        }
      },
    },
  );
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
  const by = { decidedBy: decided.by, decidedAt: decided.at };
  if (!decided.approve) return finish({ outcome: 'rejected', ...by, ...(decided.reason !== undefined && { reason: decided.reason }) });

  status.phase = 'executing';
  const result = await acts.executeDisposition({
    workFileId: input.workFileId,
    workflowId: workflowInfo().workflowId,
    action: plan.action,
    requestedBy: input.requestedBy.userId,
    approvedBy: decided.by,
    approvedAt: decided.at,
  });
  return finish({ ...result, ...by });
}

import { WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import { ActivityFailure, ApplicationFailure } from '@temporalio/common';
import { SIGNING_ERRORS, type Actor } from '@vanthu/shared';
import {
  approveUpdate,
  assignUpdate,
  completeUpdate,
  incomingWorkflowIdFor,
  issueUpdate,
  recallUpdate,
  refuseUpdate,
  rejectUpdate,
  returnUpdate,
  signUpdate,
  startProcessingUpdate,
  submitUpdate,
  workflowIdFor,
} from '@vanthu/workflows';
import type { Directory } from './directory';
import { incomingNotFound, lifecycleOver, translating } from './failures';
import type { Principal } from './ports';
import { Problem } from '@vanthu/shared';

const actorOf = (p: Principal): Actor => ({ userId: p.userId, org: p.orgCode, role: p.role });

/**
 * The sign Update fails with the signing activity's own failure when the signature is refused
 * (no or a spent confirmation, no certificate): the caller hears why, and the document stays
 * awaiting signature. A missing confirmation is refused by the workflow's validator directly.
 */
function signingRefusal(error: unknown): unknown {
  if (!(error instanceof WorkflowUpdateFailedError)) return error;
  const cause = error.cause instanceof ActivityFailure ? error.cause.cause : error.cause;
  if (!(cause instanceof ApplicationFailure)) return error;
  const [details] = (cause.details ?? []) as Array<{ reason?: string; field?: string } | undefined>;
  if (cause.type === SIGNING_ERRORS.signerIntentMissing) {
    return new Problem(403, details?.reason ?? 'signing-authorisation-required', cause.message, { field: 'signingAuthorisation' });
  }
  if (error.cause instanceof ActivityFailure) return new Problem(422, details?.reason ?? 'action-failed', cause.message, details?.field ? { field: details.field } : {});
  return error;
}

/**
 * Every change to a document is an Update to its workflow: the workflow validates it against
 * its own state (whose turn, which status) and answers at once, accepted or refused.
 */
export function actions(
  temporal: Client,
  directory: Directory,
  statusOf: (id: string) => Promise<string | undefined>,
  incomingStatusOf: (id: string) => Promise<string | undefined>,
  resumeLifecycle: (id: string) => Promise<boolean>,
) {
  const documentHandle = (id: string) => temporal.workflow.getHandle(workflowIdFor(id));
  const incomingHandle = (id: string) => {
    const [documentId, org] = id.split('@');
    if (!documentId || !org) throw incomingNotFound(id);
    return temporal.workflow.getHandle(incomingWorkflowIdFor(documentId, org));
  };
  const onDocument = async (id: string, run: (h: ReturnType<typeof documentHandle>) => Promise<unknown>, resume = resumeLifecycle): Promise<void> => {
    try {
      await translating(`document ${id}`, () => run(documentHandle(id)));
    } catch (error) {
      const status = error instanceof Problem && error.reason === 'document-not-found' ? await statusOf(id) : undefined;
      // A draft whose creating process died before starting its lifecycle: started now, then acted on.
      if (status === 'draft' && (await resume(id))) return onDocument(id, run, async () => false);
      // A finished lifecycle (rejected, archived) takes no more actions: that is a conflict, not a 404.
      if (status) throw lifecycleOver('document', status);
      throw error;
    }
  };
  const onIncoming = async (id: string, run: (h: ReturnType<typeof incomingHandle>) => Promise<unknown>) => {
    try {
      await translating(`incoming document ${id}`, () => run(incomingHandle(id)));
    } catch (error) {
      // A copy's workflow closes once it is done, refused or recalled: acting on it then is a conflict with its state.
      if (!(error instanceof Problem) || error.reason !== 'document-not-found') throw error;
      const status = await incomingStatusOf(id);
      throw status ? lifecycleOver('incoming document', status) : incomingNotFound(id);
    }
  };

  return {
    submit: (p: Principal, id: string) => onDocument(id, (h) => h.executeUpdate(submitUpdate, { args: [actorOf(p)] })),
    approve: (p: Principal, id: string, comment?: string) => onDocument(id, (h) => h.executeUpdate(approveUpdate, { args: [actorOf(p), comment ?? null] })),
    returnForRevision: (p: Principal, id: string, reason: string) => onDocument(id, (h) => h.executeUpdate(returnUpdate, { args: [actorOf(p), reason] })),
    reject: (p: Principal, id: string, reason: string) => onDocument(id, (h) => h.executeUpdate(rejectUpdate, { args: [actorOf(p), reason] })),
    sign: (p: Principal, id: string, signingAuthorisation?: string) =>
      onDocument(id, (h) =>
        h.executeUpdate(signUpdate, { args: [actorOf(p), signingAuthorisation ? { signingAuthorisation } : {}] }).catch((error: unknown) => {
          throw signingRefusal(error);
        }),
      ),
    issue: (p: Principal, id: string) => onDocument(id, (h) => h.executeUpdate(issueUpdate, { args: [actorOf(p)] })),
    recall: (p: Principal, id: string, reason: string) => onDocument(id, (h) => h.executeUpdate(recallUpdate, { args: [actorOf(p), reason] })),

    async assignIncoming(p: Principal, id: string, handler: string, deadline?: string) {
      const user = await directory.user(handler, 'handler');
      const org = id.split('@')[1];
      if (user.org !== org) throw new Problem(422, 'handler-not-in-organisation', `${handler} does not belong to ${org}.`, { field: 'handler' });
      await onIncoming(id, (h) => h.executeUpdate(assignUpdate, { args: [actorOf(p), handler, deadline ?? null] }));
    },
    startProcessing: (p: Principal, id: string) => onIncoming(id, (h) => h.executeUpdate(startProcessingUpdate, { args: [actorOf(p)] })),
    completeIncoming: (p: Principal, id: string, report: string) => onIncoming(id, (h) => h.executeUpdate(completeUpdate, { args: [actorOf(p), report] })),
    refuseIncoming: (p: Principal, id: string, reason: string) => onIncoming(id, (h) => h.executeUpdate(refuseUpdate, { args: [actorOf(p), reason] })),
  };
}

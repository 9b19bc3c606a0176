import type { Client } from '@temporalio/client';
import type { Actor } from '@vanthu/shared';
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
import { translating } from './failures';
import type { Principal } from './ports';
import { Problem } from '@vanthu/shared';

const actorOf = (p: Principal): Actor => ({ userId: p.userId, org: p.orgCode, role: p.role });

/**
 * Every change to a document is an Update to its workflow: the workflow validates it against
 * its own state (whose turn, which status) and answers at once, accepted or refused.
 */
export function actions(temporal: Client, directory: Directory, statusOf: (id: string) => Promise<string | undefined>) {
  const documentHandle = (id: string) => temporal.workflow.getHandle(workflowIdFor(id));
  const incomingHandle = (id: string) => {
    const [documentId, org] = id.split('@');
    if (!documentId || !org) throw new Problem(404, 'incoming-not-found', `There is no incoming document ${id}.`);
    return temporal.workflow.getHandle(incomingWorkflowIdFor(documentId, org));
  };
  const onDocument = async (id: string, run: (h: ReturnType<typeof documentHandle>) => Promise<unknown>) => {
    try {
      await translating(`document ${id}`, () => run(documentHandle(id)));
    } catch (error) {
      // A finished lifecycle (rejected, archived) takes no more actions: that is a conflict, not a 404.
      const status = error instanceof Problem && error.reason === 'document-not-found' ? await statusOf(id) : undefined;
      if (status) throw new Problem(409, 'invalid-transition', `The document is ${status}; its lifecycle is over.`, { field: 'status' });
      throw error;
    }
  };
  const onIncoming = (id: string, run: (h: ReturnType<typeof incomingHandle>) => Promise<unknown>) =>
    translating(`incoming document ${id}`, () => run(incomingHandle(id))).then(() => undefined);

  return {
    submit: (p: Principal, id: string) => onDocument(id, (h) => h.executeUpdate(submitUpdate, { args: [actorOf(p)] })),
    approve: (p: Principal, id: string, comment?: string) => onDocument(id, (h) => h.executeUpdate(approveUpdate, { args: [actorOf(p), comment ?? null] })),
    returnForRevision: (p: Principal, id: string, reason: string) => onDocument(id, (h) => h.executeUpdate(returnUpdate, { args: [actorOf(p), reason] })),
    reject: (p: Principal, id: string, reason: string) => onDocument(id, (h) => h.executeUpdate(rejectUpdate, { args: [actorOf(p), reason] })),
    sign: (p: Principal, id: string) => onDocument(id, (h) => h.executeUpdate(signUpdate, { args: [actorOf(p)] })),
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

import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { Actor, IncomingState, LifecycleState, RecipientState, RevisionInput, SignConfirmation } from '@vanthu/shared/contracts';

/**
 * The messages callers send to a document's workflows. Updates are validated and answered at
 * once (accepted with the new state, or rejected with a typed failure); queries read state.
 */
export const submitUpdate = defineUpdate<LifecycleState, [Actor]>('submit');
export const approveUpdate = defineUpdate<LifecycleState, [Actor, string | null]>('approve');
export const returnUpdate = defineUpdate<LifecycleState, [Actor, string]>('returnForRevision');
export const rejectUpdate = defineUpdate<LifecycleState, [Actor, string]>('reject');
export const reviseUpdate = defineUpdate<LifecycleState, [Actor, RevisionInput]>('revise');
/** The confirmation arrived later than the Update: histories of sign Updates without it replay unchanged. */
export const signUpdate = defineUpdate<LifecycleState, [Actor, SignConfirmation?]>('sign');
export const issueUpdate = defineUpdate<LifecycleState, [Actor]>('issue');
export const recallUpdate = defineUpdate<LifecycleState, [Actor, string]>('recall');
export const lifecycleStateQuery = defineQuery<LifecycleState>('state');

/** From a recipient's workflow to its parent: the recipient's status changed. */
export const recipientStatusSignal = defineSignal<[RecipientState]>('recipientStatus');

export const assignUpdate = defineUpdate<IncomingState, [Actor, string, string | null]>('assign');
export const startProcessingUpdate = defineUpdate<IncomingState, [Actor]>('startProcessing');
export const completeUpdate = defineUpdate<IncomingState, [Actor, string]>('complete');
export const refuseUpdate = defineUpdate<IncomingState, [Actor, string]>('refuse');
/** From the sender's workflow: the document was recalled; the recipient deletes its copy. */
export const recallSignal = defineSignal<[string]>('recall');
export const incomingStateQuery = defineQuery<IncomingState>('state');

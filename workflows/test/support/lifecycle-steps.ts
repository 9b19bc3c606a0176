import type { Client, WorkflowHandle } from '@temporalio/client';
import type { Duration } from '@temporalio/common';
import { DocumentAttributes, TASK_QUEUES, type Actor, type IncomingState, type LifecycleInput, type LifecycleState } from '@vanthu/shared';
import {
  approveUpdate,
  documentLifecycle,
  type incomingDocument,
  incomingStateQuery,
  incomingWorkflowIdFor,
  issueUpdate,
  lifecycleStateQuery,
  signUpdate,
  submitUpdate,
  workflowIdFor,
} from '@vanthu/workflows';
import { ref } from './service-fakes';
import { eventually } from './time-skipping';

/** Steps the document tests and the history recorder share: the demo province's people, a document started as the API starts it, driven to issue. */

const actor = (userId: string, org: string, role: Actor['role']): Actor => ({ userId, org, role });

export const PEOPLE = {
  author: actor('bs-specialist', 'BS-TU', 'specialist'),
  deputy: actor('bs-deputy', 'BS-TU', 'leader'),
  secretary: actor('bs-secretary', 'BS-TU', 'leader'),
  clerk: actor('bs-clerk', 'BS-TU', 'clerk'),
  archivist: actor('bs-archivist', 'BS-TU', 'archivist'),
  tanLapClerk: actor('tl-clerk', 'BS-TL-DU', 'clerk'),
  tanLapSecretary: actor('tl-secretary', 'BS-TL-DU', 'leader'),
  tanLapSpecialist: actor('tl-specialist', 'BS-TL-DU', 'specialist'),
  hoaBinhClerk: actor('hb-clerk', 'BS-HB-DU', 'clerk'),
  hoaBinhSpecialist: actor('hb-specialist', 'BS-HB-DU', 'specialist'),
  officeChief: actor('tl-vp-chief', 'BS-TL-VP', 'leader'),
  buildingHead: actor('tl-xdd-head', 'BS-TL-XDD', 'leader'),
};

/** The actor with that user id, as the API would pass it. */
export const person = (userId: string): Actor => Object.values(PEOPLE).find((p) => p.userId === userId) ?? actor(userId, 'BS-TU', 'leader');

export type DocumentHandle = WorkflowHandle<typeof documentLifecycle>;
export type CopyHandle = WorkflowHandle<typeof incomingDocument>;

/** A resolution of the province committee, reviewed by the office's chief, signed by the secretary. */
export function documentInput(documentId: string, overrides: Partial<LifecycleInput> = {}): LifecycleInput {
  return {
    documentId,
    issuer: 'BS-TU',
    type: 'NQ',
    urgency: 'khan',
    secrecy: 'none',
    createdBy: PEOPLE.author.userId,
    approvers: [PEOPLE.deputy.userId],
    signer: { userId: PEOPLE.secretary.userId, authority: 'T/M', onBehalfOf: 'Ban Thường vụ' },
    recipients: ['BS-TL-DU'],
    dueDate: '2026-12-31',
    content: ref(1),
    attachments: [],
    ...overrides,
  };
}

/**
 * Starts a document's workflow with the search attributes the API gives it.
 * `workflowTaskTimeout`: a test that holds one of intake's local activities shortens it, since a
 * workflow answers queries and takes Updates during a long local activity only when its task is
 * heartbeaten, at 80 % of this timeout (10 s by default).
 */
export function startDocument(client: Client, input: LifecycleInput, options: { workflowTaskTimeout?: Duration } = {}): Promise<DocumentHandle> {
  return client.workflow.start(documentLifecycle, {
    ...options,
    workflowId: workflowIdFor(input.documentId),
    taskQueue: TASK_QUEUES.intake,
    args: [input],
    typedSearchAttributes: [
      { key: DocumentAttributes.issuer, value: input.issuer },
      { key: DocumentAttributes.type, value: input.type },
      { key: DocumentAttributes.status, value: 'draft' },
      { key: DocumentAttributes.urgency, value: input.urgency },
      { key: DocumentAttributes.secrecy, value: input.secrecy },
    ],
  });
}

/** Submits, has every approver approve in turn, signs: the document waits for its issue. */
export async function toSigning(handle: DocumentHandle, input: LifecycleInput): Promise<LifecycleState> {
  let state = await handle.executeUpdate(submitUpdate, { args: [PEOPLE.author] });
  for (const approver of input.approvers) {
    state = await handle.executeUpdate(approveUpdate, { args: [person(approver), null] });
  }
  return state;
}

export async function sign(handle: DocumentHandle): Promise<LifecycleState> {
  return handle.executeUpdate(signUpdate, { args: [PEOPLE.secretary, { signingAuthorisation: 'auth-1' }] });
}

/** From draft to distributed: submit, approvals, the signer's signature, the clerk's issue. */
export async function issueDocument(client: Client, input: LifecycleInput): Promise<{ handle: DocumentHandle; issued: LifecycleState }> {
  const handle = await startDocument(client, input);
  await toSigning(handle, input);
  await sign(handle);
  const issued = await handle.executeUpdate(issueUpdate, { args: [PEOPLE.clerk] });
  return { handle, issued };
}

export const copyHandle = (client: Client, documentId: string, org: string): CopyHandle => client.workflow.getHandle(incomingWorkflowIdFor(documentId, org));

/** Waits until a recipient's copy exists and its state satisfies `ready` (it arrives on its own, after the issue). */
export function copyWhen(client: Client, documentId: string, org: string, ready: (state: IncomingState) => boolean, what: string): Promise<IncomingState> {
  return eventually(async () => {
    const state = await copyHandle(client, documentId, org).query(incomingStateQuery).catch(() => undefined);
    return state && ready(state) ? state : undefined;
  }, `${documentId}@${org}: ${what}`);
}

/** Waits until the sender's document shows what its recipients reported. */
export function documentWhen(handle: DocumentHandle, ready: (state: LifecycleState) => boolean, what: string): Promise<LifecycleState> {
  return eventually(async () => {
    const state = await handle.query(lifecycleStateQuery).catch(() => undefined);
    return state && ready(state) ? state : undefined;
  }, `${handle.workflowId}: ${what}`);
}

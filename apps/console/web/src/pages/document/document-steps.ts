import type { Principal } from '../../auth/claims';
import type { components } from '../../api/generated/intake';

type DocumentView = components['schemas']['DocumentView'];

/** The signer has signed once the history says so (the view keeps the signature itself to the services). */
export const isPersonSigned = (doc: Pick<DocumentView, 'history'>) => doc.history.some((h) => h.action === 'signed');

export type StepName = 'submit' | 'approve' | 'return' | 'reject' | 'sign' | 'issue' | 'recall';

/**
 * What the viewer may do to the document now, by their role and its state, as the lifecycle
 * workflow allows it (workflows/src/document-lifecycle.ts): the console offers only these, and the
 * workflow decides again.
 */
export function stepsFor(doc: DocumentView, principal: Principal): StepName[] {
  const ofIssuer = principal.org === doc.issuer;
  const steps: StepName[] = [];
  if (doc.status === 'draft' && (doc.createdBy === principal.userId || (ofIssuer && principal.role === 'clerk'))) steps.push('submit');
  if (doc.status === 'in_review' && doc.currentApprover === principal.userId) steps.push('approve', 'return', 'reject');
  if (doc.status === 'signing') {
    const signed = isPersonSigned(doc);
    if (!signed && doc.signer.userId === principal.userId) steps.push('sign');
    if (signed && ofIssuer && principal.role === 'clerk') steps.push('issue');
  }
  if ((doc.status === 'issued' || doc.status === 'distributed') && ofIssuer && (principal.role === 'clerk' || principal.role === 'leader')) steps.push('recall');
  return steps;
}

/** Its author revises a draft, or one returned to them. */
export const mayRevise = (doc: DocumentView, principal: Principal) => (doc.status === 'draft' || doc.status === 'returned') && doc.createdBy === principal.userId;

/** Types whose issuance assigns tasks (TRACKABLE_DOCUMENT_TYPES in packages/shared/src/contracts/tracking.ts). */
export const TRACKABLE_TYPES: readonly DocumentView['type'][] = ['NQ', 'CT', 'KL', 'KH', 'CTr', 'TB'];
/** Who gives out an issuer's tasks (TASK_ROLES.assigner there). */
export const ASSIGNING_ROLES: readonly Principal['role'][] = ['leader', 'specialist', 'clerk'];

/**
 * What the viewer sees of the tasks assigned from the document, as tracking allows it
 * (services/tracking/src/app/assignment-checks.ts): its issuer's leaders, specialists and clerks
 * follow those of a trackable document that is not secret (a secret one's tasks are not tracked
 * here: `none`), and assign more once it is issued and while it is not recalled (`assign`).
 */
export function taskAccessOf(doc: DocumentView, principal: Principal): 'none' | 'follow' | 'assign' {
  if (principal.org !== doc.issuer || !ASSIGNING_ROLES.includes(principal.role) || !TRACKABLE_TYPES.includes(doc.type) || doc.secrecy !== 'none') return 'none';
  if (doc.status === 'issued' || doc.status === 'distributed' || doc.status === 'archived') return 'assign';
  return doc.status === 'recalled' ? 'follow' : 'none';
}

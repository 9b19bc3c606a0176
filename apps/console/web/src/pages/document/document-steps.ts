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

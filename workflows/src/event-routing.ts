import { RECIPIENT_STATUSES, type IncomingInput, type IncomingState, type LifecycleInput, type LifecycleState, type RecipientStatus } from '@vanthu/shared/contracts';

/*
 * The fields every event carries so that its consumers (notify, other systems) can route it
 * without a lookup: the organisation concerned and the people involved. Their contract is the
 * event catalogue (packages/shared/src/events/document-events.ts).
 */

export function documentRouting(input: LifecycleInput, state: Pick<LifecycleState, 'currentApprover'>): Record<string, unknown> {
  return {
    org: input.issuer,
    issuer: input.issuer,
    type: input.type,
    urgency: input.urgency,
    secrecy: input.secrecy,
    createdBy: input.createdBy,
    signer: input.signer.userId,
    ...(state.currentApprover !== undefined && { currentApprover: state.currentApprover }),
  };
}

export function copyRouting(input: IncomingInput, state: Pick<IncomingState, 'handler' | 'deadline'>, status: RecipientStatus): Record<string, unknown> {
  return {
    org: input.org,
    ...(input.issuer !== undefined && { issuer: input.issuer }),
    urgency: input.urgency,
    secrecy: input.secrecy,
    statusCode: RECIPIENT_STATUSES[status],
    ...(state.handler !== undefined && { handler: state.handler }),
    ...(state.deadline !== undefined && { deadline: state.deadline }),
  };
}

import type { RecipientStatus } from '@vanthu/shared';
import type { DocumentDoc } from '../records/documents';
import type { IncomingDoc } from '../records/incoming';
import type { DocumentView, IncomingView, Principal, User, UserView } from './ports';

export function toDocumentView(doc: DocumentDoc): DocumentView {
  const { _id, seq: _seq, personSignature: _p, organisationSignature: _o, attachmentSignatures: _a, updatedAt: _u, participants: _pa, ...rest } = doc;
  const view: DocumentView = { ...rest, id: _id, recipients: rest.recipients ?? [], attachments: rest.attachments ?? [], history: rest.history ?? [] };
  if (view.currentApprover === null) delete view.currentApprover;
  return view;
}

export function toIncomingView(doc: IncomingDoc): IncomingView {
  const { _id, seq: _seq, updatedAt: _u, deleted: _d, content, participants: _pa, ...rest } = doc;
  return {
    ...rest,
    ...(content && { content }),
    id: _id,
    status: rest.status as RecipientStatus,
    attachments: rest.attachments ?? [],
    history: rest.history ?? [],
  };
}

/**
 * E-mail addresses are personal data an office needs only to reach its own people through the
 * system, which notify does: a listing shows them to admins, and to each user their own.
 */
export function toUserView(user: User, principal: Principal): UserView {
  if (principal.role === 'admin' || principal.userId === user.id) return user;
  // Who may be given secrets is no colleague's business either.
  const { email: _email, clearance: _clearance, ...rest } = user;
  return rest;
}

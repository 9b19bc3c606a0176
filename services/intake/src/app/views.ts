import type { RecipientStatus } from '@vanthu/shared';
import type { DocumentDoc } from '../records/documents';
import type { IncomingDoc } from '../records/incoming';
import type { DocumentView, IncomingView } from './ports';

export function toDocumentView(doc: DocumentDoc): DocumentView {
  const { _id, seq: _seq, personSignature: _p, organisationSignature: _o, attachmentSignatures: _a, updatedAt: _u, ...rest } = doc;
  const view: DocumentView = { ...rest, id: _id, recipients: rest.recipients ?? [], attachments: rest.attachments ?? [], history: rest.history ?? [] };
  if (view.currentApprover === null) delete view.currentApprover;
  return view;
}

export function toIncomingView(doc: IncomingDoc): IncomingView {
  const { _id, seq: _seq, updatedAt: _u, deleted: _d, content, ...rest } = doc;
  return {
    ...rest,
    ...(content && { content }),
    id: _id,
    status: rest.status as RecipientStatus,
    attachments: rest.attachments ?? [],
    history: rest.history ?? [],
  };
}

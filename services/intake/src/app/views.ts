import type { OutboxRecord, RecipientStatus } from '@vanthu/shared';
import type { DocumentDoc } from '../records/documents';
import type { IncomingDoc } from '../records/incoming';
import type { DocumentView, IncomingView, TransitionView } from './ports';

export function toTransition(record: OutboxRecord): TransitionView {
  const data = record.event.data;
  return {
    seq: record.seq,
    at: record.event.occurredAt,
    action: record.event.type.replace(/^document\./, ''),
    status: String(data.status) as TransitionView['status'],
    ...(typeof data.actor === 'string' && { actor: data.actor }),
    ...(typeof data.note === 'string' && { note: data.note }),
  };
}

export function toDocumentView(doc: DocumentDoc, history: OutboxRecord[]): DocumentView {
  const { _id, seq: _seq, personSignature: _p, organisationSignature: _o, attachmentSignatures: _a, updatedAt: _u, ...rest } = doc;
  const view: DocumentView = { ...rest, id: _id, recipients: rest.recipients ?? [], attachments: rest.attachments ?? [], history: history.map(toTransition) };
  if (view.currentApprover === null) delete view.currentApprover;
  return view;
}

export function toIncomingView(doc: IncomingDoc, history: OutboxRecord[]): IncomingView {
  const { _id, seq: _seq, updatedAt: _u, deleted: _d, content, ...rest } = doc;
  return {
    ...rest,
    ...(content && { content }),
    id: _id,
    status: rest.status as RecipientStatus,
    attachments: rest.attachments ?? [],
    history: history.map(toTransition),
  };
}

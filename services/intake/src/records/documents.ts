import type { Connection, Model } from 'mongoose';
import { Schema } from 'mongoose';
import type { DocumentView } from '../app/ports';

/**
 * The current state of an outgoing document: a projection of its transitions. The intake API
 * inserts it once (the draft); from then on only the document's workflow writes it, through
 * activities that run one after another — one writer per document.
 */
export type DocumentDoc = Omit<DocumentView, 'id'> & {
  _id: string;
  /** The last transition applied; a replayed activity with an older seq is a no-op. */
  seq: number;
  /** The recipients it will go to, before distribution gives each a status in `recipients`. */
  addressees?: string[];
  personSignature?: Record<string, unknown>;
  organisationSignature?: Record<string, unknown>;
  attachmentSignatures?: Array<Record<string, unknown>>;
  updatedAt: string;
  /**
   * Secret documents: who has a part in the flow (need-to-know; contracts/secrecy.ts). The
   * subject, history notes and blobs are sealed with the data key, kept in records/sealings.ts.
   */
  participants?: string[];
};

const schema = new Schema<DocumentDoc>(
  {
    _id: { type: String, required: true },
    workflowId: { type: String, required: true },
    status: { type: String, required: true },
    type: { type: String, required: true },
    subject: { type: String, required: true },
    issuer: { type: String, required: true },
    number: Number,
    notation: String,
    issuedAt: String,
    urgency: { type: String, required: true },
    secrecy: { type: String, required: true },
    dueDate: String,
    pageCount: { type: Number, required: true },
    signer: { type: Schema.Types.Mixed, required: true },
    approvers: [String],
    currentApprover: String,
    recipients: [Schema.Types.Mixed],
    addressees: [String],
    content: { type: Schema.Types.Mixed, required: true },
    attachments: [Schema.Types.Mixed],
    createdBy: { type: String, required: true },
    createdAt: { type: String, required: true },
    updatedAt: { type: String, required: true },
    seq: { type: Number, required: true },
    personSignature: Schema.Types.Mixed,
    organisationSignature: Schema.Types.Mixed,
    attachmentSignatures: [Schema.Types.Mixed],
    history: [Schema.Types.Mixed],
    language: String,
    fileCode: String,
    copies: Number,
    participants: [String],
  },
  { versionKey: false, strict: false },
);
schema.index({ issuer: 1, createdAt: -1 });
schema.index({ issuer: 1, type: 1, number: 1 });
schema.index({ status: 1 });
schema.index({ issuedAt: 1 });

export const documentModel = (c: Connection): Model<DocumentDoc> =>
  (c.models.documents as Model<DocumentDoc> | undefined) ?? c.model<DocumentDoc>('documents', schema, 'documents');

import type { Connection, Model } from 'mongoose';
import { Schema } from 'mongoose';
import type { IncomingView } from '../app/ports';

/**
 * A recipient organisation's copy of an issued document, in its incoming register. Written only
 * by that recipient's incoming workflow. `_id` is `<documentId>@<org>`, so a document reaches an
 * organisation at most once.
 */
export type IncomingDoc = Omit<IncomingView, 'id' | 'content'> & {
  _id: string;
  seq: number;
  updatedAt: string;
  deleted?: boolean;
  content?: IncomingView['content'] | null;
  /** Secret documents: need-to-know, as on documents; the key, re-wrapped for this recipient, is in records/sealings.ts. */
  participants?: string[];
};

const schema = new Schema<IncomingDoc>(
  {
    _id: { type: String, required: true },
    documentId: { type: String, required: true },
    org: { type: String, required: true },
    arrivalNumber: { type: Number, required: true },
    arrivedAt: { type: String, required: true },
    status: { type: String, required: true },
    statusCode: { type: String, required: true },
    handler: String,
    deadline: String,
    report: String,
    issuer: String,
    notation: String,
    type: String,
    subject: String,
    urgency: String,
    secrecy: String,
    content: Schema.Types.Mixed,
    attachments: [Schema.Types.Mixed],
    seq: { type: Number, required: true },
    updatedAt: { type: String, required: true },
    deleted: Boolean,
    history: [Schema.Types.Mixed],
    participants: [String],
  },
  { versionKey: false },
);
schema.index({ org: 1, arrivedAt: -1 });
schema.index({ documentId: 1 });

export const incomingId = (documentId: string, org: string) => `${documentId}@${org}`;

export const incomingModel = (c: Connection): Model<IncomingDoc> =>
  (c.models.incoming as Model<IncomingDoc> | undefined) ?? c.model<IncomingDoc>('incoming', schema, 'incoming');

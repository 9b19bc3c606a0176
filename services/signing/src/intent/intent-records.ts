import { Schema, type Connection, type Model } from 'mongoose';
import type { PinHashParams } from './pin-hash';

const modelOf = <T>(c: Connection, name: string, schema: Schema<T>): Model<T> =>
  (c.models[name] as Model<T> | undefined) ?? c.model<T>(name, schema, name);

/** A user's signing PIN, as a slow hash. `orgCode` is the user's organisation when they set it (whose admin may reset it). */
export interface PinDoc {
  _id: string;
  orgCode: string;
  params: PinHashParams;
  salt: Buffer;
  hash: Buffer;
  setAt: Date;
  /** Development PINs of the demo users are marked, so an operator can find and remove them. */
  development?: boolean;
}

const pinSchema = new Schema<PinDoc>(
  {
    _id: { type: String, required: true },
    orgCode: { type: String, required: true },
    params: { type: Schema.Types.Mixed, required: true },
    salt: { type: Buffer, required: true },
    hash: { type: Buffer, required: true },
    setAt: { type: Date, required: true },
    development: Boolean,
  },
  { versionKey: false },
);

export const pinModel = (c: Connection) => modelOf(c, 'signing_pins', pinSchema);

/**
 * One claimed attempt slot (`<userId>#<1..limit>`). A PIN is checked only by the request that
 * inserted a free slot, so however many requests race, at most `limit` guesses are made: the
 * unique _id decides, since our database makes no update atomic against another.
 */
export interface PinTryDoc {
  _id: string;
  userId: string;
  at: Date;
  /** Set by the claimant when the PIN was wrong; until then the attempt is in flight. */
  failed?: boolean;
}

const pinTrySchema = new Schema<PinTryDoc>(
  { _id: { type: String, required: true }, userId: { type: String, required: true }, at: { type: Date, required: true }, failed: Boolean },
  { versionKey: false },
);
pinTrySchema.index({ userId: 1, at: 1 });

export const pinTryModel = (c: Connection) => modelOf(c, 'signing_pin_tries', pinTrySchema);

/**
 * A signer's confirmation: stored under the SHA-256 of the id handed out, so the database alone
 * does not hold usable authorisations.
 */
export interface AuthorisationDoc {
  _id: string;
  userId: string;
  documentId?: string;
  sha256?: string;
  createdAt: Date;
  expiresAt: Date;
}

const authorisationSchema = new Schema<AuthorisationDoc>(
  {
    _id: { type: String, required: true },
    userId: { type: String, required: true },
    documentId: String,
    sha256: String,
    createdAt: { type: Date, required: true },
    expiresAt: { type: Date, required: true },
  },
  { versionKey: false },
);
authorisationSchema.index({ userId: 1, createdAt: -1 });

export const authorisationModel = (c: Connection) => modelOf(c, 'signing_authorisations', authorisationSchema);

/** An authorisation spent: the first insert of its _id wins, every other is a second use. */
export interface AuthorisationUseDoc {
  _id: string;
  userId: string;
  /** What spent it (`<documentId>:person:<sha256>`, or `direct:<uuid>`): a retried activity recognises its own use. */
  use: string;
  at: Date;
}

const authorisationUseSchema = new Schema<AuthorisationUseDoc>(
  { _id: { type: String, required: true }, userId: { type: String, required: true }, use: { type: String, required: true }, at: { type: Date, required: true } },
  { versionKey: false },
);

export const authorisationUseModel = (c: Connection) => modelOf(c, 'signing_authorisation_uses', authorisationUseSchema);

export type IntentAction = 'authorise' | 'set-pin' | 'change-pin' | 'reset-pin' | 'development-pin' | 'consume';

/** Every attempt, who and when and how it ended; never the PIN, never the authorisation id. */
export interface IntentAuditDoc {
  _id: string;
  userId: string;
  action: IntentAction;
  outcome: string;
  at: Date;
  /** Who acted, when not the user (an admin's reset). */
  actor?: string;
  documentId?: string;
  sha256?: string;
  /** The first 12 hex digits of the authorisation's stored hash, to follow one through its life. */
  authorisationRef?: string;
}

const auditSchema = new Schema<IntentAuditDoc>(
  {
    _id: { type: String, required: true },
    userId: { type: String, required: true },
    action: { type: String, required: true },
    outcome: { type: String, required: true },
    at: { type: Date, required: true },
    actor: String,
    documentId: String,
    sha256: String,
    authorisationRef: String,
  },
  { versionKey: false },
);
auditSchema.index({ userId: 1, at: -1 });

export const intentAuditModel = (c: Connection) => modelOf(c, 'signing_intent_audit', auditSchema);

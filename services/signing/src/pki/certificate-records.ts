import { Schema, type Connection, type Model } from 'mongoose';
import type { CertificateKind, SubjectName } from './certificate-builder';
import type { SealedKey } from './sealed-key';

export type CertificateStatus = 'active' | 'superseded' | 'revoked';

/**
 * One certificate with its sealed key, written with one insert: there is never a key without its
 * certificate or the reverse. `activeFor` is the subject while the certificate is in use and a
 * value of its own afterwards; its unique index is what keeps one active certificate per subject
 * when issuers race, since our database enforces nothing else atomically.
 */
export interface CertificateDoc {
  _id: string;
  subjectKey: string;
  activeFor: string;
  kind: CertificateKind;
  orgCode?: string;
  userId?: string;
  commonName: string;
  /** Kept so that renewal issues to the same name. */
  subject: SubjectName;
  /** Serial of the issuing CA's certificate; absent for a root. */
  issuerSerial?: string;
  der: Buffer;
  /** For imported certificates: the chain that came with them, issuer first. */
  chain: Buffer[];
  key: SealedKey;
  notBefore: Date;
  notAfter: Date;
  status: CertificateStatus;
  revokedAt?: Date;
  revocationReason?: string;
  imported: boolean;
  createdAt: Date;
  /** Ids of its events already in the outbox (pki/certificate-events.ts). */
  announced?: string[];
}

const sealed = new Schema<SealedKey>({ iv: Buffer, tag: Buffer, data: Buffer }, { _id: false });

const schema = new Schema<CertificateDoc>(
  {
    _id: { type: String, required: true },
    subjectKey: { type: String, required: true },
    activeFor: { type: String, required: true },
    kind: { type: String, required: true },
    orgCode: String,
    userId: String,
    commonName: { type: String, required: true },
    subject: { type: Schema.Types.Mixed, required: true },
    issuerSerial: String,
    der: { type: Buffer, required: true },
    chain: { type: [Buffer], default: [] },
    key: { type: sealed, required: true },
    notBefore: { type: Date, required: true },
    notAfter: { type: Date, required: true },
    status: { type: String, required: true },
    revokedAt: Date,
    revocationReason: String,
    imported: { type: Boolean, default: false },
    createdAt: { type: Date, required: true },
    announced: { type: [String], default: undefined },
  },
  { versionKey: false },
);
schema.index({ activeFor: 1 }, { unique: true, name: 'one_active_per_subject' });
schema.index({ subjectKey: 1, createdAt: -1 });
schema.index({ issuerSerial: 1, status: 1 });

export const certificateModel = (c: Connection): Model<CertificateDoc> =>
  (c.models.certificates as Model<CertificateDoc> | undefined) ?? c.model<CertificateDoc>('certificates', schema, 'certificates');

/**
 * Who used which key on which bytes, and when. For documents and timestamps it is written before
 * the private-key operation, so no signature exists without its record.
 */
export interface KeyUseDoc {
  _id: string;
  certificateSerial: string;
  subjectKey: string;
  actor: string;
  purpose: 'pades' | 'cades' | 'timestamp' | 'crl' | 'certificate';
  documentId?: string;
  documentSha256: string;
  at: Date;
}

const keyUseSchema = new Schema<KeyUseDoc>(
  {
    _id: { type: String, required: true },
    certificateSerial: { type: String, required: true },
    subjectKey: { type: String, required: true },
    actor: { type: String, required: true },
    purpose: { type: String, required: true },
    documentId: String,
    documentSha256: { type: String, required: true },
    at: { type: Date, required: true },
  },
  { versionKey: false },
);
keyUseSchema.index({ certificateSerial: 1, at: 1 });
keyUseSchema.index({ documentSha256: 1 });

export const keyUseModel = (c: Connection): Model<KeyUseDoc> =>
  (c.models.key_uses as Model<KeyUseDoc> | undefined) ?? c.model<KeyUseDoc>('key_uses', keyUseSchema, 'key_uses');

export const subjectKeys = {
  root: 'ca:root',
  tsa: 'tsa',
  ca: (orgCode: string) => `ca:${orgCode}`,
  org: (orgCode: string) => `org:${orgCode}`,
  person: (userId: string) => `person:${userId}`,
};

/** Lean reads give BSON Binary for Buffer fields; the crypto code wants Buffers. */
export const asBuffer = (value: unknown): Buffer => {
  if (Buffer.isBuffer(value)) return value;
  const binary = value as { buffer?: Uint8Array };
  if (binary?.buffer instanceof Uint8Array) return Buffer.from(binary.buffer);
  throw new Error('expected binary data');
};

export function fromDb(doc: CertificateDoc): CertificateDoc;
export function fromDb(doc: CertificateDoc | null): CertificateDoc | null;
export function fromDb(doc: CertificateDoc | null): CertificateDoc | null {
  if (!doc) return doc;
  return {
    ...doc,
    der: asBuffer(doc.der),
    chain: (doc.chain ?? []).map(asBuffer),
    key: { iv: asBuffer(doc.key.iv), tag: asBuffer(doc.key.tag), data: asBuffer(doc.key.data) },
  };
}

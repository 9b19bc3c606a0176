import type { Duration } from '@temporalio/common';
import type { BlobRef } from '../blobs/blob-store';
import type { ArchivalMetadata, HistoryEntry } from './archive';
import type { AttachmentSignature, SignatureSummary, SignerIdentity } from './signing';
import type { Sealing } from './secrecy';
import type { AuthorityForm, DocumentStatus, DocumentType, RecipientStatus, Role, Secrecy, Urgency } from './documents';

/**
 * What the lifecycle workflows carry. No subject and no content: only codes, ids and blob
 * references, so nothing of a document's text sits in workflow history.
 */
export interface Actor {
  userId: string;
  org: string;
  role: Role;
}

export interface LifecycleInput {
  documentId: string;
  issuer: string;
  type: DocumentType;
  urgency: Urgency;
  secrecy: Secrecy;
  createdBy: string;
  approvers: string[];
  signer: { userId: string; authority: AuthorityForm; onBehalfOf?: string };
  recipients: string[];
  dueDate?: string;
  content: BlobRef;
  attachments: BlobRef[];
  /** Secret documents: the data key, wrapped for the issuer; content and attachments are sealed blobs. */
  sealing?: Sealing;
}

export interface RecipientState {
  org: string;
  status: RecipientStatus;
  arrivalNumber?: number;
  handler?: string;
  deadline?: string;
  updatedAt: string;
}

export interface LifecycleState {
  documentId: string;
  status: DocumentStatus;
  seq: number;
  approvalIndex: number;
  currentApprover?: string;
  personSigned: boolean;
  number?: number;
  notation?: string;
  issuedAt?: string;
  content: BlobRef;
  attachments: BlobRef[];
  signatures: SignatureSummary[];
  attachmentSignatures: AttachmentSignature[];
  recipients: RecipientState[];
  archive?: { packageId: string; logIndex: number };
}

export interface RevisionInput {
  content?: BlobRef;
  attachments?: BlobRef[];
  approvers?: string[];
  recipients?: string[];
  dueDate?: string;
}

export interface IncomingInput {
  documentId: string;
  org: string;
  /** The sending organisation; optional only for copies started before it was carried. */
  issuer?: string;
  parentWorkflowId: string;
  urgency: Urgency;
  secrecy: Secrecy;
  dueDate?: string;
  content: BlobRef;
  attachments: BlobRef[];
  /** Secret documents: the data key as the issuer holds it; intake re-wraps it for the recipient. */
  sealing?: Sealing;
}

export interface IncomingState {
  id: string;
  documentId: string;
  org: string;
  status: RecipientStatus;
  seq: number;
  arrivalNumber?: number;
  handler?: string;
  deadline?: string;
}

/** A state change as the workflow asks intake to record it: one outbox record plus a projection patch. */
export interface TransitionInput {
  /** The outgoing document id, or an incoming copy's id (`<doc>@<org>`). */
  aggregateId: string;
  documentId: string;
  kind: 'document' | 'incoming';
  seq: number;
  /** Event type without the `document.` prefix, e.g. `issued`. */
  action: string;
  status: string;
  at: string;
  actor?: string;
  note?: string;
  /** Fields to set on the projection (the document or the incoming copy). */
  patch: Record<string, unknown>;
  /** Event data beyond the standard fields. */
  data?: Record<string, unknown>;
}

export interface NumberAssignment {
  number: number;
  notation: string;
}

export interface IntakeActivities {
  recordTransition(input: TransitionInput): Promise<void>;
  recordRecipients(documentId: string, recipients: RecipientState[]): Promise<void>;
  allocateDocumentNumber(input: { documentId: string; issuer: string; type: DocumentType; secrecy: Secrecy; issuedAt: string }): Promise<NumberAssignment>;
  /** Creates the recipient's copy with its arrival number; returns the number (the same one on a retry). */
  registerIncoming(input: IncomingInput & { arrivedAt: string }): Promise<{ arrivalNumber: number }>;
  /** Everything the archive needs about a document, read from intake's own records. */
  loadArchivalRecord(documentId: string): Promise<ArchivalMetadata & { history: HistoryEntry[] }>;
  /** The signer's and the issuer's identities for the signing service. */
  signingParties(documentId: string): Promise<{
    signer: SignerIdentity;
    organisation: { orgCode: string; orgName: string };
  }>;
}

/** How urgency sets a recipient's deadlines: policy as data, durations as Temporal strings. */
export const URGENCY_DEADLINES: Record<Urgency, { processWithin: Duration; remindBefore: Duration }> = {
  'hoa-toc': { processWithin: '1 day', remindBefore: '4 hours' },
  'thuong-khan': { processWithin: '2 days', remindBefore: '8 hours' },
  khan: { processWithin: '3 days', remindBefore: '1 day' },
  normal: { processWithin: '10 days', remindBefore: '2 days' },
};

/** Failure types the lifecycle's updates throw; the intake API maps them to 4xx problems. */
export const LIFECYCLE_ERRORS = {
  invalidTransition: 'InvalidTransition',
  notYourTurn: 'NotYourTurn',
  forbidden: 'Forbidden',
} as const;

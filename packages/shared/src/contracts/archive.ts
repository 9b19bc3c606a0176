import type { Sealing } from './secrecy';
import type { BlobRef } from '../blobs/blob-store';
import type { DocumentType, Secrecy, Urgency } from './documents';
import type { AttachmentSignature, SignatureSummary, VerificationReport } from './signing';

/**
 * The archive service's activities, as the lifecycle workflow calls them on the `archive` task
 * queue once a document's life is over (processed by every recipient, or recalled).
 */
export interface ArchivalMetadata {
  documentId: string;
  /** Decree 30, Appendix VI: the required metadata of an e-document. */
  fileCode?: string;
  type: DocumentType;
  number: number;
  notation: string;
  issuedAt: string;
  issuerCode: string;
  issuerName: string;
  subject: string;
  language: string;
  pageCount: number;
  signer: { fullName: string; position: string; authority: string };
  recipients: string[];
  urgency: Urgency;
  secrecy: Secrecy;
  copies: number;
  dueDate?: string;
  /** Final state at archiving: 'distributed' (processed) or 'recalled'. */
  finalStatus: string;
}

export interface HistoryEntry {
  seq: number;
  at: string;
  action: string;
  status: string;
  actor?: string;
  note?: string;
}

export interface ArchiveDocumentInput {
  workflowId: string;
  metadata: ArchivalMetadata;
  /** The final signed PDF. */
  content: BlobRef;
  attachments: AttachmentSignature[];
  signatures: SignatureSummary[];
  /** The signing service's report on the final content, made just before archiving. */
  validation: VerificationReport;
  /** Certificates and revocation lists the validation used (DER blobs), so it can be redone after they expire. */
  validationMaterial: { certificates: BlobRef[]; crls: BlobRef[] };
  /** The document's full processing history, including each recipient's. */
  history: HistoryEntry[];
  /**
   * Secret documents: the data key wrapped for the issuer. The archive re-wraps it for itself
   * and keeps the package sealed; `metadata.subject` and history notes arrive sealed (JWE).
   */
  sealing?: Sealing;
}

export interface ArchiveDocumentResult {
  packageId: string;
  /** SHA-256 of the package's manifest, the leaf the tamper-evident log holds. */
  manifestSha256: string;
  logIndex: number;
  treeSize: number;
}

export interface ArchiveActivities {
  archiveDocument(input: ArchiveDocumentInput): Promise<ArchiveDocumentResult>;
}

import type { Sealing } from './secrecy';
import type { BlobRef } from '../blobs/blob-store';
import type { AuthorityForm } from './documents';

/**
 * The signing service's activities, as the lifecycle workflow calls them on the `signing` task
 * queue. Content goes in and out as blob references only; private keys never leave the service.
 */
export interface SignerIdentity {
  userId: string;
  fullName: string;
  position: string;
  orgCode: string;
  orgName: string;
}

export interface SignatureSummary {
  /** The signing service's id for this signature (its key-use record). */
  signatureId: string;
  certificateSerial: string;
  /** Subject common name of the signing certificate. */
  signerName: string;
  /** ISO 8601 in Vietnam time, e.g. 2026-11-23T14:05:09+07:00. */
  signedAt: string;
  /** True when an RFC 3161 timestamp token is embedded (baseline level T). */
  timestamped: boolean;
}

export interface PersonSignatureInput {
  documentId: string;
  /** The PDF to sign. */
  content: BlobRef;
  signer: SignerIdentity;
  /** The document's issuing organisation: a signer of another organisation is refused. */
  orgCode?: string;
  authority: AuthorityForm;
  /** For T/M and K/T: the body or head signed for, shown in the stamp. */
  onBehalfOf?: string;
  visibleStamp?: boolean;
  /**
   * The signer's confirmation (Signature Activation Data): an opaque, single-use id the signing
   * service issued to `signer.userId` after a PIN check, bound to this document and/or the SHA-256
   * of `content`. The activity consumes it before the key is used; without it nothing is signed.
   * Never the PIN itself.
   */
  signingAuthorisation?: string;
  /**
   * Secret documents: the data key (wrapped). The blobs are sealed; the activity opens them in
   * memory, and what it stores (signed PDF, detached signatures) is sealed with the same key.
   */
  sealing?: Sealing;
}

/** What the signer sends with the lifecycle's sign Update besides who they are. */
export interface SignConfirmation {
  /** From the signing API's POST /v1/signing-authorisations; see PersonSignatureInput. */
  signingAuthorisation?: string;
}

export interface PersonSignatureResult {
  /** The PDF with the person's PAdES signature embedded. */
  content: BlobRef;
  signature: SignatureSummary;
}

export interface OrganisationSignatureInput {
  documentId: string;
  /** The PDF already signed by the person; the organisation's signature is an incremental update. */
  content: BlobRef;
  attachments: BlobRef[];
  orgCode: string;
  orgName: string;
  /** Number and notation as issued, e.g. "15-NQ/TU", shown in the stamp. */
  notation: string;
  /** ISO 8601 in Vietnam time. */
  issuedAt: string;
  /** A stamp on the page with the organisation, number and signing time; on unless false. */
  visibleStamp?: boolean;
  /**
   * Secret documents: the data key (wrapped). The blobs are sealed; the activity opens them in
   * memory, and what it stores (signed PDF, detached signatures) is sealed with the same key.
   */
  sealing?: Sealing;
}

export interface AttachmentSignature {
  attachment: BlobRef;
  /** Detached CMS (CAdES) signature over the attachment, stored as a blob of its own. */
  signature: BlobRef;
  summary: SignatureSummary;
}

export interface OrganisationSignatureResult {
  content: BlobRef;
  signature: SignatureSummary;
  attachments: AttachmentSignature[];
}

export interface VerifyInput {
  /** Required with `sealing`: the document whose key opens the blobs. */
  documentId?: string;
  content: BlobRef;
  /** For a detached CMS signature; absent for a PDF with embedded signatures. */
  detachedSignature?: BlobRef;
  /**
   * Also collect the certificates and CRLs the check used (VerificationReport.material): the
   * archive keeps them; a recipient checking what arrived does not need them stored.
   */
  keepMaterial?: boolean;
  /** Secret documents: the data key (wrapped) that opens `content` (and `detachedSignature`). */
  sealing?: Sealing;
}

export interface SignatureCheck {
  signerName: string;
  certificateSerial?: string;
  signedAt?: string;
  chainTrusted: boolean;
  validAtSigningTime: boolean;
  revoked: boolean;
  timestamped: boolean;
  /** The signed bytes are unchanged since this signature was made. */
  intact: boolean;
  /** For PDFs: the signature covers the whole file as it is now (nothing appended unsigned). */
  coversWholeDocument?: boolean;
  problems: string[];
}

export interface VerificationReport {
  valid: boolean;
  signatures: SignatureCheck[];
  /**
   * Certificates (chain) and CRLs the verification used, as DER blobs, so an archive can keep them
   * and re-verify after they expire. Present when the activity was asked to keep them.
   */
  material?: { certificates: BlobRef[]; crls: BlobRef[] };
}

export interface SigningActivities {
  signAsPerson(input: PersonSignatureInput): Promise<PersonSignatureResult>;
  signAsOrganisation(input: OrganisationSignatureInput): Promise<OrganisationSignatureResult>;
  verifyDocument(input: VerifyInput): Promise<VerificationReport>;
}

/** Application failure types the signing activities throw as non-retryable. */
export const SIGNING_ERRORS = {
  noCertificate: 'NoValidCertificate',
  signerNotInOrganisation: 'SignerNotInOrganisation',
  notAPdf: 'NotAPdf',
  certificateRevoked: 'CertificateRevoked',
  certificateExpired: 'CertificateExpired',
  /** No valid signer's confirmation: missing, unknown, expired, used, or for another signer or content. */
  signerIntentMissing: 'SignerIntentMissing',
} as const;

// The contracts entry alone: the signing worker threads load this file, not the whole runtime.
import { SIGNING_ERRORS } from '@vanthu/shared/contracts';

/**
 * Failure types for secret documents' blobs, kept here until they join SIGNING_ERRORS in the
 * shared contract. Non-retryable but for a missing key-encryption key.
 */
export const SEALED_CONTENT_ERRORS = {
  /** A sealed blob came without the sealing that opens it: nothing was read as if it were clear. */
  sealedWithoutKey: 'SealedContentWithoutKey',
  /** The sealing does not open the document's key, or the key does not open a blob (another document's, or altered). */
  sealedUnreadable: 'SealedContentUnreadable',
  /** The key-encryption key named by the sealing is not configured here (VANTHU_KEKS): retried. */
  kekMissing: 'KeyEncryptionKeyMissing',
} as const;

/**
 * The service is overloaded (its reading threads are all taken, or the machine starves them):
 * nothing is wrong with the input, so the lifecycle retries it and an HTTP caller gets 503.
 */
export const OVERLOAD_ERRORS = { busy: 'SigningBusy' } as const;

type SigningErrorType =
  | (typeof SIGNING_ERRORS)[keyof typeof SIGNING_ERRORS]
  | (typeof SEALED_CONTENT_ERRORS)[keyof typeof SEALED_CONTENT_ERRORS]
  | (typeof OVERLOAD_ERRORS)[keyof typeof OVERLOAD_ERRORS];

/** What a 503 `signing-busy` asks a client to wait: a guard thread's CPU budget is about a second. */
export const BUSY_RETRY_AFTER_SECONDS = 2;

/**
 * A refusal to sign, with what both callers need: the activity contract's failure type for the
 * workflow, and an HTTP status, reason and field for the API.
 */
export class SigningRefused extends Error {
  constructor(
    readonly type: SigningErrorType | 'InvalidInput',
    readonly status: number,
    readonly reason: string,
    message: string,
    readonly field?: string,
    /** Load, not the input, is (or may be) the cause: worth a later retry. */
    readonly transient = false,
    /** For an HTTP caller: Retry-After. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'SigningRefused';
  }
}

export const refusals = {
  noCertificate: (subject: string, field: string) =>
    new SigningRefused(SIGNING_ERRORS.noCertificate, 422, 'no-valid-certificate', `No valid certificate for ${subject}.`, field),
  revoked: (subject: string, field: string) =>
    new SigningRefused(SIGNING_ERRORS.certificateRevoked, 422, 'certificate-revoked', `The certificate of ${subject} is revoked.`, field),
  expired: (subject: string, field: string) =>
    new SigningRefused(SIGNING_ERRORS.certificateExpired, 422, 'certificate-expired', `The certificate of ${subject} has expired or is not yet valid.`, field),
  notInOrganisation: (subject: string, orgCode: string, field: string) =>
    new SigningRefused(
      SIGNING_ERRORS.signerNotInOrganisation,
      403,
      'signer-not-in-organisation',
      `${subject} holds no certificate for organisation ${orgCode}.`,
      field,
    ),
  notAPdf: (detail: string, field = 'file') => new SigningRefused(SIGNING_ERRORS.notAPdf, 422, 'not-a-pdf', detail, field),
  /** The structure cannot be followed (a loop, an offset that points nowhere); see `PdfRefused`. */
  pdfDamaged: (detail: string, field = 'file') => new SigningRefused(SIGNING_ERRORS.notAPdf, 422, 'pdf-damaged', `The PDF is damaged: ${detail}.`, field),
  /**
   * Reading it would take more than the limits allow (docs/signing.md, "Untrusted input: limits").
   * `transient` only where load cannot be told from the file (no readable thread CPU clock).
   */
  pdfTooComplex: (detail: string, field = 'file', transient = false) =>
    new SigningRefused(SIGNING_ERRORS.notAPdf, 422, 'pdf-too-complex', `The PDF is too complex to read here: ${detail}.`, field, transient),
  cmsTooComplex: (detail: string, field: string) => new SigningRefused('InvalidInput', 422, 'cms-too-complex', `The signature is too complex to read here: ${detail}.`, field),
  /** Every reading thread is busy and the queue is full: the client may retry shortly. */
  busy: (field = 'file') =>
    new SigningRefused(OVERLOAD_ERRORS.busy, 503, 'signing-busy', 'Too many documents are being read right now; retry shortly.', field, true, BUSY_RETRY_AFTER_SECONDS),
  /** The machine gave the reading thread too little time to finish, while the file was within its budget. */
  starved: (detail: string, field = 'file') =>
    new SigningRefused(OVERLOAD_ERRORS.busy, 503, 'signing-busy', `The server is too busy to finish reading the file right now (${detail}); retry shortly.`, field, true, BUSY_RETRY_AFTER_SECONDS),
  sealedWithoutKey: (sha256: string, field: string) =>
    new SigningRefused(SEALED_CONTENT_ERRORS.sealedWithoutKey, 422, 'sealed-content-without-key', `Blob ${sha256} is sealed and no sealing came with it.`, field),
  sealedUnreadable: (detail: string, field: string) =>
    new SigningRefused(SEALED_CONTENT_ERRORS.sealedUnreadable, 422, 'sealed-content-unreadable', `Sealed content cannot be opened: ${detail}.`, field),
  kekMissing: (kid: string) =>
    new SigningRefused(SEALED_CONTENT_ERRORS.kekMissing, 503, 'key-encryption-key-missing', `Key-encryption key ${kid} is not configured here.`, 'sealing', true),
  invalid: (reason: string, message: string, field: string, status = 400) => new SigningRefused('InvalidInput', status, reason, message, field),
};

/** A refusal from the shared PDF inspector, in signing's terms (its `kind`, see `PdfRefused`). */
export function pdfRefusal(error: { kind: 'damaged' | 'too-complex' | 'encrypted'; message: string }, field = 'file'): SigningRefused {
  if (error.kind === 'encrypted') return refusals.notAPdf('Encrypted PDFs cannot be signed here.', field);
  return error.kind === 'damaged' ? refusals.pdfDamaged(error.message, field) : refusals.pdfTooComplex(error.message, field);
}

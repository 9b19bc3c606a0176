// The contracts entry alone: the signing worker threads load this file, not the whole runtime.
import { SIGNING_ERRORS } from '@vanthu/shared/contracts';

type SigningErrorType = (typeof SIGNING_ERRORS)[keyof typeof SIGNING_ERRORS];

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
    /** Load, not the input, may be the cause (a time budget overrun, busy readers): worth a later retry. */
    readonly transient = false,
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
  /** Reading it would take more than the limits allow (docs/signing.md, "Untrusted input: limits"). */
  pdfTooComplex: (detail: string, field = 'file', transient = false) =>
    new SigningRefused(SIGNING_ERRORS.notAPdf, 422, 'pdf-too-complex', `The PDF is too complex to read here: ${detail}.`, field, transient),
  cmsTooComplex: (detail: string, field: string) => new SigningRefused('InvalidInput', 422, 'cms-too-complex', `The signature is too complex to read here: ${detail}.`, field),
  /** Every reading thread is busy and the queue is full: the client may retry shortly. */
  busy: (field = 'file') => new SigningRefused('InvalidInput', 503, 'signing-busy', 'Too many documents are being read right now; retry shortly.', field, true),
  invalid: (reason: string, message: string, field: string, status = 400) => new SigningRefused('InvalidInput', status, reason, message, field),
};

/** A refusal from the shared PDF inspector, in signing's terms (its `kind`, see `PdfRefused`). */
export function pdfRefusal(error: { kind: 'damaged' | 'too-complex' | 'encrypted'; message: string }, field = 'file'): SigningRefused {
  if (error.kind === 'encrypted') return refusals.notAPdf('Encrypted PDFs cannot be signed here.', field);
  return error.kind === 'damaged' ? refusals.pdfDamaged(error.message, field) : refusals.pdfTooComplex(error.message, field);
}

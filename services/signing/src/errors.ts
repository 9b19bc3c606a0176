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
  invalid: (reason: string, message: string, field: string, status = 400) => new SigningRefused('InvalidInput', status, reason, message, field),
};

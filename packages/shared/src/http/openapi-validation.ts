import type { ErrorRequestHandler, RequestHandler } from 'express';
import * as OpenApiValidator from 'express-openapi-validator';
import { Problem, type FieldError } from '../errors/problem';
import type { Logger } from '../logging/logger';

interface ValidatorErrorItem {
  path?: string;
  message?: string;
  errorCode?: string;
}

interface ValidatorError {
  status: number;
  message: string;
  errors?: ValidatorErrorItem[];
  headers?: Record<string, string>;
}

const VALIDATOR_ERRORS = Object.values(OpenApiValidator.error);

const REASONS: Record<number, string> = {
  400: 'validation-failed',
  404: 'route-not-found',
  405: 'method-not-allowed',
  406: 'not-acceptable',
  413: 'content-too-large',
  415: 'unsupported-media-type',
};

const headerName = (name: string) =>
  name
    .split('-')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('-');

/**
 * The validator names places like "/body/metadata/signer/userId" or ".query.pageSize"; a portal
 * wants the input's own name. Multipart metadata is named as the same field of a JSON body, so a
 * form shows the message next to the same input however the draft was sent.
 */
export function fieldOf(path: string | undefined): string {
  if (!path) return '(request)';
  const parts = path.split(/[./]/).filter(Boolean);
  const [location, ...rest] = parts;
  if (location === 'headers' && rest[0]) return headerName(rest[0]);
  if (location === 'body' && rest[0] === 'metadata' && rest.length > 1) rest.shift();
  if (location === 'body' && rest.length === 0) return '(body)';
  if (location === 'body' || location === 'query' || location === 'params' || location === 'cookies') {
    return rest.join('.');
  }
  return parts.join('.');
}

function isValidatorError(error: unknown): error is ValidatorError {
  return VALIDATOR_ERRORS.some((kind) => error instanceof kind);
}

function toFieldErrors(items: ValidatorErrorItem[]): FieldError[] {
  return items.map((item) => ({
    field: fieldOf(item.path),
    reason: (item.errorCode ?? 'invalid').replace(/\.openapi\.validation$/, ''),
    detail: item.message ?? 'is not valid',
  }));
}

/** Request checks against the OpenAPI document; responses too when asked (always in tests). */
export function openApiValidation(apiSpec: object, validateResponses: boolean): RequestHandler[] {
  return OpenApiValidator.middleware({
    apiSpec: apiSpec as Parameters<typeof OpenApiValidator.middleware>[0]['apiSpec'],
    validateRequests: { allErrors: true, allowUnknownQueryParameters: false },
    validateResponses,
    // Uploads are read by our own multer, whose limits and messages name the part at fault.
    fileUploader: false,
    validateSecurity: false,
    validateFormats: true,
  }) as RequestHandler[];
}

/** Turns the validator's errors into our problem+json, naming the first field at fault. */
export function validationProblems(logger: Logger): ErrorRequestHandler {
  return (error, req, _res, next) => {
    if (!isValidatorError(error)) {
      next(error);
      return;
    }
    if (error.status >= 500) {
      // Only response validation fails this way: our answer broke the contract, not the caller.
      logger.error({ err: error, path: req.originalUrl, errors: error.errors }, 'response does not match the OpenAPI document');
      next(new Problem(500, 'response-invalid', 'The service produced an answer that breaks its contract; it has been logged.'));
      return;
    }
    const errors = toFieldErrors(error.errors ?? []);
    const first = errors[0];
    const reason = REASONS[error.status] ?? 'invalid-request';
    const detail = first && error.status === 400 ? `${first.field}: ${first.detail}` : error.message;
    next(
      new Problem(error.status, reason, detail, {
        ...(first && { field: first.field }),
        ...(errors.length > 0 && { errors }),
      }),
    );
  };
}

/**
 * RFC 9457 problem details. Every error a caller sees has a stable machine-readable `reason`,
 * and names the `field` at fault when one is, so a portal can put the message next to the input.
 */
export interface FieldError {
  field: string;
  reason: string;
  detail: string;
}

export interface ProblemOptions {
  field?: string;
  title?: string;
  errors?: FieldError[];
  /** Sets Retry-After: how many seconds the caller should wait before trying again. */
  retryAfterSeconds?: number;
  cause?: unknown;
}

const TITLES: Record<number, string> = {
  400: 'Bad request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not found',
  405: 'Method not allowed',
  409: 'Conflict',
  413: 'Content too large',
  415: 'Unsupported media type',
  422: 'Unprocessable content',
  429: 'Too many requests',
  500: 'Internal server error',
  503: 'Service unavailable',
};

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

export class Problem extends Error {
  readonly field?: string;
  readonly title: string;
  readonly errors?: FieldError[];
  readonly retryAfterSeconds?: number;

  constructor(
    readonly status: number,
    readonly reason: string,
    readonly detail: string,
    options: ProblemOptions = {},
  ) {
    super(detail, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'Problem';
    this.title = options.title ?? TITLES[status] ?? 'Error';
    if (options.field !== undefined) this.field = options.field;
    if (options.errors !== undefined) this.errors = options.errors;
    if (options.retryAfterSeconds !== undefined) this.retryAfterSeconds = options.retryAfterSeconds;
  }

  /** The body, as sent. `instance` is the request path the problem occurred on. */
  toBody(instance?: string): Record<string, unknown> {
    return {
      type: `urn:vanthu:problem:${this.reason}`,
      title: this.title,
      status: this.status,
      detail: this.detail,
      reason: this.reason,
      ...(this.field !== undefined && { field: this.field }),
      ...(this.errors !== undefined && { errors: this.errors }),
      ...(instance !== undefined && { instance }),
    };
  }
}

export const badRequest = (reason: string, detail: string, field?: string) =>
  new Problem(400, reason, detail, field === undefined ? {} : { field });
export const notFound = (reason: string, detail: string) => new Problem(404, reason, detail);
export const conflict = (reason: string, detail: string, field?: string) =>
  new Problem(409, reason, detail, field === undefined ? {} : { field });
export const unavailable = (reason: string, detail: string, retryAfterSeconds: number) =>
  new Problem(503, reason, detail, { retryAfterSeconds });

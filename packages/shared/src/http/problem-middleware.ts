import type { ErrorRequestHandler, RequestHandler } from 'express';
import { z } from 'zod';
import type { Logger } from '../logging/logger';
import { Problem, PROBLEM_CONTENT_TYPE, type FieldError } from '../errors/problem';
import { isTransientDependencyError } from '../errors/transient';

interface HttpParserError {
  type?: string;
  status?: number;
  expose?: boolean;
  limit?: number;
}

function fromZod(error: z.ZodError): Problem {
  const errors: FieldError[] = error.issues.map((issue) => ({
    field: issue.path.join('.') || '(body)',
    reason: issue.code,
    detail: issue.message,
  }));
  const first = errors[0];
  return new Problem(400, 'validation-failed', first ? `${first.field}: ${first.detail}` : 'Invalid request', {
    ...(first && { field: first.field }),
    errors,
  });
}

/** Errors thrown by body parsers (express.json, raw, ...) come as http-errors with a `type`. */
function fromParser(error: HttpParserError): Problem | undefined {
  switch (error.type) {
    case 'entity.too.large':
      return new Problem(413, 'content-too-large', `The request body exceeds the limit of ${error.limit} bytes.`, {
        field: '(body)',
      });
    case 'entity.parse.failed':
      return new Problem(400, 'malformed-json', 'The request body is not valid JSON.', { field: '(body)' });
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return new Problem(415, 'unsupported-encoding', 'The request body encoding is not supported.', {
        field: '(body)',
      });
    default:
      return undefined;
  }
}

export function toProblem(error: unknown): Problem {
  if (error instanceof Problem) return error;
  if (error instanceof z.ZodError) return fromZod(error);
  if (error && typeof error === 'object') {
    const parsed = fromParser(error as HttpParserError);
    if (parsed) return parsed;
  }
  if (isTransientDependencyError(error)) {
    return new Problem(503, 'dependency-unavailable', 'A service this request needs is overloaded or unreachable for the moment; try again shortly.', {
      retryAfterSeconds: 2,
    });
  }
  return new Problem(500, 'internal-error', 'An unexpected error occurred; it has been logged.');
}

export function sendProblem(res: Parameters<RequestHandler>[1], problem: Problem, instance?: string): void {
  if (problem.retryAfterSeconds !== undefined) res.setHeader('Retry-After', String(problem.retryAfterSeconds));
  res.status(problem.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(problem.toBody(instance)));
}

export const notFoundHandler: RequestHandler = (req, res) => {
  sendProblem(res, new Problem(404, 'route-not-found', `No route for ${req.method} ${req.path}.`), req.originalUrl);
};

export function problemHandler(logger: Logger): ErrorRequestHandler {
  return (error, req, res, next) => {
    if (res.headersSent) {
      next(error);
      return;
    }
    const problem = toProblem(error);
    if (problem.status >= 500) logger.error({ err: error, path: req.originalUrl }, 'request failed');
    sendProblem(res, problem, req.originalUrl);
  };
}

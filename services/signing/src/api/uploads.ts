import multer from 'multer';
import type { Request, RequestHandler } from 'express';
import { Problem } from '@vanthu/shared';
import { SigningRefused } from '../errors';

/**
 * The text parts a signing request has (userId, orgCode, reason...), each short: a client sending
 * more, or longer ones, is not one of ours. Busboy's defaults (1 MB per field, unlimited parts and
 * headers) would let a request hold memory and time with nothing but form fields.
 */
export const FORM_LIMITS = { fields: 20, fieldSize: 4 * 1024, fieldNameSize: 100, headerPairs: 100 } as const;

/** Multipart uploads held in memory up to `maxBytes` each; limit breaches become problem+json. */
export function uploadFields(names: string[], maxBytes: number): RequestHandler {
  const handler = multer({
    storage: multer.memoryStorage(),
    limits: { ...FORM_LIMITS, fileSize: maxBytes, files: names.length, parts: names.length + FORM_LIMITS.fields },
  }).fields(names.map((name) => ({ name, maxCount: 1 })));
  return (req, res, next) => {
    handler(req, res, (error: unknown) => {
      if (!error) return next();
      if (error instanceof multer.MulterError) {
        const field = error.field ?? '(body)';
        if (error.code === 'LIMIT_FILE_SIZE') return next(new Problem(413, 'content-too-large', `${field} exceeds ${maxBytes} bytes.`, { field }));
        if (error.code === 'LIMIT_FIELD_VALUE') return next(new Problem(413, 'field-too-large', `${field} exceeds ${FORM_LIMITS.fieldSize} bytes.`, { field }));
        if (error.code === 'LIMIT_PART_COUNT' || error.code === 'LIMIT_FIELD_COUNT' || error.code === 'LIMIT_FILE_COUNT') {
          return next(new Problem(413, 'too-many-parts', `The upload has more parts than a signing request needs (${error.message}).`, { field }));
        }
        return next(new Problem(400, 'bad-upload', `${error.message} (${field}).`, { field }));
      }
      next(new Problem(400, 'bad-upload', 'The request is not a readable multipart/form-data upload.', { field: '(body)' }));
    });
  };
}

export function uploaded(req: Request, name: string, required: true): Buffer;
export function uploaded(req: Request, name: string, required?: false): Buffer | undefined;
export function uploaded(req: Request, name: string, required = false): Buffer | undefined {
  const files = req.files as Record<string, Express.Multer.File[]> | undefined;
  const file = files?.[name]?.[0];
  if (!file && required) throw new Problem(400, 'missing-file', `Upload the file as the multipart field "${name}".`, { field: name });
  if (file && file.size === 0) throw new Problem(400, 'empty-file', `The file in "${name}" is empty.`, { field: name });
  return file?.buffer;
}

export function toProblem(error: unknown): unknown {
  if (!(error instanceof SigningRefused)) return error;
  return new Problem(error.status, error.reason, error.message, {
    ...(error.field && { field: error.field }),
    ...(error.retryAfterSeconds !== undefined && { retryAfterSeconds: error.retryAfterSeconds }),
  });
}

/** Express 5 passes rejected promises on; this turns domain refusals into problems on the way. */
export const route =
  (handler: (req: Request, res: Parameters<RequestHandler>[1]) => Promise<void>): RequestHandler =>
  async (req, res, next) => {
    try {
      await handler(req, res);
    } catch (error) {
      next(toProblem(error));
    }
  };

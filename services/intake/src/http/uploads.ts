import type { Request, RequestHandler, Response } from 'express';
import multer from 'multer';
import { Problem } from '@vanthu/shared';
import type { UploadedFile } from '../app/ports';

export interface UploadLimits {
  maxContentBytes: number;
  maxAttachments: number;
}

const FILE_FIELDS = ['content', 'attachments'] as const;
const TEXT_FIELDS = new Set(['metadata']);
// Metadata is JSON of a few kilobytes; anything near this is not a draft's metadata.
const MAX_METADATA_BYTES = 256 * 1024;

function fromMulter(error: multer.MulterError, limits: UploadLimits): Problem {
  const field = error.field ?? '(body)';
  switch (error.code) {
    case 'LIMIT_FILE_SIZE':
      return new Problem(413, 'file-too-large', `The ${field} part exceeds ${limits.maxContentBytes} bytes.`, { field });
    case 'LIMIT_FIELD_VALUE':
      return new Problem(413, 'field-too-large', `The ${field} part exceeds ${MAX_METADATA_BYTES} bytes.`, { field });
    case 'LIMIT_UNEXPECTED_FILE':
      // multer reports a known field over its maxCount the same way as an unknown one.
      if (field === 'attachments') {
        return new Problem(413, 'too-many-attachments', `At most ${limits.maxAttachments} attachments are accepted.`, {
          field,
        });
      }
      if (field === 'content' || field === 'metadata') {
        return new Problem(400, 'duplicate-part', `Exactly one ${field} part is accepted.`, { field });
      }
      return new Problem(400, 'unexpected-part', `The multipart body has an unexpected file part "${field}".`, { field });
    default:
      return new Problem(413, 'upload-too-large', `The multipart body exceeds a limit (${error.message}).`, { field });
  }
}

/** Files of the request, as the app takes them; empty for a JSON request. */
export function uploadsOf(res: Response): UploadedFile[] {
  return (res.locals.uploads as UploadedFile[] | undefined) ?? [];
}

/**
 * Parses a multipart draft into memory within the limits, then shapes req.body as the OpenAPI
 * document describes it (metadata as an object, one entry per file part), so the validator checks
 * a multipart draft exactly as it checks a JSON one. The files themselves go to res.locals.
 */
export function draftUpload(limits: UploadLimits): RequestHandler {
  const parse = multer({
    storage: multer.memoryStorage(),
    limits: {
      fileSize: limits.maxContentBytes,
      files: 2 + limits.maxAttachments,
      fields: TEXT_FIELDS.size + 4,
      fieldSize: MAX_METADATA_BYTES,
      // Busboy's defaults leave parts and header pairs unbounded: a body of empty parts would hold
      // the request for as long as the client likes to send them.
      parts: TEXT_FIELDS.size + 4 + 2 + limits.maxAttachments,
      fieldNameSize: 100,
      headerPairs: 100,
    },
  }).fields([
    // Sent as a file when a client attaches a .json (curl -F metadata=@draft.json); as text otherwise.
    { name: 'metadata', maxCount: 1 },
    { name: 'content', maxCount: 1 },
    { name: 'attachments', maxCount: limits.maxAttachments },
  ]);

  const shape = (req: Request, res: Response) => {
    const text = (req.body ?? {}) as Record<string, unknown>;
    const unexpected = Object.keys(text).find((name) => !TEXT_FIELDS.has(name));
    if (unexpected !== undefined) {
      throw new Problem(400, 'unexpected-part', `The multipart body has an unexpected part "${unexpected}".`, {
        field: unexpected,
      });
    }
    const files = (req.files ?? {}) as Partial<Record<'metadata' | (typeof FILE_FIELDS)[number], Express.Multer.File[]>>;
    const body: Record<string, unknown> = {};
    const metadataFile = files.metadata?.[0];
    if (metadataFile && metadataFile.size > MAX_METADATA_BYTES) {
      throw new Problem(413, 'field-too-large', `The metadata part exceeds ${MAX_METADATA_BYTES} bytes.`, {
        field: 'metadata',
      });
    }
    const metadata = metadataFile ? metadataFile.buffer.toString('utf8') : text.metadata;
    if (typeof metadata === 'string') {
      try {
        body.metadata = JSON.parse(metadata);
      } catch {
        throw new Problem(400, 'malformed-json', 'The metadata part is not valid JSON.', { field: 'metadata' });
      }
    }
    const uploads: UploadedFile[] = [];
    for (const field of FILE_FIELDS) {
      const parts = files[field] ?? [];
      for (const part of parts) {
        uploads.push({ field, filename: part.originalname, declaredType: part.mimetype, data: part.buffer });
      }
      // The bytes stay out of the body; the validator only needs to see that the part was sent.
      if (parts.length > 0) body[field] = field === 'content' ? '' : parts.map(() => '');
    }
    req.body = body;
    res.locals.uploads = uploads;
  };

  return (req, res, next) => {
    if (!req.is('multipart/form-data')) {
      next();
      return;
    }
    parse(req, res, (error?: unknown) => {
      if (error instanceof multer.MulterError) {
        next(fromMulter(error, limits));
        return;
      }
      if (error) {
        next(new Problem(400, 'malformed-multipart', 'The multipart body could not be read.', { cause: error }));
        return;
      }
      try {
        shape(req, res);
        next();
      } catch (problem) {
        next(problem);
      }
    });
  };
}

import type { z } from 'zod';
import { badRequest } from '@vanthu/shared';

/**
 * Who did something, and when a file was closed, come from the credentials and the server's
 * clock. A body that names them is refused, not silently ignored, so a client that still sends
 * them learns that they no longer count.
 */
const SERVER_SET = new Set(['by', 'requestedBy', 'placedBy', 'releasedBy', 'approvedBy', 'decidedBy', 'createdBy', 'closedBy', 'closedAt', 'orgCode']);

/** Parses a JSON body against an object schema, refusing any field it does not declare, by name. */
export function parseBody<T extends z.ZodObject>(schema: T, body: unknown): z.infer<T> {
  const value: unknown = body ?? {};
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    for (const key of Object.keys(value)) {
      if (key in schema.shape) continue;
      if (SERVER_SET.has(key)) throw badRequest('server-set-field', `${key} is not accepted: the server sets it from your credentials or its clock.`, key);
      throw badRequest('unknown-field', `${key} is not a field of this request.`, key);
    }
  }
  return schema.parse(value) as z.infer<T>;
}

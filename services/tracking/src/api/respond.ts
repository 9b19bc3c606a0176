import type { Request, RequestHandler, Response } from 'express';

/** What a route answers; handlers return it rather than write to `res`. */
export interface JsonReply {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

export function respond(action: (req: Request, res: Response) => Promise<JsonReply>): RequestHandler {
  return async (req, res) => {
    const reply = await action(req, res);
    res.status(reply.status);
    if (reply.headers) res.set(reply.headers);
    res.json(reply.body);
  };
}

/** The validator has checked every body and parameter; these only give them types. */
export const bodyOf = <T>(req: Request): T => (req.body ?? {}) as T;
export const param = (req: Request, name: string): string => String(req.params[name]);
export const queryText = (req: Request, name: string): string | undefined => {
  const value = (req.query as Record<string, unknown>)[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
};
export const idempotencyKeyOf = (req: Request): string | undefined => req.get('Idempotency-Key') ?? undefined;

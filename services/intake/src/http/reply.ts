import type { Request, RequestHandler, Response } from 'express';

/** What a route answers: handlers return it rather than write to `res`, so it can also be stored and replayed. */
export interface JsonReply {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

export type Action = (req: Request, res: Response) => Promise<JsonReply>;

export function sendReply(res: Response, reply: JsonReply): void {
  res.status(reply.status);
  if (reply.headers) res.set(reply.headers);
  res.json(reply.body);
}

export function respond(action: Action): RequestHandler {
  return async (req, res) => {
    sendReply(res, await action(req, res));
  };
}

import type { Request, RequestHandler, Response } from 'express';
import { Problem } from '@vanthu/shared';
import type { Principal } from '../app/ports';
import { TokenError, verifyToken } from './tokens';

const REALM = 'vanthu-intake';

function challenge(error: TokenError): string {
  // RFC 6750: a request with no credentials gets a bare challenge, a bad token an error code.
  if (error.reason === 'token-missing') return `Bearer realm="${REALM}"`;
  const description = error.message.replace(/["\\]/g, "'");
  return `Bearer realm="${REALM}", error="invalid_token", error_description="${description}"`;
}

function bearerToken(req: Request): string {
  const header = req.headers.authorization;
  if (!header) throw new TokenError('token-missing', 'This endpoint needs an Authorization: Bearer token.');
  const match = /^Bearer[ ]+([^\s]+)\s*$/i.exec(header);
  if (!match?.[1]) throw new TokenError('token-missing', 'The Authorization header is not of the form "Bearer <token>".');
  return match[1];
}

/** Puts the caller's Principal on the response locals, or answers 401 before anything else runs. */
export function authenticate(secret: string): RequestHandler {
  return (req, res, next) => {
    try {
      res.locals.principal = verifyToken(secret, bearerToken(req));
      next();
    } catch (error) {
      if (!(error instanceof TokenError)) throw error;
      res.setHeader('WWW-Authenticate', challenge(error));
      next(new Problem(401, error.reason, error.message));
    }
  };
}

export function principalOf(res: Response): Principal {
  const principal = res.locals.principal as Principal | undefined;
  // Reaching a handler without one means a route was mounted outside the authenticated router.
  if (!principal) throw new Error('no authenticated principal on this request');
  return principal;
}

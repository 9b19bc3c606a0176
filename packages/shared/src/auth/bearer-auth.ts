import type { Request, RequestHandler, Response } from 'express';
import { Problem } from '../errors';
import { TokenError, verifyToken, type Principal } from './tokens';

export interface BearerAuthOptions {
  secret: string;
  /** Names the API in WWW-Authenticate challenges. */
  realm: string;
  audiences: readonly string[];
  /** For server-sent events: browsers' EventSource cannot set headers (RFC 6750 §2.3). */
  allowQueryToken?: boolean;
}

function challenge(realm: string, error: TokenError): string {
  // RFC 6750: a request with no credentials gets a bare challenge, a bad token an error code.
  if (error.reason === 'token-missing') return `Bearer realm="${realm}"`;
  return `Bearer realm="${realm}", error="invalid_token", error_description="${error.message.replace(/["\\]/g, "'")}"`;
}

function bearerToken(req: Request, allowQuery: boolean): string {
  const header = req.headers.authorization;
  if (header) {
    const match = /^Bearer[ ]+([^\s]+)\s*$/i.exec(header);
    if (!match?.[1]) throw new TokenError('token-missing', 'The Authorization header is not of the form "Bearer <token>".');
    return match[1];
  }
  const query = req.query.access_token;
  if (allowQuery && typeof query === 'string' && query !== '') return query;
  throw new TokenError('token-missing', 'This endpoint needs an Authorization: Bearer token.');
}

/** Puts the caller's Principal on the response locals, or answers 401 before anything else runs. */
export function bearerAuth(options: BearerAuthOptions): RequestHandler {
  return (req, res, next) => {
    // Already authenticated by a route-specific authenticator mounted before this one.
    if (res.locals.principal) {
      next();
      return;
    }
    try {
      res.locals.principal = verifyToken(options.secret, bearerToken(req, options.allowQueryToken ?? false), options.audiences);
      next();
    } catch (error) {
      if (!(error instanceof TokenError)) throw error;
      res.setHeader('WWW-Authenticate', challenge(options.realm, error));
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

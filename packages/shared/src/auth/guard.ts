import type { Request, RequestHandler, Response } from 'express';
import { Problem } from '../errors/problem';
import { AdmissionControl, admissionTiming } from '../http/admission';
import { inFlightLimit } from '../http/in-flight-limit';
import { rateLimit } from '../http/rate-limit';
import { Authenticator, type AuthenticatorSettings } from './authenticator';
import type { RouteTable } from './secure-router';
import { TokenError, type Caller } from './tokens';

export interface EdgeSettings {
  auth: AuthenticatorSettings;
  /** Names the API in WWW-Authenticate challenges. */
  realm: string;
  maxInFlight: number;
  ratePerSecond: number;
  rateBurst: number;
  /** The latency the admission of new work holds the process's requests to (admission.ts); a median of 500 ms when absent. */
  admission?: { targetMs: number; percentile: number };
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

const callerKey = (caller: Caller) => (caller.kind === 'user' ? `user:${caller.user.userId}` : `service:${caller.service}`);

/**
 * The edge every API request passes before any router: shed load, find the route's declared
 * policy, authenticate unless the route is public, answer 405 with Allow for a known path, apply
 * the policy, then limit the caller's rate. A route nobody declared is closed: the request needs
 * valid credentials and then meets the 404. What passes is timed for the admission of new work
 * (admission.ts), which the routes that start work apply with `admitNewWork`.
 */
export function edgeGuard(settings: EdgeSettings, table: () => RouteTable): RequestHandler[] {
  const authenticator = new Authenticator(settings.auth);
  const limit = rateLimit({
    ratePerSecond: settings.ratePerSecond,
    burst: settings.rateBurst,
    keyOf: (res: Response) => (res.locals.caller ? callerKey(res.locals.caller as Caller) : `ip:${res.req.ip ?? 'unknown'}`),
  });

  const guard: RequestHandler = async (req, res, next) => {
    const found = table().find(req.method, req.path);
    const entry = found && 'entry' in found ? found.entry : undefined;
    if (entry?.policy.public) return limit(req, res, next);
    let caller: Caller;
    try {
      caller = await authenticator.authenticate(bearerToken(req, entry?.policy.queryToken ?? false));
    } catch (error) {
      if (!(error instanceof TokenError)) return next(error);
      res.setHeader('WWW-Authenticate', challenge(settings.realm, error));
      return next(new Problem(401, error.reason, error.message));
    }
    res.locals.caller = caller;
    if (caller.kind === 'user') res.locals.principal = caller.user;
    if (found && 'allow' in found) {
      res.setHeader('Allow', found.allow.join(', '));
      return next(new Problem(405, 'method-not-allowed', `${req.path} answers ${found.allow.join(', ')}, not ${req.method}.`));
    }
    if (entry && !entry.policy.allows(caller)) {
      return next(new Problem(403, 'forbidden', `This needs ${entry.policy.describe}.`));
    }
    limit(req, res, next);
  };
  const admission = new AdmissionControl(settings.admission ?? { targetMs: 500, percentile: 0.5 });
  return [inFlightLimit(settings.maxInFlight), guard, admissionTiming(admission)];
}

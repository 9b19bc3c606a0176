import jwt from 'jsonwebtoken';
import { z } from 'zod';
import { TokenError, verifyHmacJwt, hmacKey } from './tokens';

/*
 * A service calling another service proves it is that service with a token of its own: another
 * issuer, another key, a subject naming the service. A user's token can never pass for one, and a
 * leaked service token is good for minutes, for one target.
 */

export const SERVICE_TOKEN_ISSUER = 'vanthu-services';

/** The local stack's key; refused in production like the development JWT key. */
export const DEVELOPMENT_SERVICE_TOKEN_SECRET = 'vanthu-development-only-service-token-key-do-not-deploy';

/**
 * Callers that are not services yet act as one: the supervisor's probe at start, operators' tools,
 * the console's server (which reads every process's /metrics for the operations centre).
 */
export const SERVICE_IDENTITIES = ['intake', 'signing', 'notify', 'archive', 'operator', 'console'] as const;
export type ServiceIdentity = (typeof SERVICE_IDENTITIES)[number];

const serviceSubject = z.string().regex(/^service:([a-z-]{1,40})$/);

export function issueServiceToken(secret: string, from: ServiceIdentity, audience: string, ttlSeconds = 300): string {
  return jwt.sign({}, hmacKey(secret), { algorithm: 'HS256', issuer: SERVICE_TOKEN_ISSUER, audience, subject: `service:${from}`, expiresIn: ttlSeconds });
}

export function verifyServiceToken(secret: string, token: string, audience: string): string {
  const payload = verifyHmacJwt(secret, token, SERVICE_TOKEN_ISSUER, [audience]);
  const subject = serviceSubject.safeParse(payload.sub);
  if (!subject.success) throw new TokenError('token-invalid', 'The service token does not name a service (sub: service:<name>).');
  return subject.data.slice('service:'.length);
}

import { createSecretKey, type KeyObject } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { z } from 'zod';
import { ROLES, type Role } from '../contracts/documents';
import type { ServiceName } from '../contracts/services';

/*
 * Portal users call every API with the same kind of token: issuer "vanthu" (the development
 * HMAC key) or the office's own OpenID Connect provider (oidc.ts), an audience naming the API,
 * and the claims every service decides rights on. Services calling services carry a token of
 * their own (service-tokens.ts), never a user's. One definition, so the services cannot drift
 * apart on what a valid token is.
 */

export const TOKEN_ISSUER = 'vanthu';
export const TOKEN_AUDIENCES = {
  intake: 'vanthu-intake',
  signing: 'vanthu-signing',
  notify: 'vanthu-notify',
  archive: 'vanthu-archive',
  tracking: 'vanthu-tracking',
} as const satisfies Record<ServiceName, string>;

/** What a portal's token names when one sign-on serves every API (the console, `npm run token`). */
export const ALL_AUDIENCES = Object.values(TOKEN_AUDIENCES);

/**
 * Lets `npm start` and the demo work with no environment; the settings refuse it in production,
 * where anyone who has read this file could forge tokens with it.
 */
export const DEVELOPMENT_JWT_SECRET = 'vanthu-development-only-jwt-secret-do-not-deploy';

/** HS256 key shared with whoever issues tokens; 32 bytes is the strength of the hash itself. */
export const jwtSecretSchema = z
  .string()
  .refine((s) => Buffer.byteLength(s, 'utf8') >= 32, 'must be at least 32 bytes')
  .optional();

export interface Principal {
  userId: string;
  orgCode: string;
  role: Role;
}

/** Who is calling: a person (through a portal or the console) or one of our services. */
export type Caller = { kind: 'user'; user: Principal } | { kind: 'service'; service: string };

export type TokenFailure = 'token-missing' | 'token-invalid' | 'token-expired';

export class TokenError extends Error {
  constructor(
    readonly reason: TokenFailure,
    detail: string,
  ) {
    super(detail);
    this.name = 'TokenError';
  }
}

// A token that verifies but lacks these is as useless as a forged one: the apps decide rights on them.
const claimsSchema = z.object({ sub: z.string().min(1).max(200), org: z.string().min(1).max(100), role: z.enum(ROLES) });

/** Signs a token for a user; the identity provider's job in production, the demo's and the tests' here. */
export function issueToken(
  secret: string,
  who: Principal,
  ttlSeconds: number,
  audience: string | readonly string[] = ALL_AUDIENCES,
): string {
  return jwt.sign({ org: who.orgCode, role: who.role }, secret, {
    algorithm: 'HS256',
    issuer: TOKEN_ISSUER,
    audience: typeof audience === 'string' ? audience : [...audience],
    subject: who.userId,
    expiresIn: ttlSeconds,
  });
}

/*
 * Given a string, jsonwebtoken first tries it as a PEM public key and builds the HMAC key only
 * after that throws: on every request, a fifth of the API's time. The key object is made once.
 */
const secretKeys = new Map<string, KeyObject>();
export function hmacKey(secret: string): KeyObject {
  let key = secretKeys.get(secret);
  if (!key) {
    key = createSecretKey(Buffer.from(secret, 'utf8'));
    secretKeys.set(secret, key);
  }
  return key;
}

/** Verifies an HS256 token of `issuer`; `exp` is required, so no token is valid for ever. */
export function verifyHmacJwt(secret: string, token: string, issuer: string, audiences: readonly string[]): jwt.JwtPayload {
  let payload: string | jwt.JwtPayload;
  try {
    // Pinning the algorithm stops a token from choosing "none" or an asymmetric one for itself.
    payload = jwt.verify(token, hmacKey(secret), { algorithms: ['HS256'], issuer, audience: audiences as [string, ...string[]] });
  } catch (error) {
    if (error instanceof jwt.TokenExpiredError) throw new TokenError('token-expired', 'The bearer token has expired.');
    const why = error instanceof Error ? error.message : 'unreadable';
    throw new TokenError('token-invalid', `The bearer token is not valid (${why}).`);
  }
  if (typeof payload === 'string' || typeof payload.exp !== 'number') {
    throw new TokenError('token-invalid', 'The bearer token has no expiry (exp); tokens that never expire are refused.');
  }
  return payload;
}

export function principalFromClaims(claims: unknown, names = { user: 'sub', org: 'org', role: 'role' }): Principal {
  const c = (claims ?? {}) as Record<string, unknown>;
  const parsed = claimsSchema.safeParse({ sub: c[names.user], org: c[names.org], role: c[names.role] });
  if (!parsed.success) throw new TokenError('token-invalid', `The bearer token lacks a valid ${names.user}, ${names.org} or ${names.role} claim.`);
  return { userId: parsed.data.sub, orgCode: parsed.data.org, role: parsed.data.role };
}

export function verifyToken(secret: string, token: string, audiences: readonly string[] = [TOKEN_AUDIENCES.intake]): Principal {
  return principalFromClaims(verifyHmacJwt(secret, token, TOKEN_ISSUER, audiences));
}

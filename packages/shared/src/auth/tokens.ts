import { createSecretKey, type KeyObject } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { z } from 'zod';
import { ROLES, type Role } from '../contracts/documents';

/*
 * Portal users sign in once and call every API with the same kind of token: HS256, issuer
 * "vanthu", an audience naming the API it was made for, and the claims every service decides
 * rights on. One definition, so the services cannot drift apart on what a valid token is.
 */

export const TOKEN_ISSUER = 'vanthu';
export const TOKEN_AUDIENCES = { intake: 'vanthu-intake', notify: 'vanthu-notify' } as const;

/**
 * Lets `npm start` and the demo work with no environment; the settings refuse it in production,
 * where anyone who has read this file could forge tokens with it.
 */
export const DEVELOPMENT_JWT_SECRET = 'vanthu-development-only-jwt-secret-do-not-deploy';

/** HS256 key shared with whoever issues tokens; 32 bytes is the strength of the hash itself. */
export const jwtSecretSchema = z
  .string()
  .refine((s) => Buffer.byteLength(s, 'utf8') >= 32, 'JWT_SECRET must be at least 32 bytes')
  .optional();

export interface Principal {
  userId: string;
  orgCode: string;
  role: Role;
}

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
const claimsSchema = z.object({ sub: z.string().min(1), org: z.string().min(1), role: z.enum(ROLES) });

/** Signs a token for a user; the identity provider's job in production, the demo's and the tests' here. */
export function issueToken(secret: string, who: Principal, ttlSeconds: number, audience: string = TOKEN_AUDIENCES.intake): string {
  return jwt.sign({ org: who.orgCode, role: who.role }, secret, {
    algorithm: 'HS256',
    issuer: TOKEN_ISSUER,
    audience,
    subject: who.userId,
    expiresIn: ttlSeconds,
  });
}

/*
 * Given a string, jsonwebtoken first tries it as a PEM public key and builds the HMAC key only
 * after that throws: on every request, a fifth of the API's time. The key object is made once.
 */
const secretKeys = new Map<string, KeyObject>();
function secretKey(secret: string): KeyObject {
  let key = secretKeys.get(secret);
  if (!key) {
    key = createSecretKey(Buffer.from(secret, 'utf8'));
    secretKeys.set(secret, key);
  }
  return key;
}

export function verifyToken(secret: string, token: string, audiences: readonly string[] = [TOKEN_AUDIENCES.intake]): Principal {
  let payload: unknown;
  try {
    // Pinning the algorithm stops a token from choosing "none" or an asymmetric one for itself.
    payload = jwt.verify(token, secretKey(secret), { algorithms: ['HS256'], issuer: TOKEN_ISSUER, audience: audiences as [string, ...string[]] });
  } catch (error) {
    if (error instanceof jwt.TokenExpiredError) throw new TokenError('token-expired', 'The bearer token has expired.');
    const why = error instanceof Error ? error.message : 'unreadable';
    throw new TokenError('token-invalid', `The bearer token is not valid (${why}).`);
  }
  const claims = claimsSchema.safeParse(payload);
  if (!claims.success) throw new TokenError('token-invalid', 'The bearer token lacks a valid sub, org or role claim.');
  return { userId: claims.data.sub, orgCode: claims.data.org, role: claims.data.role };
}

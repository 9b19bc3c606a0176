import { createRemoteJWKSet, errors as joseErrors, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { TokenError, principalFromClaims, type Principal } from './tokens';

/**
 * An office's own sign-on: tokens from its OpenID Connect provider, checked against the keys the
 * provider publishes at its JWKS URL. jose fetches the key set, caches it, and fetches it again
 * when a token names a key id it has not seen (the provider rotated its keys), at most every 30 s.
 */
export interface OidcSettings {
  issuer: string;
  jwksUrl: string;
  /** The audience the provider puts in tokens meant for us (its client id for the platform). */
  audience: string;
  /** Where the provider puts our claims; offices name them differently. */
  claims: { user: string; org: string; role: string };
  /** Least time between two fetches of the key set; tests of a rotation shorten it. */
  cooldownMs?: number;
}

const ALGORITHMS = ['RS256', 'ES256'];

export class OidcVerifier {
  private readonly keys: JWTVerifyGetKey;

  constructor(readonly settings: OidcSettings) {
    this.keys = createRemoteJWKSet(new URL(settings.jwksUrl), { timeoutDuration: 5_000, cooldownDuration: settings.cooldownMs ?? 30_000, cacheMaxAge: 10 * 60_000 });
  }

  async verify(token: string): Promise<Principal> {
    try {
      const { payload } = await jwtVerify(token, this.keys, {
        issuer: this.settings.issuer,
        audience: this.settings.audience,
        algorithms: ALGORITHMS,
        requiredClaims: ['exp'],
        clockTolerance: 30,
      });
      return principalFromClaims(payload, this.settings.claims);
    } catch (error) {
      if (error instanceof TokenError) throw error;
      if (error instanceof joseErrors.JWTExpired) throw new TokenError('token-expired', 'The bearer token has expired.');
      if (error instanceof joseErrors.JWTClaimValidationFailed && error.claim === 'exp') {
        throw new TokenError('token-invalid', 'The bearer token has no expiry (exp); tokens that never expire are refused.');
      }
      const why = error instanceof Error ? error.message : 'unreadable';
      throw new TokenError('token-invalid', `The bearer token is not valid (${why}).`);
    }
  }
}

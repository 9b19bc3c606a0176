import jwt from 'jsonwebtoken';
import { OidcVerifier, type OidcSettings } from './oidc';
import { SERVICE_TOKEN_ISSUER, verifyServiceToken } from './service-tokens';
import { TOKEN_ISSUER, TokenError, verifyToken, type Caller } from './tokens';

export interface AuthenticatorSettings {
  /** The audience this API accepts (`vanthu-<service>`). */
  audience: string;
  /** HS256 key of portal users' tokens; absent when only the office's OIDC provider signs users in. */
  jwtSecret?: string;
  serviceTokenSecret: string;
  oidc?: OidcSettings;
}

/** Turns a bearer token into a Caller, choosing the verifier by the token's (unverified) issuer. */
export class Authenticator {
  private readonly oidc?: OidcVerifier;

  constructor(private readonly settings: AuthenticatorSettings) {
    if (settings.oidc) this.oidc = new OidcVerifier(settings.oidc);
  }

  async authenticate(token: string): Promise<Caller> {
    // The issuer only picks the verifier; the verifier checks it again against its key.
    const issuer = (jwt.decode(token, { json: true }) ?? {}).iss;
    if (issuer === SERVICE_TOKEN_ISSUER) {
      return { kind: 'service', service: verifyServiceToken(this.settings.serviceTokenSecret, token, this.settings.audience) };
    }
    if (this.oidc && issuer === this.oidc.settings.issuer) return { kind: 'user', user: await this.oidc.verify(token) };
    if (issuer === TOKEN_ISSUER && this.settings.jwtSecret) {
      return { kind: 'user', user: verifyToken(this.settings.jwtSecret, token, [this.settings.audience]) };
    }
    throw new TokenError('token-invalid', 'The bearer token is not from an issuer this service trusts.');
  }
}

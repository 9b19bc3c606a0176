import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import jwt from 'jsonwebtoken';
import { exportJWK, generateKeyPair, SignJWT, type JWK } from 'jose';
import { Authenticator, DEVELOPMENT_JWT_SECRET, DEVELOPMENT_SERVICE_TOKEN_SECRET, issueServiceToken, issueToken, type TokenError } from '../../src';

const who = { userId: 'bs-clerk', orgCode: 'BS-TU', role: 'clerk' as const };

async function reason(auth: Authenticator, token: string): Promise<string> {
  try {
    await auth.authenticate(token);
    return 'accepted';
  } catch (error) {
    return (error as TokenError).reason;
  }
}

describe('authenticator: the development key and service tokens', () => {
  const auth = new Authenticator({ audience: 'vanthu-notify', jwtSecret: DEVELOPMENT_JWT_SECRET, serviceTokenSecret: DEVELOPMENT_SERVICE_TOKEN_SECRET });

  it('accepts a portal token for every API, or for this one', async () => {
    expect(await auth.authenticate(issueToken(DEVELOPMENT_JWT_SECRET, who, 60))).toEqual({ kind: 'user', user: who });
    expect(await auth.authenticate(issueToken(DEVELOPMENT_JWT_SECRET, who, 60, 'vanthu-notify'))).toEqual({ kind: 'user', user: who });
  });

  it('refuses other audiences, "none", expired tokens, unknown roles and tokens without exp', async () => {
    expect(await reason(auth, issueToken(DEVELOPMENT_JWT_SECRET, who, 60, 'vanthu-signing'))).toBe('token-invalid');
    expect(await reason(auth, jwt.sign({ org: 'BS-TU', role: 'clerk' }, '', { algorithm: 'none', subject: 'x', issuer: 'vanthu', audience: 'vanthu-notify' }))).toBe('token-invalid');
    expect(await reason(auth, issueToken(DEVELOPMENT_JWT_SECRET, who, -10))).toBe('token-expired');
    const noExp = jwt.sign({ org: 'BS-TU', role: 'clerk' }, DEVELOPMENT_JWT_SECRET, { subject: 'bs-clerk', issuer: 'vanthu', audience: 'vanthu-notify' });
    expect(await reason(auth, noExp)).toBe('token-invalid');
    const boss = jwt.sign({ org: 'BS-TU', role: 'boss' }, DEVELOPMENT_JWT_SECRET, { subject: 'x', issuer: 'vanthu', audience: 'vanthu-notify', expiresIn: 60 });
    expect(await reason(auth, boss)).toBe('token-invalid');
    expect(await reason(auth, issueToken('another-secret-that-is-also-32-bytes-long', who, 60))).toBe('token-invalid');
  });

  it('tells a service from a person, and a user key cannot mint a service token', async () => {
    expect(await auth.authenticate(issueServiceToken(DEVELOPMENT_SERVICE_TOKEN_SECRET, 'intake', 'vanthu-notify'))).toEqual({ kind: 'service', service: 'intake' });
    expect(await reason(auth, issueServiceToken(DEVELOPMENT_JWT_SECRET, 'intake', 'vanthu-notify'))).toBe('token-invalid');
    expect(await reason(auth, issueServiceToken(DEVELOPMENT_SERVICE_TOKEN_SECRET, 'intake', 'vanthu-archive'))).toBe('token-invalid');
  });
});

describe('authenticator: an office OpenID Connect provider (a JWKS served here)', () => {
  let server: Server;
  let keys: JWK[] = [];
  let fetches = 0;
  let issuer: string;

  beforeAll(async () => {
    server = createServer((_req, res) => {
      fetches += 1;
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ keys }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}/realms/dang`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  async function provider(alg: 'RS256' | 'ES256', kid: string) {
    const pair = await generateKeyPair(alg, { extractable: true });
    keys = [...keys, { ...(await exportJWK(pair.publicKey)), kid, alg, use: 'sig' }];
    return (claims: Record<string, unknown>, options: { exp?: boolean; audience?: string } = {}) => {
      const token = new SignJWT(claims).setProtectedHeader({ alg, kid }).setIssuer(issuer).setSubject('bs-secretary').setAudience(options.audience ?? 'vanthu').setIssuedAt();
      return (options.exp === false ? token : token.setExpirationTime('5m')).sign(pair.privateKey);
    };
  }

  it('accepts RS256 and ES256 tokens, follows a key rotation, and maps its own claim names', async () => {
    const auth = new Authenticator({
      audience: 'vanthu-signing',
      serviceTokenSecret: DEVELOPMENT_SERVICE_TOKEN_SECRET,
      oidc: { issuer, jwksUrl: `${issuer}/certs`, audience: 'vanthu', claims: { user: 'sub', org: 'vanthu_org', role: 'vanthu_role' }, cooldownMs: 0 },
    });
    const first = await provider('RS256', 'k1');
    const claims = { vanthu_org: 'BS-TU', vanthu_role: 'leader' };
    expect(await auth.authenticate(await first(claims))).toEqual({ kind: 'user', user: { userId: 'bs-secretary', orgCode: 'BS-TU', role: 'leader' } });
    // The provider rotates: a new key id the cached set lacks makes jose fetch the set again.
    const rotated = await provider('ES256', 'k2');
    expect(await auth.authenticate(await rotated(claims))).toMatchObject({ kind: 'user' });
    expect(fetches).toBeGreaterThanOrEqual(2);

    expect(await reason(auth, await rotated(claims, { exp: false }))).toBe('token-invalid');
    expect(await reason(auth, await rotated(claims, { audience: 'someone-else' }))).toBe('token-invalid');
    expect(await reason(auth, await rotated({ vanthu_org: 'BS-TU' }))).toBe('token-invalid');
    // Without a development key configured, a token signed with it is nobody's.
    expect(await reason(auth, issueToken(DEVELOPMENT_JWT_SECRET, who, 60))).toBe('token-invalid');
  });
});

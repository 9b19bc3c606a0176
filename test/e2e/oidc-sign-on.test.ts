import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import jwt from 'jsonwebtoken';
import { exportJWK, generateKeyPair, SignJWT, type JWK } from 'jose';
import {
  createApiApp,
  createLogger,
  DEVELOPMENT_JWT_SECRET,
  Lifecycle,
  listen,
  loadEdgeSettings,
  loadServiceConfig,
  openServiceContext,
  type StartedServer,
} from '@vanthu/shared';
import { intakeService } from '../../services/intake/src/service';

/*
 * An office plugs in its own sign-on: the intake API, composed as its process composes it, with
 * OIDC_ISSUER and OIDC_JWKS_URL pointing at an identity provider this test plays (its JWKS served
 * on loopback). Its tokens are accepted; tokens without an expiry are refused, from it and from
 * the development key alike.
 */
describe('sign-on through an OpenID Connect provider, on the real stack', () => {
  let jwks: Server;
  let api: StartedServer;
  let lifecycle: Lifecycle;
  let issuer: string;
  let sign: (claims: Record<string, unknown>, withExp?: boolean) => Promise<string>;

  beforeAll(async () => {
    const pair = await generateKeyPair('ES256', { extractable: true });
    const key: JWK = { ...(await exportJWK(pair.publicKey)), kid: 'office-2026', alg: 'ES256', use: 'sig' };
    jwks = createServer((_req, res) => res.setHeader('content-type', 'application/json').end(JSON.stringify({ keys: [key] })));
    await new Promise<void>((resolve) => jwks.listen(0, '127.0.0.1', resolve));
    issuer = `http://127.0.0.1:${(jwks.address() as AddressInfo).port}/realms/tinh-uy`;
    sign = (claims, withExp = true) => {
      const token = new SignJWT(claims).setProtectedHeader({ alg: 'ES256', kid: 'office-2026' }).setIssuer(issuer).setAudience('vanthu').setSubject('bs-clerk').setIssuedAt();
      return (withExp ? token.setExpirationTime('10m') : token).sign(pair.privateKey);
    };

    const logger = createLogger({ test: 'oidc' }, 'silent');
    lifecycle = new Lifecycle(logger);
    const config = loadServiceConfig('intake', 'api', { ...process.env, MONGO_DATABASE: 'vanthu_intake_oidc' });
    const ctx = await openServiceContext(config, logger, lifecycle);
    await intakeService.prepare?.(ctx);
    const edge = loadEdgeSettings('intake', { OIDC_ISSUER: issuer, OIDC_JWKS_URL: `${issuer}/protocol/openid-connect/certs` });
    api = await listen(await createApiApp(intakeService, ctx, lifecycle, edge), '127.0.0.1', 0);
  });

  afterAll(async () => {
    await api?.close();
    await lifecycle?.stop();
    await new Promise((resolve) => jwks.close(resolve));
  });

  const organisations = (token: string) => fetch(`${api.url}/v1/organisations`, { headers: { authorization: `Bearer ${token}` } });

  it("accepts the provider's token and acts as the person it names", async () => {
    const res = await organisations(await sign({ org: 'BS-TU', role: 'clerk' }));
    expect(res.status).toBe(200);
    expect(((await res.json()) as { items: unknown[] }).items.length).toBeGreaterThan(0);
  });

  it('refuses a token without exp, from the provider and from the development key', async () => {
    const fromProvider = await organisations(await sign({ org: 'BS-TU', role: 'clerk' }, false));
    expect(fromProvider.status).toBe(401);
    expect(await fromProvider.json()).toMatchObject({ reason: 'token-invalid' });
    const forever = jwt.sign({ org: 'BS-TU', role: 'clerk' }, DEVELOPMENT_JWT_SECRET, { subject: 'bs-clerk', issuer: 'vanthu', audience: 'vanthu-intake' });
    const fromKey = await organisations(forever);
    expect(fromKey.status).toBe(401);
    expect(await fromKey.json()).toMatchObject({ reason: 'token-invalid', detail: expect.stringMatching(/exp/) });
  });

  it('refuses a token signed by a key the provider does not publish', async () => {
    const stranger = await generateKeyPair('ES256');
    const forged = await new SignJWT({ org: 'BS-TU', role: 'admin' })
      .setProtectedHeader({ alg: 'ES256', kid: 'office-2026' })
      .setIssuer(issuer)
      .setAudience('vanthu')
      .setSubject('bs-admin')
      .setExpirationTime('10m')
      .sign(stranger.privateKey);
    expect((await organisations(forged)).status).toBe(401);
  });
});

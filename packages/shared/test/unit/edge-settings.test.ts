import { ConfigError, DEVELOPMENT_JWT_SECRET, DEVELOPMENT_SERVICE_TOKEN_SECRET, loadEdgeSettings } from '../../src';

describe('edge settings', () => {
  const secret = 'a-production-secret-of-at-least-32-bytes';
  const serviceSecret = 'another-production-secret-of-32-bytes!';

  it('works with no environment outside production, on the published development keys', () => {
    const edge = loadEdgeSettings('signing', { NODE_ENV: 'development' });
    expect(edge).toMatchObject({ realm: 'vanthu-signing', maxInFlight: 64, ratePerSecond: 20, rateBurst: 40 });
    expect(edge.auth).toEqual({ audience: 'vanthu-signing', jwtSecret: DEVELOPMENT_JWT_SECRET, serviceTokenSecret: DEVELOPMENT_SERVICE_TOKEN_SECRET });
  });

  it('refuses the published development keys, and missing keys, in production', () => {
    expect(() => loadEdgeSettings('intake', { NODE_ENV: 'production' })).toThrow(ConfigError);
    expect(() => loadEdgeSettings('intake', { NODE_ENV: 'production', JWT_SECRET: DEVELOPMENT_JWT_SECRET, SERVICE_TOKEN_SECRET: serviceSecret })).toThrow(
      /JWT_SECRET must not be the development default/,
    );
    expect(() => loadEdgeSettings('intake', { NODE_ENV: 'production', JWT_SECRET: secret, SERVICE_TOKEN_SECRET: DEVELOPMENT_SERVICE_TOKEN_SECRET })).toThrow(
      /SERVICE_TOKEN_SECRET must not be the development default/,
    );
    expect(() => loadEdgeSettings('intake', { NODE_ENV: 'production', JWT_SECRET: 'short', SERVICE_TOKEN_SECRET: serviceSecret })).toThrow(/at least 32 bytes/);
  });

  it('signs users in through OIDC alone in production when no JWT key is given', () => {
    const edge = loadEdgeSettings('archive', {
      NODE_ENV: 'production',
      SERVICE_TOKEN_SECRET: serviceSecret,
      OIDC_ISSUER: 'https://sso.example.gov.vn/realms/dang',
      OIDC_JWKS_URL: 'https://sso.example.gov.vn/realms/dang/protocol/openid-connect/certs',
      OIDC_ROLE_CLAIM: 'vanthu_role',
    });
    expect(edge.auth.jwtSecret).toBeUndefined();
    expect(edge.auth.oidc).toMatchObject({ issuer: 'https://sso.example.gov.vn/realms/dang', audience: 'vanthu', claims: { user: 'sub', org: 'org', role: 'vanthu_role' } });
    expect(() => loadEdgeSettings('archive', { OIDC_ISSUER: 'https://sso.example.gov.vn/' })).toThrow(/set together/);
  });

  it('reads limits named after the service', () => {
    expect(loadEdgeSettings('notify', { NOTIFY_MAX_IN_FLIGHT: '8', NOTIFY_RATE_PER_SECOND: '2.5', INTAKE_MAX_IN_FLIGHT: '1' })).toMatchObject({ maxInFlight: 8, ratePerSecond: 2.5 });
  });
});

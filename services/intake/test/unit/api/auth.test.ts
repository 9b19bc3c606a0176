import jwt from 'jsonwebtoken';
import { issueToken, TOKEN_AUDIENCES, TOKEN_ISSUER } from '@vanthu/shared';
import { FakeIntake } from './support/fake-intake';
import { problemOf } from './support/drafts';
import { ADMIN, startApi, TEST_SECRET, type TestApi } from './support/api-server';

describe('authentication', () => {
  let intake: FakeIntake;
  let api: TestApi;

  beforeEach(async () => {
    intake = new FakeIntake();
    api = await startApi(intake);
  });
  afterEach(() => api.close());

  const withToken = (token: string) => api.call('/v1/organisations', { headers: { authorization: `Bearer ${token}` } });

  async function expectUnauthorized(response: Response, reason: string) {
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toMatch(/^Bearer realm="vanthu-intake"/);
    expect(await problemOf(response)).toMatchObject({ status: 401, reason });
    expect(intake.calls).toHaveLength(0);
  }

  it('refuses a request without a token', async () => {
    const response = await fetch(`${api.url}/v1/organisations`);
    await expectUnauthorized(response, 'token-missing');
    expect(response.headers.get('www-authenticate')).toBe('Bearer realm="vanthu-intake"');
  });

  it('refuses an Authorization header that is not a bearer token', async () => {
    const response = await api.call('/v1/organisations', { headers: { authorization: 'Basic YWxhZGRpbjpvcGVu' } });
    await expectUnauthorized(response, 'token-missing');
  });

  it('refuses a token signed with another secret', async () => {
    const forged = issueToken('another-secret-that-is-also-32-bytes-long', ADMIN, 300);
    const response = await withToken(forged);
    await expectUnauthorized(response, 'token-invalid');
    expect(response.headers.get('www-authenticate')).toContain('error="invalid_token"');
  });

  it('refuses an expired token', async () => {
    const expired = jwt.sign({ org: 'BS-TU', role: 'admin', exp: Math.floor(Date.now() / 1000) - 60 }, TEST_SECRET, {
      algorithm: 'HS256',
      issuer: TOKEN_ISSUER,
      audience: TOKEN_AUDIENCES.intake,
      subject: 'bs-admin',
    });
    await expectUnauthorized(await withToken(expired), 'token-expired');
  });

  it('refuses a token for another audience', async () => {
    const other = jwt.sign({ org: 'BS-TU', role: 'admin' }, TEST_SECRET, {
      algorithm: 'HS256',
      issuer: TOKEN_ISSUER,
      audience: 'vanthu-signing',
      subject: 'bs-admin',
      expiresIn: 300,
    });
    await expectUnauthorized(await withToken(other), 'token-invalid');
  });

  it('refuses a token with a role that does not exist', async () => {
    const odd = jwt.sign({ org: 'BS-TU', role: 'superuser' }, TEST_SECRET, {
      algorithm: 'HS256',
      issuer: TOKEN_ISSUER,
      audience: TOKEN_AUDIENCES.intake,
      subject: 'bs-admin',
      expiresIn: 300,
    });
    await expectUnauthorized(await withToken(odd), 'token-invalid');
  });

  it('refuses an unsigned token', async () => {
    const unsigned = jwt.sign({ org: 'BS-TU', role: 'admin', iss: TOKEN_ISSUER, aud: TOKEN_AUDIENCES.intake, sub: 'bs-admin' }, '', {
      algorithm: 'none',
    });
    await expectUnauthorized(await withToken(unsigned), 'token-invalid');
  });

  it('passes the principal of a valid token to the application', async () => {
    const response = await withToken(issueToken(TEST_SECRET, { userId: 'tl-clerk', orgCode: 'BS-TL-DU', role: 'clerk' }, 60));
    expect(response.status).toBe(200);
    expect(intake.callsOf('listOrganisations')[0]?.principal).toEqual({ userId: 'tl-clerk', orgCode: 'BS-TL-DU', role: 'clerk' });
  });

  it('keeps health and the OpenAPI document public', async () => {
    for (const path of ['/health/live', '/v1/openapi.yaml', '/v1/openapi.json']) {
      expect((await fetch(`${api.url}${path}`)).status).toBe(200);
    }
  });
});

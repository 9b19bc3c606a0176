import { ConfigError, DEMO_USERS, DEVELOPMENT_JWT_SECRET, TOKEN_AUDIENCES, verifyToken } from '@vanthu/shared';
import { loadConsoleConfig } from '../../server/src/config';
import { DEV_TOKEN_TTL_SECONDS } from '../../server/src/auth/sign-in-routes';
import { fakeWebBundle, startTestConsole, type TestConsole } from './console-app';

const OIDC = { OIDC_ISSUER: 'https://id.example.vn/realms/vanthu', OIDC_CLIENT_ID: 'vanthu-server', OIDC_SCOPES: 'openid profile vanthu' };

const signIn = (server: TestConsole, body: unknown, contentType = 'application/json') =>
  fetch(`${server.url}/auth/dev/sign-in`, { method: 'POST', headers: { 'content-type': contentType }, body: typeof body === 'string' ? body : JSON.stringify(body) });

describe('development sign-in', () => {
  let server: TestConsole;
  beforeAll(async () => {
    server = await startTestConsole({ CONSOLE_WEB_ROOT: fakeWebBundle() });
  });
  afterAll(() => server.close());

  it('tells the browser to list the demo users, and nothing secret', async () => {
    const res = await fetch(`${server.url}/auth/config`);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(await res.json()).toEqual({ mode: 'development', temporalUiUrl: 'http://127.0.0.1:8233', temporalNamespace: 'default' });
  });

  it('lists every demo user with name, position, role and organisation, without e-mail addresses', async () => {
    const { items } = (await (await fetch(`${server.url}/auth/dev/users`)).json()) as { items: Array<Record<string, string>> };
    expect(items.map((u) => u.id)).toEqual(DEMO_USERS.map((u) => u.id));
    expect(items.find((u) => u.id === 'bs-clerk')).toEqual({
      id: 'bs-clerk',
      fullName: 'Nguyễn Thị Lan',
      position: 'Văn thư Văn phòng Tỉnh ủy',
      role: 'clerk',
      org: 'BS-TU',
      orgName: 'Tỉnh ủy Bắc Sơn',
    });
    expect(items.some((u) => 'email' in u)).toBe(false);
  });

  it('signs a demo user in with a token every service accepts, for a few hours', async () => {
    const before = Date.now();
    const res = await signIn(server, { userId: 'tl-clerk' });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { accessToken: string; expiresAt: string; user: { id: string } };
    expect(body.user.id).toBe('tl-clerk');
    for (const audience of Object.values(TOKEN_AUDIENCES)) {
      expect(verifyToken(DEVELOPMENT_JWT_SECRET, body.accessToken, [audience])).toEqual({ userId: 'tl-clerk', orgCode: 'BS-TL-DU', role: 'clerk' });
    }
    const ttl = (Date.parse(body.expiresAt) - before) / 1000;
    expect(ttl).toBeGreaterThan(DEV_TOKEN_TTL_SECONDS - 60);
    expect(ttl).toBeLessThanOrEqual(DEV_TOKEN_TTL_SECONDS + 1);
  });

  it.each([
    ['no user id', {}, 'userId'],
    ['a user id that is not a string', { userId: 42 }, 'userId'],
    ['a user id too long', { userId: 'x'.repeat(101) }, 'userId'],
    ['a user id with other characters', { userId: 'bs clerk<' }, 'userId'],
    ['a field it does not take', { userId: 'bs-clerk', role: 'admin' }, '(body)'],
  ])('refuses %s with problem+json naming the field', async (_what, body, field) => {
    const res = await signIn(server, body);
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await res.json()).toMatchObject({ status: 400, reason: 'validation-failed', field });
  });

  it('refuses a user it does not know, malformed JSON and a large body', async () => {
    const unknown = await signIn(server, { userId: 'nobody' });
    expect([unknown.status, await unknown.json()]).toEqual([400, expect.objectContaining({ reason: 'unknown-user', field: 'userId' })]);
    const malformed = await signIn(server, '{"userId":');
    expect([malformed.status, ((await malformed.json()) as { reason: string }).reason]).toEqual([400, 'malformed-json']);
    const large = await signIn(server, { userId: 'bs-clerk', padding: 'x'.repeat(4096) });
    expect([large.status, ((await large.json()) as { reason: string }).reason]).toEqual([413, 'content-too-large']);
  });
});

describe('sign-in through the identity provider', () => {
  let server: TestConsole;
  beforeAll(async () => {
    server = await startTestConsole({ ...OIDC, CONSOLE_WEB_ROOT: fakeWebBundle() });
  });
  afterAll(() => server.close());

  it('tells the browser the provider, the client and the claims, and lets the page call the provider', async () => {
    const res = await fetch(`${server.url}/auth/config`);
    expect(await res.json()).toEqual({
      mode: 'oidc',
      issuer: OIDC.OIDC_ISSUER,
      clientId: 'vanthu-server',
      scopes: 'openid profile vanthu',
      claims: { user: 'sub', org: 'org', role: 'role' },
      temporalUiUrl: 'http://127.0.0.1:8233',
      temporalNamespace: 'default',
    });
    expect(res.headers.get('content-security-policy')).toContain("connect-src 'self' https://id.example.vn");
  });

  it('refuses the development sign-in and its list of users', async () => {
    for (const res of [await fetch(`${server.url}/auth/dev/users`), await signIn(server, { userId: 'bs-admin' })]) {
      expect(res.status).toBe(403);
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(await res.json()).toMatchObject({ reason: 'development-sign-in-off' });
    }
  });
});

describe('server configuration', () => {
  it('refuses development sign-in in production, and OIDC without a client id', () => {
    expect(() => loadConsoleConfig({ NODE_ENV: 'production' })).toThrow(ConfigError);
    expect(() => loadConsoleConfig({ NODE_ENV: 'production', CONSOLE_SIGN_IN: 'development', ...OIDC })).toThrow(/CONSOLE_SIGN_IN/);
    expect(() => loadConsoleConfig({ OIDC_ISSUER: OIDC.OIDC_ISSUER })).toThrow(/OIDC_CLIENT_ID/);
    expect(loadConsoleConfig({ NODE_ENV: 'production', ...OIDC }).signIn.mode).toBe('oidc');
  });

  it("finds each service at its port, shifted as the test stack's are, unless its URL is given", () => {
    const config = loadConsoleConfig({ CONSOLE_SERVICE_PORT_OFFSET: '1000', CONSOLE_NOTIFY_URL: 'http://notify-api:3003/' });
    expect(config.services).toEqual({
      intake: 'http://127.0.0.1:4001',
      signing: 'http://127.0.0.1:4002',
      notify: 'http://notify-api:3003',
      archive: 'http://127.0.0.1:4004',
      tracking: 'http://127.0.0.1:4005',
    });
  });

  it('links operators to the Temporal Web UI of the namespace the services use', () => {
    expect(loadConsoleConfig({}).temporalUi).toEqual({ url: 'http://127.0.0.1:8233', namespace: 'default' });
    expect(loadConsoleConfig({ TEMPORAL_UI_URL: 'https://temporal.example.vn/', TEMPORAL_NAMESPACE: 'vanthu' }).temporalUi).toEqual({ url: 'https://temporal.example.vn', namespace: 'vanthu' });
    expect(() => loadConsoleConfig({ TEMPORAL_UI_URL: 'javascript:alert(1)' })).toThrow(/TEMPORAL_UI_URL/);
  });
});

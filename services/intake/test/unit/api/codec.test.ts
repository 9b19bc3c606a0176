import { randomBytes } from 'node:crypto';
import { defaultPayloadConverter, type Payload } from '@temporalio/common';
import {
  ConfigError,
  createHttpApp,
  createLogger,
  EncryptionCodec,
  finishApp,
  issueToken,
  KeyRing,
  listen,
  loadEdgeSettings,
  mountSecure,
  Problem,
  WORKFLOW_ID_METADATA,
  type StartedServer,
} from '@vanthu/shared';
import { codecRouter } from '../../../src/api/codec-routes';
import { codecHttpOptions, loadCodecSettings } from '../../../src/api/codec-settings';
import { codecRights } from '../../../src/app/codec-rights';
import type { Principal } from '../../../src/app/ports';
import { TEST_SECRET } from './support/api-server';

const NAMESPACE = 'vanthu-test';
const UI = 'http://127.0.0.1:8233';
const CLERK: Principal = { userId: 'bs-clerk', orgCode: 'BS-TU', role: 'clerk' };
const TL_CLERK: Principal = { userId: 'tl-clerk', orgCode: 'BS-TL-DU', role: 'clerk' };
const ADMIN: Principal = { userId: 'bs-admin', orgCode: 'BS-TU', role: 'admin' };

interface Wire {
  metadata: Record<string, string>;
  data: string;
}
const toWire = (p: Payload): Wire => ({
  metadata: Object.fromEntries(Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v!).toString('base64')])),
  data: Buffer.from(p.data ?? []).toString('base64'),
});
const fromWire = (w: Wire): Payload => ({
  metadata: Object.fromEntries(Object.entries(w.metadata).map(([k, v]) => [k, Buffer.from(v, 'base64')])),
  data: Buffer.from(w.data, 'base64'),
});

describe('the codec endpoint (Temporal codec-server protocol)', () => {
  const codec = new EncryptionCodec(new KeyRing({ masters: new Map([['m1', randomBytes(32)]]), current: 'm1' }));
  let server: StartedServer;
  const audits: Array<{ userId: string; workflowIds: string[]; outcome: string }> = [];
  const reads: string[] = [];
  let outage = false;
  /** BS-TU's clerk reads document d1 and BS-TL-DU's copy of it; nobody else reads anything. */
  const intake = {
    getDocument: async (principal: Principal, id: string) => {
      reads.push(`document ${id}`);
      if (outage) throw new Error('database down');
      if (id === 'd1' && principal.orgCode === 'BS-TU') return {} as never;
      throw new Problem(404, 'document-not-found', `There is no document ${id}.`);
    },
    getIncoming: async (principal: Principal, id: string) => {
      reads.push(`incoming ${id}`);
      if (id === 'd1@BS-TL-DU' && principal.orgCode === 'BS-TL-DU') return {} as never;
      throw new Problem(404, 'incoming-not-found', `There is no incoming document ${id}.`);
    },
  };

  beforeAll(async () => {
    const logger = createLogger({ test: 'codec' }, 'silent');
    const edge = { ...loadEdgeSettings('intake', { JWT_SECRET: TEST_SECRET }), ratePerSecond: 1000, rateBurst: 1000 };
    const app = createHttpApp({ service: 'intake', logger, readiness: [], state: { draining: false }, edge, ...codecHttpOptions({ corsOrigins: [UI] }) });
    mountSecure(
      app,
      codecRouter({
        codec,
        namespace: NAMESPACE,
        authorise: codecRights(intake),
        audit: async (principal, workflowIds, outcome) => {
          audits.push({ userId: principal.userId, workflowIds, outcome });
        },
      }),
    );
    finishApp(app, logger);
    server = await listen(app, '127.0.0.1', 0);
  });
  afterAll(() => server.close());
  beforeEach(() => {
    audits.length = 0;
    reads.length = 0;
    outage = false;
  });

  const post = (path: string, body: unknown, as?: Principal, headers: Record<string, string> = {}) =>
    fetch(`${server.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-namespace': NAMESPACE, ...(as && { authorization: `Bearer ${issueToken(TEST_SECRET, as, 60)}` }), ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
  const encrypted = async (workflowId: string | undefined, value: unknown) =>
    toWire((await codec.encode([defaultPayloadConverter.toPayload(value)!], workflowId === undefined ? undefined : { type: 'workflow', namespace: NAMESPACE, workflowId }))[0]!);
  const valuesOf = async (res: Response) => ((await res.json()) as { payloads: Wire[] }).payloads.map((w) => defaultPayloadConverter.fromPayload(fromWire(w)));

  it('needs a token', async () => {
    const res = await post('/v1/codec/decode', { payloads: [await encrypted('document-d1', 'x')] });
    expect(res.status).toBe(401);
  });

  it("decodes a document's payloads for whoever may read the document, and logs the read", async () => {
    const res = await post('/v1/codec/decode', { payloads: [await encrypted('document-d1', { subject: 'NQ' }), await encrypted('document-d1', 2)] }, CLERK);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await valuesOf(res)).toEqual([{ subject: 'NQ' }, 2]);
    expect(reads).toEqual(['document d1']);
    expect(audits).toEqual([{ userId: 'bs-clerk', workflowIds: ['document-d1'], outcome: 'allowed' }]);
  });

  it("decodes a recipient's copy for the recipient, by the incoming id in the workflow id", async () => {
    const res = await post('/v1/codec/decode', { payloads: [await encrypted('incoming-d1@BS-TL-DU', 'copy')] }, TL_CLERK);
    expect(res.status).toBe(200);
    expect(await valuesOf(res)).toEqual(['copy']);
    expect(reads).toEqual(['incoming d1@BS-TL-DU']);
  });

  it('decodes nothing of a batch when one workflow is refused', async () => {
    const res = await post('/v1/codec/decode', { payloads: [await encrypted('document-d1', 'mine'), await encrypted('document-d2', 'theirs')] }, CLERK);
    expect(res.status).toBe(403);
    const problem = (await res.json()) as { reason: string; field: string; payloads?: unknown; detail: string };
    expect(problem).toMatchObject({ reason: 'payloads-forbidden', field: 'payloads' });
    expect(problem.detail).toContain('document-d2');
    expect(JSON.stringify(problem)).not.toContain('mine');
    expect(audits).toEqual([{ userId: 'bs-clerk', workflowIds: ['document-d1', 'document-d2'], outcome: 'refused' }]);
  });

  it('keeps the payloads of other workflows, and of none, for admins', async () => {
    const batch = { payloads: [await encrypted('system-probe-1', 'probe'), await encrypted(undefined, 'unnamed')] };
    const refused = await post('/v1/codec/decode', batch, CLERK);
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { detail: string }).detail).toContain('system-probe-1');
    const allowed = await post('/v1/codec/decode', batch, ADMIN);
    expect(allowed.status).toBe(200);
    expect(await valuesOf(allowed)).toEqual(['probe', 'unnamed']);
  });

  it('returns payloads that were never encrypted as they came, asking no one', async () => {
    const plain = toWire(defaultPayloadConverter.toPayload({ a: 1 })!);
    const res = await post('/v1/codec/decode', { payloads: [plain] }, CLERK);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { payloads: Wire[] }).payloads).toEqual([plain]);
    expect(reads).toEqual([]);
  });

  it('does not open a payload relabelled with a workflow the caller may read', async () => {
    const stolen = await encrypted('document-d2', 'secret');
    const relabelled = { ...stolen, metadata: { ...stolen.metadata, [WORKFLOW_ID_METADATA]: Buffer.from('document-d1').toString('base64') } };
    const res = await post('/v1/codec/decode', { payloads: [relabelled] }, CLERK);
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ reason: 'payload-not-authentic', field: 'payloads.0' });
  });

  it('names a key it does not have', async () => {
    const other = new EncryptionCodec(new KeyRing({ masters: new Map([['gone', randomBytes(32)]]), current: 'gone' }));
    const payload = toWire((await other.encode([defaultPayloadConverter.toPayload(1)!]))[0]!);
    const res = await post('/v1/codec/decode', { payloads: [payload] }, ADMIN);
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ reason: 'unknown-key', field: 'payloads.0' });
  });

  it('answers an outage as an outage, not as a refusal', async () => {
    outage = true;
    const res = await post('/v1/codec/decode', { payloads: [await encrypted('document-d1', 1)] }, CLERK);
    expect(res.status).toBe(500);
    expect(audits).toEqual([]);
  });

  it('serves its own namespace only, from the path or X-Namespace', async () => {
    const body = { payloads: [await encrypted('document-d1', 1)] };
    expect((await post(`/v1/codec/${NAMESPACE}/decode`, body, CLERK, { 'x-namespace': '' })).status).toBe(200);
    const wrongPath = await post('/v1/codec/default/decode', body, CLERK);
    expect(wrongPath.status).toBe(404);
    expect(await wrongPath.json()).toMatchObject({ reason: 'namespace-not-found', field: 'namespace' });
    expect((await post('/v1/codec/decode', body, CLERK, { 'x-namespace': 'default' })).status).toBe(404);
  });

  it('names bad bodies: malformed JSON, bytes not in base64, not JSON at all, too large', async () => {
    const malformed = await post('/v1/codec/decode', '{"payloads": [', CLERK);
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toMatchObject({ reason: 'malformed-json' });
    const notBase64 = await post('/v1/codec/decode', { payloads: [{ metadata: { encoding: 'not base64!' }, data: '' }] }, CLERK);
    expect(notBase64.status).toBe(400);
    expect(await notBase64.json()).toMatchObject({ reason: 'validation-failed', field: 'payloads.0.metadata.encoding' });
    const text = await post('/v1/codec/decode', 'payloads', CLERK, { 'content-type': 'text/plain' });
    expect(text.status).toBe(415);
    const huge = await post('/v1/codec/decode', { payloads: [{ data: 'A'.repeat(4 * 1024 * 1024 + 4) }] }, CLERK);
    expect(huge.status).toBe(413);
    // Larger than the rest of the API takes, within the codec's own limit.
    const large = await post('/v1/codec/decode', { payloads: [{ data: 'A'.repeat(2 * 1024 * 1024) }] }, CLERK);
    expect(large.status).toBe(200);
  });

  it('encodes for admins only, into payloads that decode back', async () => {
    const plain = { payloads: [toWire(defaultPayloadConverter.toPayload({ signal: 'x' })!)] };
    expect((await post('/v1/codec/encode', plain, CLERK)).status).toBe(403);
    const res = await post(`/v1/codec/${NAMESPACE}/encode`, plain, ADMIN);
    expect(res.status).toBe(200);
    const encoded = ((await res.json()) as { payloads: Wire[] }).payloads;
    expect(Buffer.from(encoded[0]!.metadata.encoding!, 'base64').toString()).toBe('binary/encrypted');
    expect(await valuesOf(await post('/v1/codec/decode', { payloads: encoded }, ADMIN))).toEqual([{ signal: 'x' }]);
  });

  it('lets the Temporal UI preflight without a token', async () => {
    const res = await fetch(`${server.url}/v1/codec/decode`, {
      method: 'OPTIONS',
      headers: { origin: UI, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type,x-namespace' },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe(UI);
    expect(res.headers.get('access-control-allow-headers')).toContain('X-Namespace');
  });

  it('signs a browser in with a cookie, which then stands for the token on the codec routes only', async () => {
    const token = issueToken(TEST_SECRET, CLERK, 600);
    const signIn = await fetch(`${server.url}/v1/codec/session?access_token=${token}`);
    expect(signIn.status).toBe(200);
    const cookie = signIn.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^vanthu_codec=[^;]+; Path=\/v1\/codec; Expires=[^;]+; HttpOnly; SameSite=Lax$/);
    expect(await signIn.text()).toContain('Signed in to the codec endpoint as bs-clerk');
    const session = cookie.split(';')[0]!;

    // The UI's call, with "include cross-origin credentials": no Authorization header, the cookie.
    const withCookie = await post('/v1/codec/decode', { payloads: [await encrypted('document-d1', 'x')] }, undefined, { cookie: session, origin: UI });
    expect(withCookie.status).toBe(200);
    expect(withCookie.headers.get('access-control-allow-credentials')).toBe('true');
    expect(await valuesOf(withCookie)).toEqual(['x']);
    // Still the clerk's rights: another organisation's copy stays closed.
    expect((await post('/v1/codec/decode', { payloads: [await encrypted('incoming-d1@BS-TL-DU', 'y')] }, undefined, { cookie: session })).status).toBe(403);
    // A forged or stale cookie is a missing token.
    expect((await post('/v1/codec/decode', { payloads: [await encrypted('document-d1', 'x')] }, undefined, { cookie: 'vanthu_codec=not-a-token' })).status).toBe(401);
    // Signing in needs a valid token, and signing out clears the cookie.
    expect((await fetch(`${server.url}/v1/codec/session?access_token=forged`)).status).toBe(401);
    const out = await fetch(`${server.url}/v1/codec/session`, { method: 'DELETE', headers: { cookie: session } });
    expect(out.status).toBe(204);
    expect(out.headers.get('set-cookie')).toMatch(/^vanthu_codec=; Path=\/v1\/codec; Expires=Thu, 01 Jan 1970/);
  });

});

describe('the codec endpoint settings', () => {
  it("allow the local Temporal UI's origins outside production, and none in production unless named", () => {
    expect(loadCodecSettings({}).corsOrigins).toEqual(['http://localhost:8233', 'http://127.0.0.1:8233']);
    expect(loadCodecSettings({ VANTHU_TEMPORAL_UI_PORT: '9233' }).corsOrigins).toEqual(['http://localhost:9233', 'http://127.0.0.1:9233']);
    expect(loadCodecSettings({ NODE_ENV: 'production' }).corsOrigins).toEqual([]);
    expect(loadCodecSettings({ NODE_ENV: 'production', CODEC_CORS_ORIGINS: 'https://temporal.example.org, https://ui.example.org:8443' }).corsOrigins).toEqual([
      'https://temporal.example.org',
      'https://ui.example.org:8443',
    ]);
  });

  it('refuse what is not an origin, naming the variable', () => {
    expect(() => loadCodecSettings({ CODEC_CORS_ORIGINS: 'https://temporal.example.org/' })).toThrow(ConfigError);
    expect(() => loadCodecSettings({ CODEC_CORS_ORIGINS: 'temporal.example.org' })).toThrow(/CODEC_CORS_ORIGINS/);
  });

});

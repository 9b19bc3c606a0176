import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createHttpApp, createLogger, finishApp } from '@vanthu/shared';
import { mountSigningApi } from '../../src/api/routes';
import { makePdf, openSigningFixture, run, type SigningFixture } from '../support/signing-fixture';

describe('the signing HTTP API (real express app and database)', () => {
  let fx: SigningFixture;
  let server: Server;
  let base: string;

  beforeAll(async () => {
    fx = await openSigningFixture();
    const logger = createLogger({}, 'silent');
    const app = createHttpApp({ service: 'signing', logger, readiness: [], state: { draining: false } });
    mountSigningApi(app, { ...fx.module, config: { ...fx.module.config, SIGNING_MAX_UPLOAD_BYTES: 256 * 1024 } });
    finishApp(app, logger);
    server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await fx.close();
  });

  const form = (files: Record<string, Buffer>, fields: Record<string, string> = {}) => {
    const body = new FormData();
    for (const [name, data] of Object.entries(files)) body.append(name, new Blob([data]), `${name}.bin`);
    for (const [name, value] of Object.entries(fields)) body.append(name, value);
    return body;
  };
  const post = (path: string, body: FormData) => fetch(`${base}${path}`, { method: 'POST', body });

  async function expectProblem(response: Response, status: number, reason: string, field?: string) {
    expect(response.status).toBe(status);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    const body = (await response.json()) as { reason: string; field?: string };
    expect(body.reason).toBe(reason);
    if (field) expect(body.field).toBe(field);
  }

  it('signs a PDF for a person, then for the organisation, and verifies it over HTTP', async () => {
    const first = await post('/v1/sign/pdf', form({ file: await makePdf('Thong bao 3-TB/TU') }, { userId: 'bs-deputy', visibleStamp: 'true', authority: 'T/L' }));
    expect(first.status).toBe(200);
    expect(first.headers.get('x-signature-id')).toMatch(/^[0-9a-f-]{36}$/);
    const second = await post('/v1/sign/pdf', form({ file: Buffer.from(await first.arrayBuffer()) }, { orgCode: 'BS-TU', visibleStamp: 'true' }));
    expect(second.status).toBe(200);
    const signed = Buffer.from(await second.arrayBuffer());
    expect(run('pdfsig', [fx.file('http.pdf', signed)]).output.match(/Signature is Valid\./g)).toHaveLength(2);
    const report = (await (await post('/v1/verify', form({ file: signed }))).json()) as { valid: boolean; signatures: unknown[] };
    expect(report.valid).toBe(true);
    expect(report.signatures).toHaveLength(2);
  });

  it('signs any file with a detached CMS signature and verifies it, or reports the wrong one', async () => {
    const file = Buffer.from('phụ lục kèm theo');
    const signed = await post('/v1/sign/cms', form({ file }, { orgCode: 'BS-TL-DU' }));
    expect(signed.status).toBe(200);
    expect(signed.headers.get('content-type')).toContain('application/pkcs7-signature');
    const signature = Buffer.from(await signed.arrayBuffer());
    const ok = (await (await post('/v1/verify', form({ file, signature }))).json()) as { valid: boolean };
    expect(ok.valid).toBe(true);
    const wrong = (await (await post('/v1/verify', form({ file: Buffer.from('phụ lục khác'), signature }))).json()) as { valid: boolean; signatures: Array<{ intact: boolean }> };
    expect(wrong.valid).toBe(false);
    expect(wrong.signatures[0]!.intact).toBe(false);
  });

  it('refuses bad input with 4xx problem+json and signs nothing', async () => {
    const usesBefore = await fx.module.authority.uses.countDocuments({ purpose: { $in: ['pades', 'cades'] } });
    await expectProblem(await post('/v1/sign/pdf', form({ file: Buffer.from('hello, not a pdf') }, { userId: 'bs-secretary' })), 422, 'not-a-pdf', 'file');
    await expectProblem(await post('/v1/sign/pdf', form({ file: Buffer.from('%PDF-1.7\n1 0 obj garbage') }, { userId: 'bs-secretary' })), 422, 'not-a-pdf', 'file');
    await expectProblem(await post('/v1/sign/pdf', form({ file: await makePdf('x') }, { userId: 'nobody' })), 422, 'no-valid-certificate', 'userId');
    await expectProblem(await post('/v1/sign/pdf', form({ file: await makePdf('x') }, { userId: 'tl-secretary', orgCode: 'BS-TU' })), 403, 'signer-not-in-organisation', 'orgCode');
    await expectProblem(await post('/v1/sign/cms', form({}, { userId: 'bs-secretary' })), 400, 'missing-file', 'file');
    await expectProblem(await post('/v1/sign/cms', form({ file: Buffer.alloc(300 * 1024) }, { userId: 'bs-secretary' })), 413, 'content-too-large', 'file');
    await expectProblem(await post('/v1/sign/cms', form({ file: Buffer.from('x') }, { orgCode: 'bad code!' })), 400, 'validation-failed', 'orgCode');
    await expectProblem(await post('/v1/verify', form({})), 400, 'missing-file', 'file');
    expect(await fx.module.authority.uses.countDocuments({ purpose: { $in: ['pades', 'cades'] } })).toBe(usesBefore);
  });

  it('issues, lists, renews and revokes certificates, and refuses to sign with a revoked one', async () => {
    const issue = (body: object) => fetch(`${base}/v1/certificates`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const created = await issue({ kind: 'person', userId: 'hb-deputy', fullName: 'Lý Thị Hoa', position: 'Phó Bí thư', orgCode: 'BS-HB-DU', orgName: 'Đảng ủy phường Hòa Bình' });
    expect(created.status).toBe(201);
    const cert = (await created.json()) as Record<string, unknown>;
    expect(cert).toMatchObject({ kind: 'person', status: 'active', commonName: 'Lý Thị Hoa' });
    expect(JSON.stringify(cert)).not.toMatch(/"key"|PRIVATE/);
    await expectProblem(await issue({ kind: 'person', userId: 'hb-deputy', fullName: 'x', position: 'x', orgCode: 'BS-HB-DU', orgName: 'x' }), 409, 'certificate-exists');
    await expectProblem(await issue({ kind: 'organisation', orgCode: 'NO-SUCH', orgName: 'x' }), 409, 'no-issuing-ca', 'orgCode');

    const renewed = (await (await fetch(`${base}/v1/certificates/${cert.serial}/renew`, { method: 'POST' })).json()) as { serial: string };
    expect(renewed.serial).not.toBe(cert.serial);
    const list = (await (await fetch(`${base}/v1/certificates?userId=hb-deputy`)).json()) as { certificates: Array<{ status: string }> };
    expect(list.certificates.map((c) => c.status)).toEqual(['superseded', 'active']);

    const revoked = await fetch(`${base}/v1/certificates/${renewed.serial}/revoke`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ reason: 'affiliationChanged' }) });
    expect(revoked.status).toBe(200);
    await expectProblem(await post('/v1/sign/cms', form({ file: Buffer.from('x') }, { userId: 'hb-deputy' })), 422, 'certificate-revoked', 'userId');
  });

  it('publishes CA certificates and CRLs in DER, and answers timestamp queries', async () => {
    const root = await fetch(`${base}/v1/ca/root.crt`);
    expect(root.headers.get('content-type')).toContain('application/pkix-cert');
    const rootPem = join(fx.dir, 'root.pem');
    execFileSync('openssl', ['x509', '-inform', 'der', '-in', fx.file('root.crt', Buffer.from(await root.arrayBuffer())), '-out', rootPem]);
    const crl = await fetch(`${base}/v1/crl/BS-TU.crl`);
    expect(crl.status).toBe(200);
    expect(run('openssl', ['crl', '-inform', 'der', '-in', fx.file('c.crl', Buffer.from(await crl.arrayBuffer())), '-noout', '-issuer']).output).toContain('BS-TU');
    await expectProblem(await fetch(`${base}/v1/crl/NOPE.crl`), 404, 'unknown-ca');

    const data = fx.file('d.txt', 'dấu thời gian qua HTTP');
    const query = join(fx.dir, 'q.tsq');
    execFileSync('openssl', ['ts', '-query', '-data', data, '-sha256', '-cert', '-out', query]);
    const reply = await fetch(`${base}/v1/tsa`, { method: 'POST', headers: { 'content-type': 'application/timestamp-query' }, body: readFileSync(query) });
    expect(reply.headers.get('content-type')).toContain('application/timestamp-reply');
    const replyPath = fx.file('r.tsr', Buffer.from(await reply.arrayBuffer()));
    expect(run('openssl', ['ts', '-verify', '-data', data, '-in', replyPath, '-CAfile', rootPem]).output).toContain('Verification: OK');
    await expectProblem(await fetch(`${base}/v1/tsa`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'x' }), 415, 'unsupported-media-type');
  });

  it('imports a PKCS#12 certificate and key and signs with it', async () => {
    const key = join(fx.dir, 'imp.key');
    const crt = join(fx.dir, 'imp.crt');
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', crt, '-days', '30', '-subj', '/C=VN/O=Import/CN=Imported Signer']);
    const p12 = join(fx.dir, 'imp.p12');
    execFileSync('openssl', ['pkcs12', '-export', '-inkey', key, '-in', crt, '-out', p12, '-passout', 'pass:secret']);
    const bad = await post('/v1/certificates/import', form({ file: readFileSync(p12) }, { kind: 'organisation', orgCode: 'IMPORTED', password: 'wrong' }));
    await expectProblem(bad, 422, 'unreadable-pkcs12', 'file');
    const ok = await post('/v1/certificates/import', form({ file: readFileSync(p12) }, { kind: 'organisation', orgCode: 'IMPORTED', password: 'secret' }));
    expect(ok.status).toBe(201);
    expect(await ok.json()).toMatchObject({ imported: true, commonName: 'Imported Signer', status: 'active' });
    const signed = await post('/v1/sign/cms', form({ file: Buffer.from('x') }, { orgCode: 'IMPORTED', timestamp: 'false' }));
    expect(signed.status).toBe(200);
    const cmsPath = fx.file('imp.p7s', Buffer.from(await signed.arrayBuffer()));
    const verified = run('openssl', ['cms', '-verify', '-binary', '-inform', 'der', '-in', cmsPath, '-content', fx.file('x.txt', 'x'), '-CAfile', crt, '-purpose', 'any', '-out', '/dev/null']);
    expect(verified.output).toContain('Verification successful');
  });
});

import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Principal } from '@vanthu/shared';
import { makeOutsideCa, type OutsideCa } from '../support/outside-ca';
import { as, sha256, startSigningApi, type SigningApi } from '../support/signing-api';
import { makePdf, openSigningFixture, run, type SigningFixture } from '../support/signing-fixture';

describe('the signing HTTP API (real express app and database)', () => {
  let fx: SigningFixture;
  let api: SigningApi;
  let base: string;
  let outside: OutsideCa;

  beforeAll(async () => {
    fx = await openSigningFixture();
    outside = makeOutsideCa(fx.dir, 'Outside');
    api = await startSigningApi({ ...fx.module, config: { ...fx.module.config, SIGNING_MAX_UPLOAD_BYTES: 256 * 1024 }, trustedImportCas: [outside.certificate] });
    base = api.base;
  });
  afterAll(async () => {
    await api.close();
    await fx.close();
  });

  const form = (files: Record<string, Buffer>, fields: Record<string, string> = {}) => {
    const body = new FormData();
    for (const [name, data] of Object.entries(files)) body.append(name, new Blob([data]), `${name}.bin`);
    for (const [name, value] of Object.entries(fields)) body.append(name, value);
    return body;
  };
  /** A multipart POST as `who` (default: the secretary), with the signer's confirmation for `confirmFor` when given. */
  const post = async (path: string, body: FormData, who: string | Principal = 'bs-secretary', confirmFor?: Buffer) => {
    const headers = as(who, confirmFor ? { 'Signing-Authorisation': await api.authorise(who, { sha256: sha256(confirmFor) }) } : {});
    return fetch(`${base}${path}`, { method: 'POST', body, headers });
  };
  const admin = 'bs-admin';
  const postJson = (path: string, body: object, who: string | Principal = admin) => api.json('POST', path, who, body);

  async function expectProblem(response: Response, status: number, reason: string, field?: string) {
    expect(response.status).toBe(status);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    const body = (await response.json()) as { reason: string; field?: string };
    expect(body.reason).toBe(reason);
    if (field) expect(body.field).toBe(field);
  }

  it('signs a PDF for a person, then for another, each confirmed, and verifies it over HTTP', async () => {
    const pdf = await makePdf('Thong bao 3-TB/TU');
    const first = await post('/v1/sign/pdf', form({ file: pdf }, { userId: 'bs-deputy', visibleStamp: 'true', authority: 'T/L' }), 'bs-deputy', pdf);
    expect(first.status).toBe(200);
    expect(first.headers.get('x-signature-id')).toMatch(/^[0-9a-f-]{36}$/);
    const once = Buffer.from(await first.arrayBuffer());
    // userId left out: the caller signs as themselves.
    const second = await post('/v1/sign/pdf', form({ file: once }, { visibleStamp: 'true' }), 'bs-secretary', once);
    expect(second.status).toBe(200);
    const signed = Buffer.from(await second.arrayBuffer());
    expect(run('pdfsig', [fx.file('http.pdf', signed)]).output.match(/Signature is Valid\./g)).toHaveLength(2);
    const report = (await (await post('/v1/verify', form({ file: signed }))).json()) as { valid: boolean; signatures: unknown[] };
    expect(report.valid).toBe(true);
    expect(report.signatures).toHaveLength(2);
  });

  it('signs any file with a detached CMS signature and verifies it, or reports the wrong one', async () => {
    const file = Buffer.from('phụ lục kèm theo');
    const signed = await post('/v1/sign/cms', form({ file }, {}), 'tl-secretary', file);
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
    const notPdf = Buffer.from('hello, not a pdf');
    const garbage = Buffer.from('%PDF-1.7\n1 0 obj garbage');
    await expectProblem(await post('/v1/sign/pdf', form({ file: notPdf }, { userId: 'bs-secretary' }), 'bs-secretary', notPdf), 422, 'not-a-pdf', 'file');
    await expectProblem(await post('/v1/sign/pdf', form({ file: garbage }, { userId: 'bs-secretary' }), 'bs-secretary', garbage), 422, 'not-a-pdf', 'file');
    const nobody = { userId: 'nobody', orgCode: 'BS-TU', role: 'leader' } as const;
    await expectProblem(await post('/v1/sign/pdf', form({ file: await makePdf('x') }, {}), nobody), 422, 'no-valid-certificate', 'userId');
    await expectProblem(await post('/v1/sign/pdf', form({ file: await makePdf('x') }, { userId: 'tl-secretary', orgCode: 'BS-TU' }), 'tl-secretary'), 403, 'signer-not-in-organisation', 'orgCode');
    await expectProblem(await post('/v1/sign/cms', form({}, { userId: 'bs-secretary' })), 400, 'missing-file', 'file');
    await expectProblem(await post('/v1/sign/cms', form({ file: Buffer.alloc(300 * 1024) }, { userId: 'bs-secretary' })), 413, 'content-too-large', 'file');
    await expectProblem(await post('/v1/sign/cms', form({ file: Buffer.from('x') }, { orgCode: 'bad code!' })), 400, 'validation-failed', 'orgCode');
    await expectProblem(await post('/v1/verify', form({})), 400, 'missing-file', 'file');
    expect(await fx.module.authority.uses.countDocuments({ purpose: { $in: ['pades', 'cades'] } })).toBe(usesBefore);
  });

  it('issues, lists, renews and revokes certificates, and refuses to sign with a revoked one', async () => {
    const issue = (body: object, who: string | Principal = admin) => postJson('/v1/certificates', body, who);
    const created = await issue({ kind: 'person', userId: 'hb-deputy', fullName: 'Lý Thị Hoa', position: 'Phó Bí thư', orgCode: 'BS-HB-DU', orgName: 'Đảng ủy phường Hòa Bình' });
    expect(created.status).toBe(201);
    const cert = (await created.json()) as Record<string, unknown>;
    expect(cert).toMatchObject({ kind: 'person', status: 'active', commonName: 'Lý Thị Hoa' });
    expect(JSON.stringify(cert)).not.toMatch(/"key"|PRIVATE/);
    await expectProblem(await issue({ kind: 'person', userId: 'hb-deputy', fullName: 'x', position: 'x', orgCode: 'BS-HB-DU', orgName: 'x' }), 409, 'certificate-exists');
    await expectProblem(await issue({ kind: 'organisation', orgCode: 'NO-SUCH', orgName: 'x' }, { userId: 'ns-admin', orgCode: 'NO-SUCH', role: 'admin' }), 409, 'no-issuing-ca', 'orgCode');

    const renewed = (await (await postJson(`/v1/certificates/${String(cert.serial)}/renew`, {})).json()) as { serial: string };
    expect(renewed.serial).not.toBe(cert.serial);
    const list = (await (await fetch(`${base}/v1/certificates?userId=hb-deputy`, { headers: as('hb-clerk') })).json()) as { certificates: Array<{ status: string }> };
    expect(list.certificates.map((c) => c.status)).toEqual(['superseded', 'active']);

    const revoked = await postJson(`/v1/certificates/${renewed.serial}/revoke`, { reason: 'affiliationChanged' });
    expect(revoked.status).toBe(200);
    const hbDeputy = { userId: 'hb-deputy', orgCode: 'BS-HB-DU', role: 'leader' } as const;
    await expectProblem(await post('/v1/sign/cms', form({ file: Buffer.from('x') }, {}), hbDeputy), 422, 'certificate-revoked', 'userId');
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

  it('imports a PKCS#12 from a configured outside CA naming the user, who then signs with it', async () => {
    const importee = { userId: 'bs-importee', orgCode: 'BS-TU', role: 'leader' } as const;
    const p12 = outside.issuePkcs12('importee', '/C=VN/O=Outside/UID=bs-importee/CN=Người Nhập Khẩu');
    const fields = { kind: 'person', userId: importee.userId, orgCode: 'BS-TU' };
    await expectProblem(await post('/v1/certificates/import', form({ file: p12 }, { ...fields, password: 'wrong' }), admin), 422, 'unreadable-pkcs12', 'file');
    const ok = await post('/v1/certificates/import', form({ file: p12 }, { ...fields, password: 'secret' }), admin);
    expect(ok.status).toBe(201);
    expect(await ok.json()).toMatchObject({ imported: true, commonName: 'Người Nhập Khẩu', status: 'active', userId: 'bs-importee' });

    // The importee confirms with a PIN of their own, then signs as themselves.
    expect((await api.json('PUT', '/v1/me/signing-pin', importee, { pin: '97531864' })).status).toBe(201);
    const file = Buffer.from('x');
    const authorisation = await api.authorise(importee, { sha256: sha256(file) }, '97531864');
    const signed = await fetch(`${base}/v1/sign/cms`, { method: 'POST', body: form({ file }, { timestamp: 'false' }), headers: as(importee, { 'Signing-Authorisation': authorisation }) });
    expect(signed.status).toBe(200);
    const cmsPath = fx.file('imp.p7s', Buffer.from(await signed.arrayBuffer()));
    const verified = run('openssl', ['cms', '-verify', '-binary', '-inform', 'der', '-in', cmsPath, '-content', fx.file('x.txt', 'x'), '-CAfile', outside.certPath, '-purpose', 'any', '-out', '/dev/null']);
    expect(verified.output).toContain('Verification successful');
  });
});

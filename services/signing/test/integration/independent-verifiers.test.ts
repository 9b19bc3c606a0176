import { execFileSync } from 'node:child_process';
import { createHash, generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { OID } from '../../src/asn1/oids';
import { parseSignedData } from '../../src/cms/parse-signed-data';
import { buildSignedData } from '../../src/cms/signed-data';
import { buildCertificate, randomSerial } from '../../src/pki/certificate-builder';
import { signOnPool } from '../../src/pki/authority';
import { buildCrl } from '../../src/pki/crl';
import { subjectKeys, type CertificateDoc } from '../../src/pki/certificate-records';
import { derToPem, makePdf, nssTrustStore, openSigningFixture, run, type SigningFixture } from '../support/signing-fixture';

describe('signatures checked by independent verifiers (openssl, pdfsig) and by our own', () => {
  let fx: SigningFixture;
  let rootPem: string;
  let nssdir: string;
  let person: CertificateDoc;
  let organisation: CertificateDoc;

  beforeAll(async () => {
    fx = await openSigningFixture();
    const rootDer = (await fx.module.authority.active(subjectKeys.root))!.der;
    rootPem = derToPem(rootDer, fx.dir, 'root');
    nssdir = nssTrustStore(fx.dir, rootDer);
    person = (await fx.module.authority.active(subjectKeys.person('bs-secretary')))!;
    organisation = (await fx.module.authority.active(subjectKeys.org('BS-TU')))!;
  });
  afterAll(() => fx.close());

  it('makes CAdES signatures that openssl cms -verify accepts, with a timestamp openssl ts -verify accepts', async () => {
    const content = Buffer.from('Nghị quyết số 15-NQ/TU về chuyển đổi số');
    const { signature, summary } = await fx.module.signer.signDetached(content, { certificate: person, actor: 'bs-secretary' });
    expect(summary).toMatchObject({ signerName: 'Hoàng Văn Sơn', timestamped: true, certificateSerial: person._id });
    expect(summary.signedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+07:00$/);

    const contentPath = fx.file('content.txt', content);
    const sigPath = fx.file('content.p7s', signature);
    const cms = run('openssl', ['cms', '-verify', '-binary', '-inform', 'der', '-in', sigPath, '-content', contentPath, '-CAfile', rootPem, '-purpose', 'any', '-out', '/dev/null']);
    expect(cms.output).toContain('Verification successful');
    expect(cms.status).toBe(0);

    const token = parseSignedData(signature).signers[0]!.unsignedAttributes.get(OID.timeStampToken)!;
    const tokenPath = fx.file('token.der', token);
    const imprint = createHash('sha256').update(parseSignedData(signature).signers[0]!.signature).digest('hex');
    const ts = run('openssl', ['ts', '-verify', '-token_in', '-in', tokenPath, '-digest', imprint, '-CAfile', rootPem]);
    expect(ts.output).toContain('Verification: OK');

    const other = run('openssl', ['cms', '-verify', '-binary', '-inform', 'der', '-in', sigPath, '-content', fx.file('other.txt', 'Nghị quyết số 16-NQ/TU'), '-CAfile', rootPem, '-purpose', 'any', '-out', '/dev/null']);
    expect(other.status).not.toBe(0);
    expect(other.output).toContain('Verification failure');

    expect((await fx.module.verifier.verifyDetached(content, signature)).valid).toBe(true);
    const uses = await fx.module.authority.uses.find({ _id: summary.signatureId }).lean();
    expect(uses).toEqual([expect.objectContaining({ actor: 'bs-secretary', purpose: 'cades', documentSha256: createHash('sha256').update(content).digest('hex') })]);
  });

  it('answers RFC 3161 queries made by openssl ts -query with replies openssl ts -verify accepts', async () => {
    const data = fx.file('data.bin', 'dữ liệu cần đóng dấu thời gian');
    const query = join(fx.dir, 'q.tsq');
    execFileSync('openssl', ['ts', '-query', '-data', data, '-sha256', '-cert', '-out', query]);
    const reply = await fx.module.tsa.respond(readFileSync(query), 'test');
    const replyPath = fx.file('r.tsr', reply);
    const verified = run('openssl', ['ts', '-verify', '-data', data, '-in', replyPath, '-CAfile', rootPem]);
    expect(verified.output).toContain('Verification: OK');
    const wrongData = run('openssl', ['ts', '-verify', '-data', fx.file('x.bin', 'khác'), '-in', replyPath, '-CAfile', rootPem]);
    expect(wrongData.output).not.toContain('Verification: OK');
  });

  it('signs a PDF twice (person, then organisation) and pdfsig, trusting our root, reports both valid and trusted', async () => {
    for (const objectStreams of [false, true]) {
      const pdf = await makePdf('Nghi quyet 15-NQ/TU', { objectStreams });
      const first = await fx.module.signer.signPdf(pdf, { certificate: person, actor: 'bs-secretary', reason: 'T/M Ban Thường vụ', stampLines: (at) => ['Ký bởi: Hoàng Văn Sơn', at] });
      expect(first.pdf.subarray(0, pdf.length).equals(pdf)).toBe(true);
      const second = await fx.module.signer.signPdf(first.pdf, { certificate: organisation, actor: 'org:BS-TU', reason: 'Ban hành 15-NQ/TU', stampLines: (at) => ['Tỉnh ủy Bắc Sơn', 'Số: 15-NQ/TU', at] });
      const out = run('pdfsig', ['-nssdir', nssdir, fx.file(`signed-${objectStreams}.pdf`, second.pdf)]).output;
      expect(out.match(/Signature Validation: Signature is Valid\./g)).toHaveLength(2);
      expect(out.match(/Certificate Validation: Certificate is Trusted\./g)).toHaveLength(2);
      expect(out).toContain('Signer Certificate Common Name: Hoàng Văn Sơn');
      expect(out).toContain('Signer Certificate Common Name: Tỉnh ủy Bắc Sơn');
      expect(out).toContain('ETSI.CAdES.detached');
      expect(out).toContain('Total document signed');

      // The stamps' text, drawn in the embedded Noto Sans subset, reads back with its diacritics.
      const text = run('pdftotext', [fx.file(`signed-${objectStreams}.pdf`, second.pdf), '-']).output;
      expect(text).toContain('Ký bởi: Hoàng Văn Sơn');
      expect(text).toContain('Tỉnh ủy Bắc Sơn');
      expect(text).toContain('Số: 15-NQ/TU');
      const fonts = run('pdffonts', [fx.file(`signed-${objectStreams}.pdf`, second.pdf)]).output;
      expect(fonts).toMatch(/[A-Z]{6}\+NotoSans-Regular\s+CID TrueType\s+Identity-H\s+yes yes yes/);

      const report = await fx.module.verifier.verifyPdf(second.pdf);
      expect(report.valid).toBe(true);
      expect(report.signatures.map((s) => [s.signerName, s.timestamped, s.chainTrusted, s.coversWholeDocument])).toEqual([
        ['Hoàng Văn Sơn', true, true, false],
        ['Tỉnh ủy Bắc Sơn', true, true, true],
      ]);
    }
  });

  it('reports a tampered PDF as not valid, and so does pdfsig', async () => {
    const signed = (await fx.module.signer.signPdf(await makePdf('Quyet dinh 7-QD/TU'), { certificate: organisation, actor: 'org:BS-TU', reason: 'Ban hành' })).pdf;
    const tampered = Buffer.from(signed);
    const at = tampered.indexOf('Quyet dinh 7');
    if (at < 0) {
      // Fonts draw text as hex glyph codes; alter a byte of the page content stream instead.
      tampered[200] = tampered[200] === 0x41 ? 0x42 : 0x41;
    } else {
      tampered.write('Quyet dinh 8', at, 'latin1');
    }
    const out = run('pdfsig', ['-nssdir', nssdir, fx.file('tampered.pdf', tampered)]).output;
    expect(out).toContain('Signature Validation:');
    expect(out).not.toContain('Signature is Valid.');
    const report = await fx.module.verifier.verifyPdf(tampered);
    expect(report.valid).toBe(false);
    expect(report.signatures[0]).toMatchObject({ intact: false });

    const appended = Buffer.concat([signed, Buffer.from('\n% appended after signing\n')]);
    const appendedReport = await fx.module.verifier.verifyPdf(appended);
    expect(appendedReport.valid).toBe(false);
    expect(appendedReport.signatures[0]).toMatchObject({ intact: true, coversWholeDocument: false });
  });

  it('reports a wrong detached signature and a changed file as not intact', async () => {
    const a = Buffer.from('Tệp đính kèm A');
    const b = Buffer.from('Tệp đính kèm B');
    const sigA = (await fx.module.signer.signDetached(a, { certificate: organisation, actor: 'org:BS-TU', timestamp: false })).signature;
    const wrong = await fx.module.verifier.verifyDetached(b, sigA);
    expect(wrong.valid).toBe(false);
    expect(wrong.signatures[0]).toMatchObject({ intact: false, chainTrusted: true });
    const garbage = await fx.module.verifier.verifyDetached(a, Buffer.from('not a signature'));
    expect(garbage.valid).toBe(false);
    expect(garbage.signatures[0]!.problems[0]).toMatch(/not a readable CMS/);
  });

  it('reports a signature by a certificate from an untrusted root as untrusted', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const now = new Date();
    const der = buildCertificate(
      { kind: 'person', subject: { commonName: 'Kẻ mạo danh', orgName: 'Không rõ' }, publicKey, notBefore: new Date(now.getTime() - 60_000), notAfter: new Date(now.getTime() + 86_400_000), selfKey: privateKey },
      randomSerial(),
    );
    const content = Buffer.from('văn bản giả mạo');
    const { der: cms } = await buildSignedData(
      { serial: 'x', commonName: 'x', certificate: der, chain: [], useId: 'x', sign: (data) => signOnPool(privateKey, data) },
      { digest: createHash('sha256').update(content).digest(), signingTime: now },
    );
    const report = await fx.module.verifier.verifyDetached(content, cms);
    expect(report.valid).toBe(false);
    expect(report.signatures[0]).toMatchObject({ intact: true, chainTrusted: false });
    const cmsCheck = run('openssl', ['cms', '-verify', '-binary', '-inform', 'der', '-in', fx.file('u.p7s', cms), '-content', fx.file('u.txt', content), '-CAfile', rootPem, '-out', '/dev/null']);
    expect(cmsCheck.status).not.toBe(0);
  });

  it('reports a signature by an expired certificate as not valid at signing time', async () => {
    const authority = fx.module.authority;
    const request = await authority.personRequest({ userId: 'expired-user', fullName: 'Người Hết Hạn', position: 'Phó Bí thư', orgCode: 'BS-TU', orgName: 'Tỉnh ủy Bắc Sơn' });
    const expired = await authority.mint({ ...request, notBefore: new Date('2020-01-01T00:00:00Z'), notAfter: new Date('2021-01-01T00:00:00Z') });
    await authority.insertActive(expired);
    await expect(authority.usable(subjectKeys.person('expired-user'), 'Người Hết Hạn', 'signer.userId')).rejects.toMatchObject({ reason: 'certificate-expired' });
    const content = Buffer.from('ký bằng chứng thư hết hạn');
    const signer = await authority.signer(expired, { actor: 'test', purpose: 'cades', documentSha256: 'x' });
    const { der } = await buildSignedData(signer, { digest: createHash('sha256').update(content).digest(), signingTime: new Date() });
    const report = await fx.module.verifier.verifyDetached(content, der);
    expect(report.valid).toBe(false);
    expect(report.signatures[0]).toMatchObject({ intact: true, chainTrusted: true, validAtSigningTime: false });
  });

  it('reports a signature by a revoked certificate as revoked, and lists it in the CRL openssl reads', async () => {
    const authority = fx.module.authority;
    const doomed = await authority.ensure(
      await authority.personRequest({ userId: 'revoked-user', fullName: 'Người Bị Thu Hồi', position: 'Ủy viên', orgCode: 'BS-TU', orgName: 'Tỉnh ủy Bắc Sơn' }),
    );
    const content = Buffer.from('ký trước khi bị thu hồi');
    const { signature } = await fx.module.signer.signDetached(content, { certificate: doomed, actor: 'revoked-user', timestamp: false });
    expect((await fx.module.verifier.verifyDetached(content, signature)).valid).toBe(true);
    await authority.revoke(doomed._id, 'keyCompromise');
    const report = await fx.module.verifier.verifyDetached(content, signature);
    expect(report.valid).toBe(false);
    expect(report.signatures[0]).toMatchObject({ revoked: true, intact: true });
    await expect(authority.usable(subjectKeys.person('revoked-user'), 'x', 'signer.userId')).rejects.toMatchObject({ reason: 'certificate-revoked' });

    const ca = (await authority.active(subjectKeys.ca('BS-TU')))!;
    const crlPath = fx.file('bs-tu.crl', await buildCrl(authority, ca));
    const caPem = derToPem(ca.der, fx.dir, 'bs-tu-ca');
    const crlText = run('openssl', ['crl', '-inform', 'der', '-in', crlPath, '-noout', '-text', '-CAfile', caPem]);
    expect(crlText.output).toContain('verify OK');
    expect(crlText.output.toLowerCase()).toContain(doomed._id.toLowerCase().replace(/^0+/, ''));
    expect(crlText.output).toContain('Key Compromise');
  });
});

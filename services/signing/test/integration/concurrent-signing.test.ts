import { createHash } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { OID } from '../../src/asn1/oids';
import { buildSignedData } from '../../src/cms/signed-data';
import { INLINE_BYTES } from '../../src/pool/byte-pool';
import { parseSignedData } from '../../src/cms/parse-signed-data';
import { subjectKeys, type CertificateDoc } from '../../src/pki/certificate-records';
import { derToPem, makePdf, nssTrustStore, openSigningFixture, run, type SigningFixture } from '../support/signing-fixture';

/**
 * Signatures made several at once (on the calling thread, with large PDFs read and updated in the
 * byte pool's threads), checked the way the single ones are: openssl cms/ts -verify, pdfsig with
 * our root trusted, our verifier, and the key-use records.
 */
describe('signatures made many at a time', () => {
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

  const cmsVerify = (name: string, content: Buffer, signature: Buffer) =>
    run('openssl', ['cms', '-verify', '-binary', '-inform', 'der', '-in', fx.file(`${name}.p7s`, signature), '-content', fx.file(`${name}.txt`, content), '-CAfile', rootPem, '-purpose', 'any', '-out', '/dev/null']);

  it('signs many at once with one opened key, each signature filed under its own key use', async () => {
    const contents = Array.from({ length: 12 }, (_, i) => Buffer.from(`Văn bản số ${i}`));
    const made = await Promise.all(
      contents.map(async (content) => {
        const digest = createHash('sha256').update(content).digest();
        const signer = await fx.module.authority.signer(person, { actor: 'bs-secretary', purpose: 'cades', documentSha256: digest.toString('hex') });
        return { ...(await buildSignedData(signer, { digest, signingTime: new Date() })), useId: signer.useId };
      }),
    );
    expect(new Set(made.map((m) => m.useId)).size).toBe(contents.length);
    for (const [i, { der, useId }] of made.entries()) {
      expect(cmsVerify(`direct-${i}`, contents[i]!, der).output).toContain('Verification successful');
      expect((await fx.module.verifier.verifyDetached(contents[i]!, der)).valid).toBe(true);
      const uses = await fx.module.authority.uses.find({ _id: useId }).lean();
      expect(uses).toEqual([expect.objectContaining({ purpose: 'cades', certificateSerial: person._id })]);
    }
  });

  it('makes CAdES-T and PAdES signatures concurrently that openssl, pdfsig and our verifier accept', async () => {
    const contents = Array.from({ length: 6 }, (_, i) => Buffer.from(`Phụ lục ${i} kèm theo Nghị quyết 15-NQ/TU`));
    const pdfs = await Promise.all([makePdf('Nghi quyet 15-NQ/TU'), makePdf('Ket luan 2-KL/TU', { objectStreams: true }), makePdf('Thong bao 3-TB/TU', { approxBytes: 400_000, incompressible: true })]);
    expect(pdfs[2]!.length).toBeGreaterThan(INLINE_BYTES);
    const [detached, signedPdfs] = await Promise.all([
      Promise.all(contents.map((content) => fx.module.signer.signDetached(content, { certificate: organisation, actor: 'org:BS-TU' }))),
      Promise.all(
        pdfs.map(async (pdf) => {
          const first = await fx.module.signer.signPdf(pdf, { certificate: person, actor: 'bs-secretary', reason: 'T/M Ban Thường vụ', stampLines: (at) => ['Ký bởi: Hoàng Văn Sơn', at] });
          expect(first.pdf.subarray(0, pdf.length).equals(pdf)).toBe(true);
          return fx.module.signer.signPdf(first.pdf, { certificate: organisation, actor: 'org:BS-TU', reason: 'Ban hành' });
        }),
      ),
    ]);

    for (const [i, { signature, summary }] of detached.entries()) {
      expect(summary.timestamped).toBe(true);
      expect(cmsVerify(`t-${i}`, contents[i]!, signature).output).toContain('Verification successful');
      const signer = parseSignedData(signature).signers[0]!;
      const token = signer.unsignedAttributes.get(OID.timeStampToken)!;
      const imprint = createHash('sha256').update(signer.signature).digest('hex');
      expect(run('openssl', ['ts', '-verify', '-token_in', '-in', fx.file(`t-${i}.tst`, token), '-digest', imprint, '-CAfile', rootPem]).output).toContain('Verification: OK');
      const uses = await fx.module.authority.uses.find({ _id: summary.signatureId }).lean();
      expect(uses).toEqual([expect.objectContaining({ purpose: 'cades', documentSha256: createHash('sha256').update(contents[i]!).digest('hex') })]);
    }

    // The 400 kB PDF went to the byte pool (twice: person, then organisation), the small ones did not.
    const { pool } = fx.module;
    expect(pool.size).toBe(availableParallelism());
    expect(pool.stats().completedPerThread.reduce((a, b) => a + b, 0)).toBe(2);

    for (const [i, { pdf, summary }] of signedPdfs.entries()) {
      const out = run('pdfsig', ['-nssdir', nssdir, fx.file(`pool-${i}.pdf`, pdf)]).output;
      expect(out.match(/Signature Validation: Signature is Valid\./g)).toHaveLength(2);
      expect(out.match(/Certificate Validation: Certificate is Trusted\./g)).toHaveLength(2);
      expect(out).toContain('Total document signed');
      const report = await fx.module.verifier.verifyPdf(pdf);
      expect(report.valid).toBe(true);
      expect(report.signatures.map((s) => s.timestamped)).toEqual([true, true]);
      const uses = await fx.module.authority.uses.find({ _id: summary.signatureId }).lean();
      expect(uses).toEqual([expect.objectContaining({ purpose: 'pades', actor: 'org:BS-TU' })]);
    }
  });
});

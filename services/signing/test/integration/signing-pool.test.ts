import { createHash } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { OID } from '../../src/asn1/oids';
import { parseSignedData } from '../../src/cms/parse-signed-data';
import { subjectKeys, type CertificateDoc } from '../../src/pki/certificate-records';
import { derToPem, makePdf, nssTrustStore, openSigningFixture, run, type SigningFixture } from '../support/signing-fixture';

/**
 * Signatures made in the worker threads, several at once, checked the way the single ones are:
 * openssl cms/ts -verify, pdfsig with our root trusted, our verifier, and the key-use records.
 */
describe('signatures made in the signing pool, many at a time', () => {
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

  it('runs one thread per core and spreads simultaneous signatures over all of them', async () => {
    const { pool } = fx.module;
    expect(pool.size).toBe(availableParallelism());
    const material = { serial: person._id, sealed: person.key, certificate: person.der, chain: await fx.module.authority.chainOf(person) };
    const before = pool.stats().completedPerThread;
    const contents = Array.from({ length: pool.size * 3 }, (_, i) => Buffer.from(`Văn bản số ${i}`));
    const made = await Promise.all(
      contents.map((content) => pool.signedData(material, { digest: createHash('sha256').update(content).digest(), contentType: OID.data, signingTime: new Date(), withChain: true })),
    );
    const after = pool.stats();
    expect(after.threads).toBe(pool.size);
    after.completedPerThread.forEach((done, i) => expect(done).toBeGreaterThan(before[i] ?? 0));

    for (const [i, { der }] of made.entries()) {
      const check = cmsVerify(`direct-${i}`, contents[i]!, der);
      expect(check.output).toContain('Verification successful');
      expect((await fx.module.verifier.verifyDetached(contents[i]!, der)).valid).toBe(true);
    }
  });

  it('makes CAdES-T and PAdES signatures concurrently that openssl, pdfsig and our verifier accept', async () => {
    const contents = Array.from({ length: 6 }, (_, i) => Buffer.from(`Phụ lục ${i} kèm theo Nghị quyết 15-NQ/TU`));
    const pdfs = await Promise.all([makePdf('Nghi quyet 15-NQ/TU'), makePdf('Ket luan 2-KL/TU', { objectStreams: true }), makePdf('Thong bao 3-TB/TU', { approxBytes: 300_000 })]);
    const [detached, signedPdfs] = await Promise.all([
      Promise.all(contents.map((content) => fx.module.signer.signDetached(content, { certificate: organisation, actor: 'org:BS-TU' }))),
      Promise.all(
        pdfs.map(async (pdf) => {
          const first = await fx.module.signer.signPdf(pdf, { certificate: person, actor: 'bs-secretary', reason: 'T/M Ban Thường vụ', stampLines: (at) => ['Ky boi: Hoang Van Son', at] });
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

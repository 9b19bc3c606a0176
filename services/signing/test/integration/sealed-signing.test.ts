import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { ApplicationFailure } from '@temporalio/activity';
import { DocumentKey, KeyRing, putSealed, SIGNING_ERRORS, type BlobRef, type Sealing, type SignerIdentity } from '@vanthu/shared';
import { signingActivities } from '../../src/activities/signing-activities';
import { SEALED_CONTENT_ERRORS } from '../../src/errors';
import { keyUseModel, subjectKeys } from '../../src/pki/certificate-records';
import { DEVELOPMENT_PIN, principal } from '../support/signing-api';
import { makePdf, nssTrustStore, openSigningFixture, run, type SigningFixture } from '../support/signing-fixture';

const secretary: SignerIdentity = { userId: 'bs-secretary', fullName: 'Hoàng Văn Sơn', position: 'Bí thư Tỉnh ủy', orgCode: 'BS-TU', orgName: 'Tỉnh ủy Bắc Sơn' };
const issue = { orgCode: 'BS-TU', orgName: 'Tỉnh ủy Bắc Sơn', notation: '3-NQ/TU', issuedAt: '2026-11-23T14:05:09+07:00' };
const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');
const ringWith = (id: string) => new KeyRing({ masters: new Map([[id, randomBytes(32)]]), current: id });

describe('secret documents: signed and verified in memory, stored sealed (real database and blob store)', () => {
  let fx: SigningFixture;
  let ring: KeyRing;
  let activities: ReturnType<typeof signingActivities>;
  let nssdir: string;

  beforeAll(async () => {
    fx = await openSigningFixture();
    ring = ringWith('it-secret');
    activities = signingActivities(fx.module, ring);
    nssdir = nssTrustStore(fx.dir, (await fx.module.authority.active(subjectKeys.root))!.der);
  });
  afterAll(() => fx.close());

  /** A secret draft as intake stores it: the PDF and its attachments sealed under a fresh document key. */
  async function secretDraft(title: string, attachments: string[] = []) {
    const documentId = `secret-${randomUUID()}`;
    const key = DocumentKey.generate(documentId);
    const sealing = await key.sealingFor(ring, 'BS-TU');
    const pdf = await makePdf(title);
    const content = await putSealed(fx.module.blobs, key, pdf, 'application/pdf');
    const files = await Promise.all(attachments.map((text) => putSealed(fx.module.blobs, key, Buffer.from(text), 'text/plain')));
    return { documentId, key, sealing, pdf, content, attachments: files };
  }

  /** The confirmation the signer's portal obtains, bound to the content's address as intake shows it. */
  const confirmed = async (documentId: string, contentSha256: string) =>
    (await fx.module.intent.authorisations.issue(principal('bs-secretary'), { pin: DEVELOPMENT_PIN, documentId, sha256: contentSha256 })).authorisation;

  async function expectStoredSealed(ref: BlobRef, contentType: string) {
    expect(ref).toMatchObject({ sealed: true, contentType });
    const stored = await fx.module.blobs.get(ref.sha256);
    expect(stored.subarray(0, 3).toString('ascii')).toBe('eyJ');
    expect(stored.includes('%PDF')).toBe(false);
  }

  async function failureOf(work: Promise<unknown>): Promise<ApplicationFailure> {
    const error = await work.then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(ApplicationFailure);
    return error as ApplicationFailure;
  }

  it('signs as the person, then as the organisation with sealed attachments; only ciphertext is stored, and the opened PDF has two valid signatures', async () => {
    const draft = await secretDraft('Nghi quyet 3-NQ/TU (Mat)', ['Phụ lục 1', 'Phụ lục 2']);
    const person = await activities.signAsPerson({
      documentId: draft.documentId,
      content: draft.content,
      signer: secretary,
      authority: 'T/M',
      onBehalfOf: 'Ban Thường vụ',
      visibleStamp: true,
      sealing: draft.sealing,
      signingAuthorisation: await confirmed(draft.documentId, draft.content.sha256),
    });
    await expectStoredSealed(person.content, 'application/pdf');
    const org = await activities.signAsOrganisation({ documentId: draft.documentId, content: person.content, attachments: draft.attachments, ...issue, sealing: draft.sealing });
    await expectStoredSealed(org.content, 'application/pdf');
    expect(org.attachments.map((a) => a.attachment)).toEqual(draft.attachments);
    for (const { signature } of org.attachments) await expectStoredSealed(signature, 'application/pkcs7-signature');

    // Opened with the document key: the original is a prefix of the final PDF, which pdfsig (trusting our root) accepts twice.
    const final = await draft.key.openBytes(await fx.module.blobs.get(org.content.sha256));
    expect(final.subarray(0, draft.pdf.length).equals(draft.pdf)).toBe(true);
    const out = run('pdfsig', ['-nssdir', nssdir, fx.file('secret-final.pdf', final)]).output;
    expect(out.match(/Signature Validation: Signature is Valid\./g)).toHaveLength(2);
    expect(out.match(/Certificate Validation: Certificate is Trusted\./g)).toHaveLength(2);
    expect(out).toContain('Signer Certificate Common Name: Hoàng Văn Sơn');
    expect(out).toContain('Signer Certificate Common Name: Tỉnh ủy Bắc Sơn');

    // A recipient's check on arrival, as for any document.
    const report = await activities.verifyDocument({ documentId: draft.documentId, content: org.content, sealing: draft.sealing, keepMaterial: true });
    expect(report.valid).toBe(true);
    expect(report.signatures.map((s) => s.signerName)).toEqual(['Hoàng Văn Sơn', 'Tỉnh ủy Bắc Sơn']);
    // Validation material is public PKI data: kept clear.
    for (const ref of [...report.material!.certificates, ...report.material!.crls]) {
      expect(ref.sealed).toBeUndefined();
      expect((await fx.module.blobs.get(ref.sha256))[0]).toBe(0x30);
    }
    for (const { attachment, signature } of org.attachments) {
      expect((await activities.verifyDocument({ documentId: draft.documentId, content: attachment, detachedSignature: signature, sealing: draft.sealing })).valid).toBe(true);
    }

    // The key-use records name the stored blobs, never a digest of the clear content.
    const uses = await keyUseModel(fx.connection).find({ documentId: draft.documentId, purpose: { $in: ['pades', 'cades'] } }).lean().exec();
    expect(uses.map((u) => u.documentSha256).sort()).toEqual([draft.content.sha256, person.content.sha256, ...draft.attachments.map((a) => a.sha256)].sort());
    expect(uses.map((u) => u.documentSha256)).not.toContain(sha256(draft.pdf));
  });

  it('binds the signer\'s confirmation to the sealed content\'s address, not to the clear PDF\'s digest', async () => {
    const draft = await secretDraft('Chi thi 4-CT/TU (Mat)');
    const input = { documentId: draft.documentId, content: draft.content, signer: secretary, authority: 'none' as const, sealing: draft.sealing };
    const clearBound = await failureOf(activities.signAsPerson({ ...input, signingAuthorisation: await confirmed(draft.documentId, sha256(draft.pdf)) }));
    expect(clearBound.type).toBe(SIGNING_ERRORS.signerIntentMissing);
    const signed = await activities.signAsPerson({ ...input, signingAuthorisation: await confirmed(draft.documentId, draft.content.sha256) });
    await expectStoredSealed(signed.content, 'application/pdf');
  });

  it('refuses, without retry, a key for another document', async () => {
    const draft = await secretDraft('Ket luan 5-KL/TU (Mat)', ['Phụ lục']);
    const other = await secretDraft('Thong bao 6-TB/TU (Mat)');
    // Another document's sealing for this document: the wrapped key names the other document.
    const wrapped = await failureOf(activities.verifyDocument({ documentId: draft.documentId, content: draft.content, sealing: other.sealing }));
    // The other document's own key on this document's blobs: their headers name this document.
    const blobs = await failureOf(activities.verifyDocument({ documentId: other.documentId, content: draft.content, sealing: other.sealing }));
    const attachment = await failureOf(
      activities.signAsOrganisation({ documentId: other.documentId, content: other.content, attachments: draft.attachments, ...issue, sealing: other.sealing }),
    );
    for (const failure of [wrapped, blobs, attachment]) {
      expect(failure).toMatchObject({ type: SEALED_CONTENT_ERRORS.sealedUnreadable, nonRetryable: true });
    }
    expect(attachment.message).toContain(draft.attachments[0]!.sha256);
  });

  it('refuses sealed content that comes without its sealing, even when the reference lost its flag', async () => {
    const draft = await secretDraft('Quyet dinh 7-QD/TU (Mat)', ['Phụ lục']);
    const clearPdf = await fx.module.blobs.put(await makePdf('Thong bao thuong'), 'application/pdf');
    const person = { documentId: draft.documentId, content: draft.content, signer: secretary, authority: 'none' as const, signingAuthorisation: await confirmed(draft.documentId, draft.content.sha256) };
    const attempts = [
      activities.signAsPerson(person),
      activities.signAsOrganisation({ documentId: draft.documentId, content: clearPdf, attachments: draft.attachments, ...issue }),
      activities.verifyDocument({ content: draft.content }),
      activities.verifyDocument({ content: { ...draft.content, sealed: false } }),
      activities.signAsOrganisation({ documentId: `${draft.documentId}-b`, content: clearPdf, attachments: [{ ...draft.attachments[0]!, sealed: undefined }], ...issue }),
    ];
    for (const attempt of attempts) {
      expect(await failureOf(attempt)).toMatchObject({ type: SEALED_CONTENT_ERRORS.sealedWithoutKey, nonRetryable: true });
    }
    // A flagged reference is refused before anything is read: no key use, and the confirmation is still good once the sealing comes.
    expect(await keyUseModel(fx.connection).countDocuments({ documentId: draft.documentId }).exec()).toBe(0);
    await expectStoredSealed((await activities.signAsPerson({ ...person, sealing: draft.sealing })).content, 'application/pdf');
  });

  it('retries when the key-encryption key is not configured here, and asks for the document a sealing belongs to', async () => {
    const draft = await secretDraft('Ke hoach 8-KH/TU (Mat)');
    const elsewhere: Sealing = await DocumentKey.generate(draft.documentId).sealingFor(ringWith('not-here'), 'BS-TU');
    expect(await failureOf(activities.verifyDocument({ documentId: draft.documentId, content: draft.content, sealing: elsewhere }))).toMatchObject({
      type: SEALED_CONTENT_ERRORS.kekMissing,
      nonRetryable: false,
    });
    expect(await failureOf(activities.verifyDocument({ content: draft.content, sealing: draft.sealing }))).toMatchObject({ type: 'InvalidInput', nonRetryable: true });
  });

  it('leaves a document without sealing as it was: clear blobs in, clear blobs out', async () => {
    const content = await fx.module.blobs.put(await makePdf('Cong van 9-CV/TU'), 'application/pdf');
    const documentId = `clear-${randomUUID()}`;
    const person = await activities.signAsPerson({ documentId, content, signer: secretary, authority: 'none', signingAuthorisation: await confirmed(documentId, content.sha256) });
    expect(person.content).not.toHaveProperty('sealed');
    expect((await fx.module.blobs.get(person.content.sha256)).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });
});

import { ApplicationFailure } from '@temporalio/activity';
import { SIGNING_ERRORS, type SignerIdentity } from '@vanthu/shared';
import { signingActivities } from '../../src/activities/signing-activities';
import { DEVELOPMENT_PIN, principal } from '../support/signing-api';
import { makePdf, openSigningFixture, run, type SigningFixture } from '../support/signing-fixture';

const secretary: SignerIdentity = { userId: 'bs-secretary', fullName: 'Hoàng Văn Sơn', position: 'Bí thư Tỉnh ủy', orgCode: 'BS-TU', orgName: 'Tỉnh ủy Bắc Sơn' };

describe('signing activities as the lifecycle workflow calls them (real database and blob store)', () => {
  let fx: SigningFixture;
  let activities: ReturnType<typeof signingActivities>;

  beforeAll(async () => {
    fx = await openSigningFixture();
    activities = signingActivities(fx.module);
  });
  afterAll(() => fx.close());

  /** The secretary's confirmation for a document, as their portal obtains it with the PIN. */
  const confirmed = async (documentId: string) =>
    (await fx.module.intent.authorisations.issue(principal('bs-secretary'), { pin: DEVELOPMENT_PIN, documentId })).authorisation;

  it('signs as the person, then the organisation with its attachments, by blob reference', async () => {
    const content = await fx.module.blobs.put(await makePdf('Nghi quyet 15-NQ/TU'), 'application/pdf');
    const attachment = await fx.module.blobs.put(Buffer.from('Phụ lục 1'), 'text/plain');
    const person = await activities.signAsPerson({ documentId: 'doc-1', content, signer: secretary, authority: 'T/M', onBehalfOf: 'Ban Thường vụ', visibleStamp: true, signingAuthorisation: await confirmed('doc-1') });
    expect(person.signature).toMatchObject({ signerName: 'Hoàng Văn Sơn', timestamped: true });
    const org = await activities.signAsOrganisation({ documentId: 'doc-1', content: person.content, attachments: [attachment], orgCode: 'BS-TU', orgName: 'Tỉnh ủy Bắc Sơn', notation: '15-NQ/TU', issuedAt: '2026-11-23T14:05:09+07:00' });
    expect(org.attachments).toHaveLength(1);

    const pdf = await fx.module.blobs.get(org.content.sha256);
    expect(run('pdfsig', [fx.file('doc-1.pdf', pdf)]).output.match(/Signature is Valid\./g)).toHaveLength(2);
    const report = await activities.verifyDocument({ content: org.content, keepMaterial: true });
    expect(report.valid).toBe(true);
    expect(report.material!.certificates.length).toBeGreaterThanOrEqual(4);
    expect(report.material!.crls.length).toBeGreaterThanOrEqual(1);
    const attachmentReport = await activities.verifyDocument({ content: attachment, detachedSignature: org.attachments[0]!.signature });
    expect(attachmentReport.valid).toBe(true);
    // Only the archive asks for the material; a recipient's check stores nothing.
    expect(attachmentReport.material).toBeUndefined();
  });

  it('returns the stored result when Temporal retries a signing step', async () => {
    const content = await fx.module.blobs.put(await makePdf('Ket luan 2-KL/TU'), 'application/pdf');
    // One confirmation: the retries are the same use of it, not new ones.
    const input = { documentId: 'doc-2', content, signer: secretary, authority: 'none' as const, signingAuthorisation: await confirmed('doc-2') };
    const [a, b] = await Promise.all([activities.signAsPerson(input), activities.signAsPerson(input)]);
    const c = await activities.signAsPerson(input);
    expect(b).toEqual(a);
    expect(c).toEqual(a);
  });

  async function failureOf(work: Promise<unknown>): Promise<ApplicationFailure> {
    const error = await work.then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(ApplicationFailure);
    expect((error as ApplicationFailure).nonRetryable).toBe(true);
    return error as ApplicationFailure;
  }

  it('fails without retry for an unknown signer, another organisation, or a non-PDF', async () => {
    const pdf = await fx.module.blobs.put(await makePdf('x'), 'application/pdf');
    const unknown = await failureOf(activities.signAsPerson({ documentId: 'd3', content: pdf, signer: { ...secretary, userId: 'ghost' }, authority: 'none' }));
    expect(unknown.type).toBe(SIGNING_ERRORS.noCertificate);
    const elsewhere = await failureOf(activities.signAsPerson({ documentId: 'd4', content: pdf, signer: { ...secretary, userId: 'tl-secretary', orgCode: 'BS-TL-DU' }, authority: 'none', orgCode: 'BS-TU' } as never));
    expect(elsewhere.type).toBe(SIGNING_ERRORS.signerNotInOrganisation);
    const text = await fx.module.blobs.put(Buffer.from('không phải PDF'), 'text/plain');
    const notPdf = await failureOf(activities.signAsPerson({ documentId: 'd5', content: text, signer: secretary, authority: 'none', signingAuthorisation: await confirmed('d5') }));
    expect(notPdf.type).toBe(SIGNING_ERRORS.notAPdf);
    const noOrg = await failureOf(activities.signAsOrganisation({ documentId: 'd6', content: pdf, attachments: [], orgCode: 'NOPE', orgName: 'x', notation: '1-TB/X', issuedAt: '2026-11-23T00:00:00+07:00' }));
    expect(noOrg.type).toBe(SIGNING_ERRORS.noCertificate);
  });
});

import { ApplicationFailure } from '@temporalio/activity';
import type {
  AttachmentSignature,
  OrganisationSignatureInput,
  OrganisationSignatureResult,
  PersonSignatureInput,
  PersonSignatureResult,
  SigningActivities,
  VerificationReport,
  VerifyInput,
} from '@vanthu/shared';
import { SigningRefused } from '../errors';
import { organisationCertificate, personCertificate } from '../signing/signing-policy';
import type { SigningModule } from '../signing/signing-module';
import { collectMaterial } from '../verify/material';

/** Proposed for the contract: the organisation the document is issued by, when it is known. */
export type PersonSignatureRequest = PersonSignatureInput & { orgCode?: string };

/** Refusals are final (Temporal should not retry what will be refused again), unless load may have caused them. */
async function refusalsFinal<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof SigningRefused) {
      throw ApplicationFailure.create({ type: error.type, message: error.message, nonRetryable: !error.transient, details: [{ reason: error.reason, field: error.field }] });
    }
    throw error;
  }
}

const stampAuthority = (input: PersonSignatureRequest) =>
  input.authority === 'none' ? input.signer.position : `${input.authority} ${input.onBehalfOf ?? input.signer.orgName}`;

export function signingActivities(module: SigningModule): SigningActivities {
  const { authority, blobs, signer, results, verifier, intent } = module;
  return {
    signAsPerson: (input: PersonSignatureRequest) =>
      refusalsFinal(async () => {
        const step = `${input.documentId}:person:${input.content.sha256}`;
        const certificate = await personCertificate(authority, input.signer, input.orgCode);
        // The signer the workflow chose must have confirmed this document (or exactly this content)
        // themselves; spent here, once, right before the key is used. A retry finds its own use.
        await intent.authorisations.consume(input.signingAuthorisation, { userId: input.signer.userId, documentId: input.documentId, sha256: input.content.sha256 }, step);
        return results.once<PersonSignatureResult>(step, async () => {
          const pdf = await blobs.get(input.content.sha256);
          const signed = await signer.signPdf(pdf, {
            certificate,
            actor: input.signer.userId,
            documentId: input.documentId,
            reason: `${stampAuthority(input)} - ${input.signer.position}`,
            location: input.signer.orgName,
            ...(input.visibleStamp && {
              stampLines: (at: string) => [`Ký bởi: ${input.signer.fullName}`, stampAuthority(input), input.signer.position, `Thời gian ký: ${at}`],
            }),
          });
          return { content: await blobs.put(signed.pdf, 'application/pdf'), signature: signed.summary };
        });
      }),

    signAsOrganisation: (input: OrganisationSignatureInput & { visibleStamp?: boolean }) =>
      refusalsFinal(() =>
        results.once<OrganisationSignatureResult>(`${input.documentId}:organisation:${input.content.sha256}`, async () => {
          const certificate = await organisationCertificate(authority, input.orgCode);
          const pdf = await blobs.get(input.content.sha256);
          const signed = await signer.signPdf(pdf, {
            certificate,
            actor: `org:${input.orgCode}`,
            documentId: input.documentId,
            reason: `Ban hanh ${input.notation}`,
            location: input.orgName,
            ...(input.visibleStamp !== false && {
              stampLines: (at: string) => [`${input.orgName}`, `Số: ${input.notation}`, `Ngày ban hành: ${input.issuedAt}`, `Thời gian ký: ${at}`],
            }),
          });
          const attachments: AttachmentSignature[] = [];
          for (const attachment of input.attachments) {
            const bytes = await blobs.get(attachment.sha256);
            const detached = await signer.signDetached(bytes, { certificate, actor: `org:${input.orgCode}`, documentId: input.documentId });
            attachments.push({ attachment, signature: await blobs.put(detached.signature, 'application/pkcs7-signature'), summary: detached.summary });
          }
          return { content: await blobs.put(signed.pdf, 'application/pdf'), signature: signed.summary, attachments };
        }),
      ),

    verifyDocument: (input: VerifyInput) =>
      refusalsFinal(async (): Promise<VerificationReport> => {
        const content = await blobs.get(input.content.sha256);
        const detached = input.detachedSignature ? await blobs.get(input.detachedSignature.sha256) : undefined;
        const report = await verifier.verify(content, detached);
        return input.keepMaterial ? { ...report, material: await collectMaterial(module, content, detached) } : report;
      }),
  };
}

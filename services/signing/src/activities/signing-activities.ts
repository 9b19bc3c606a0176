import { ApplicationFailure } from '@temporalio/activity';
import {
  KeyRing,
  type AttachmentSignature,
  type OrganisationSignatureInput,
  type OrganisationSignatureResult,
  type PersonSignatureInput,
  type PersonSignatureResult,
  type SigningActivities,
  type VerificationReport,
  type VerifyInput,
} from '@vanthu/shared';
import { SigningRefused } from '../errors';
import { documentBlobs } from './document-blobs';
import { organisationCertificate, personCertificate } from '../signing/signing-policy';
import type { SigningModule } from '../signing/signing-module';
import { collectMaterial } from '../verify/material';

/** Proposed for the contract: the organisation the document is issued by, when it is known. */
export type PersonSignatureRequest = PersonSignatureInput & { orgCode?: string };

/**
 * A refusal as the workflow sees it. Refusals are final (Temporal should not retry what will be
 * refused again: a file over its CPU budget, 422 `pdf-too-complex`, costs as much the next time);
 * overload is not (503 `signing-busy`, type `SigningBusy`: every reading thread taken, or the
 * machine starving them), and the activity's retry policy brings it back once the load has passed.
 */
export function activityFailure(error: SigningRefused): ApplicationFailure {
  return ApplicationFailure.create({ type: error.type, message: error.message, nonRetryable: !error.transient, details: [{ reason: error.reason, field: error.field }] });
}

async function refusalsFinal<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof SigningRefused) throw activityFailure(error);
    throw error;
  }
}

const stampAuthority = (input: PersonSignatureRequest) =>
  input.authority === 'none' ? input.signer.position : `${input.authority} ${input.onBehalfOf ?? input.signer.orgName}`;

/**
 * `keys` opens secret documents' keys (the service context's ring); made from the environment,
 * as the context makes it, when a caller without one meets a sealed document.
 */
export function signingActivities(module: SigningModule, keys?: KeyRing): SigningActivities {
  const { authority, blobs, signer, results, verifier, intent } = module;
  let ring = keys;
  const keysOf = () => (ring ??= KeyRing.fromEnv());
  return {
    signAsPerson: (input: PersonSignatureRequest) =>
      refusalsFinal(async () => {
        // For a secret document `content.sha256` is the ciphertext's: the address intake shows the
        // signer, the workflow passes and the authorisation was obtained for. The authorisation, the
        // step and the key-use record all bind to it. It names one clear PDF as surely (each sealing
        // has a fresh IV, and the key opens a ciphertext to one content only), and it keeps the clear
        // content's digest out of records that are not sealed.
        const step = `${input.documentId}:person:${input.content.sha256}`;
        const files = await documentBlobs(blobs, keysOf, { documentId: input.documentId, sealing: input.sealing, refs: [{ ref: input.content, field: 'content' }] });
        const certificate = await personCertificate(authority, input.signer, input.orgCode);
        // The signer the workflow chose must have confirmed this document (or exactly this content)
        // themselves; spent here, once, right before the key is used. A retry finds its own use.
        await intent.authorisations.consume(input.signingAuthorisation, { userId: input.signer.userId, documentId: input.documentId, sha256: input.content.sha256 }, step);
        return results.once<PersonSignatureResult>(step, async () => {
          const pdf = await files.read(input.content, 'content');
          const signed = await signer.signPdf(pdf, {
            certificate,
            actor: input.signer.userId,
            documentId: input.documentId,
            ...recorded(files.recordedSha256(input.content)),
            reason: `${stampAuthority(input)} - ${input.signer.position}`,
            location: input.signer.orgName,
            ...(input.visibleStamp && {
              stampLines: (at: string) => [`Ký bởi: ${input.signer.fullName}`, stampAuthority(input), input.signer.position, `Thời gian ký: ${at}`],
            }),
          });
          return { content: await files.write(signed.pdf, 'application/pdf'), signature: signed.summary };
        });
      }),

    signAsOrganisation: (input: OrganisationSignatureInput & { visibleStamp?: boolean }) =>
      refusalsFinal(async () => {
        const refs = [{ ref: input.content, field: 'content' }, ...input.attachments.map((ref, i) => ({ ref, field: `attachments[${i}]` }))];
        const files = await documentBlobs(blobs, keysOf, { documentId: input.documentId, sealing: input.sealing, refs });
        return results.once<OrganisationSignatureResult>(`${input.documentId}:organisation:${input.content.sha256}`, async () => {
          const certificate = await organisationCertificate(authority, input.orgCode);
          const pdf = await files.read(input.content, 'content');
          const signed = await signer.signPdf(pdf, {
            certificate,
            actor: `org:${input.orgCode}`,
            documentId: input.documentId,
            ...recorded(files.recordedSha256(input.content)),
            reason: `Ban hanh ${input.notation}`,
            location: input.orgName,
            ...(input.visibleStamp !== false && {
              stampLines: (at: string) => [`${input.orgName}`, `Số: ${input.notation}`, `Ngày ban hành: ${input.issuedAt}`, `Thời gian ký: ${at}`],
            }),
          });
          const attachments: AttachmentSignature[] = [];
          for (const [i, attachment] of input.attachments.entries()) {
            const bytes = await files.read(attachment, `attachments[${i}]`);
            const detached = await signer.signDetached(bytes, { certificate, actor: `org:${input.orgCode}`, documentId: input.documentId, ...recorded(files.recordedSha256(attachment)) });
            // Sealed too: a detached signature carries the clear attachment's digest.
            attachments.push({ attachment, signature: await files.write(detached.signature, 'application/pkcs7-signature'), summary: detached.summary });
          }
          return { content: await files.write(signed.pdf, 'application/pdf'), signature: signed.summary, attachments };
        });
      }),

    verifyDocument: (input: VerifyInput) =>
      refusalsFinal(async (): Promise<VerificationReport> => {
        const refs = [{ ref: input.content, field: 'content' }, ...(input.detachedSignature ? [{ ref: input.detachedSignature, field: 'detachedSignature' }] : [])];
        const files = await documentBlobs(blobs, keysOf, { documentId: input.documentId, sealing: input.sealing, refs });
        const content = await files.read(input.content, 'content');
        const detached = input.detachedSignature ? await files.read(input.detachedSignature, 'detachedSignature') : undefined;
        const report = await verifier.verify(content, detached);
        // Certificates and CRLs are public PKI data: stored clear, secret document or not.
        return input.keepMaterial ? { ...report, material: await collectMaterial(module, content, detached) } : report;
      }),
  };
}

const recorded = (sha256: string | undefined) => (sha256 === undefined ? {} : { recordedSha256: sha256 });

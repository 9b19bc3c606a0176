import { Router } from 'express';
import { z } from 'zod';
import { AUTHORITY_FORMS, Problem } from '@vanthu/shared';
import { subjectKeys } from '../pki/certificate-records';
import { organisationCertificate } from '../signing/signing-policy';
import type { SigningModule } from '../signing/signing-module';
import { route, uploaded, uploadFields } from './uploads';

const code = z.string().regex(/^[A-Za-z0-9._-]{1,40}$/);
const flag = z.enum(['true', 'false']).transform((v) => v === 'true');

const signFields = z
  .object({
    userId: code.optional(),
    orgCode: code.optional(),
    timestamp: flag.default(true),
    visibleStamp: flag.default(false),
    authority: z.enum(AUTHORITY_FORMS).default('none'),
    reason: z.string().max(200).optional(),
  })
  .refine((f) => Boolean(f.userId) !== Boolean(f.orgCode) || (f.userId && f.orgCode), {
    message: 'give userId (a person signs) or orgCode alone (the organisation signs)',
    path: ['userId'],
  });

/**
 * Direct signing, for callers outside the lifecycle workflow. Authentication is left for later:
 * until it exists these routes must not be reachable from outside the service network.
 */
export function signingRoutes(module: SigningModule): Router {
  const { authority, signer, verifier, config } = module;
  const router = Router();
  const uploads = uploadFields(['file', 'signature'], config.SIGNING_MAX_UPLOAD_BYTES);

  async function certificateFor(fields: z.infer<typeof signFields>) {
    if (!fields.userId) return organisationCertificate(authority, fields.orgCode!);
    const cert = await authority.usable(subjectKeys.person(fields.userId), fields.userId, 'userId');
    if (fields.orgCode && cert.orgCode !== fields.orgCode) {
      throw new Problem(403, 'signer-not-in-organisation', `${fields.userId} holds no certificate for organisation ${fields.orgCode}.`, { field: 'orgCode' });
    }
    return cert;
  }

  router.post(
    '/v1/verify',
    uploads,
    route(async (req, res) => {
      const file = uploaded(req, 'file', true);
      const signature = uploaded(req, 'signature');
      res.json(await verifier.verify(file, signature));
    }),
  );

  router.post(
    '/v1/sign/cms',
    uploads,
    route(async (req, res) => {
      const fields = signFields.parse(req.body ?? {});
      const file = uploaded(req, 'file', true);
      const certificate = await certificateFor(fields);
      const { signature, summary } = await signer.signDetached(file, { certificate, actor: fields.userId ?? `org:${fields.orgCode}`, timestamp: fields.timestamp });
      res.setHeader('X-Signature-Id', summary.signatureId);
      res.status(200).type('application/pkcs7-signature').send(signature);
    }),
  );

  router.post(
    '/v1/sign/pdf',
    uploads,
    route(async (req, res) => {
      const fields = signFields.parse(req.body ?? {});
      const file = uploaded(req, 'file', true);
      const certificate = await certificateFor(fields);
      const form = fields.authority === 'none' ? '' : `${fields.authority} `;
      const signed = await signer.signPdf(file, {
        certificate,
        actor: fields.userId ?? `org:${fields.orgCode}`,
        reason: fields.reason ?? `${form}${certificate.subject.title ?? certificate.subject.orgName}`,
        timestamp: fields.timestamp,
        ...(fields.visibleStamp && {
          stampLines: (at: string) => [`Ký bởi: ${certificate.commonName}`, `${form}${certificate.subject.title ?? ''}`.trim(), certificate.subject.orgName, `Thời gian ký: ${at}`],
        }),
      });
      res.setHeader('X-Signature-Id', signed.summary.signatureId);
      res.status(200).type('application/pdf').send(signed.pdf);
    }),
  );

  return router;
}

import { randomUUID } from 'node:crypto';
import type { Request, Response } from 'express';
import { z } from 'zod';
import { AUTHORITY_FORMS, Problem, anyUser, principalOf, secureRouter, type SecureRouter } from '@vanthu/shared';
import { subjectKeys } from '../pki/certificate-records';
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
  });

/** The header that carries the signer's confirmation (from POST /v1/signing-authorisations) on a direct signature. */
export const SIGNING_AUTHORISATION_HEADER = 'Signing-Authorisation';

/**
 * Direct signing, for callers outside the lifecycle workflow: a person signs as themselves only,
 * with an authorisation bound to the SHA-256 of the uploaded file. The organisation's seal is
 * made only at issuance, by the lifecycle, after the number is allocated: never here.
 */
export function signingRoutes(module: SigningModule): SecureRouter {
  const { authority, signer, verifier, config, intent, pool } = module;
  const router = secureRouter();
  const uploads = uploadFields(['file', 'signature'], config.SIGNING_MAX_UPLOAD_BYTES);

  /** The caller's own certificate, once the request is theirs to make; the file's hash for the authorisation check. */
  async function ownCertificate(res: Response, fields: z.infer<typeof signFields>) {
    const caller = principalOf(res);
    if (fields.orgCode && !fields.userId) {
      throw new Problem(403, 'seal-only-at-issuance', "The organisation's signature is made only when the lifecycle issues a document.", { field: 'orgCode' });
    }
    const userId = fields.userId ?? caller.userId;
    if (userId !== caller.userId) throw new Problem(403, 'not-your-key', `You may sign only as yourself (${caller.userId}), not as ${userId}.`, { field: 'userId' });
    const cert = await authority.usable(subjectKeys.person(userId), userId, 'userId');
    if (fields.orgCode && cert.orgCode !== fields.orgCode) {
      throw new Problem(403, 'signer-not-in-organisation', `${userId} holds no certificate for organisation ${fields.orgCode}.`, { field: 'orgCode' });
    }
    return { certificate: cert, userId };
  }

  /** Spends the caller's authorisation for exactly this file, right before the key is used. */
  async function confirmed(req: Request, userId: string, file: Buffer) {
    await intent.authorisations.consume(
      req.get(SIGNING_AUTHORISATION_HEADER),
      // Large files are hashed on the byte pool's threads, as the signature's own digest is.
      { userId, sha256: (await pool.sha256(file)).toString('hex'), requireContentBinding: true },
      `direct:${randomUUID()}`,
    );
  }

  router.post(
    '/v1/verify',
    anyUser(),
    uploads,
    route(async (req, res) => {
      const file = uploaded(req, 'file', true);
      const signature = uploaded(req, 'signature');
      res.json(await verifier.verify(file, signature));
    }),
  );

  router.post(
    '/v1/sign/cms',
    anyUser(),
    uploads,
    route(async (req, res) => {
      const fields = signFields.parse(req.body ?? {});
      const file = uploaded(req, 'file', true);
      const { certificate, userId } = await ownCertificate(res, fields);
      await confirmed(req, userId, file);
      const { signature, summary } = await signer.signDetached(file, { certificate, actor: userId, timestamp: fields.timestamp });
      res.setHeader('X-Signature-Id', summary.signatureId);
      res.status(200).type('application/pkcs7-signature').send(signature);
    }),
  );

  router.post(
    '/v1/sign/pdf',
    anyUser(),
    uploads,
    route(async (req, res) => {
      const fields = signFields.parse(req.body ?? {});
      const file = uploaded(req, 'file', true);
      const { certificate, userId } = await ownCertificate(res, fields);
      await confirmed(req, userId, file);
      const form = fields.authority === 'none' ? '' : `${fields.authority} `;
      const signed = await signer.signPdf(file, {
        certificate,
        actor: userId,
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

import { X509Certificate } from 'node:crypto';
import { Router } from 'express';
import { z } from 'zod';
import { Problem } from '@vanthu/shared';
import { REVOCATION_REASONS } from '../pki/crl';
import { subjectKeys } from '../pki/certificate-records';
import { readPkcs12 } from '../pki/pkcs12-import';
import type { SigningModule } from '../signing/signing-module';
import { certificateView } from './certificate-view';
import { route, uploaded, uploadFields } from './uploads';

const code = z.string().regex(/^[A-Za-z0-9._-]{1,40}$/);
const text = z.string().trim().min(1).max(200);

const issueBody = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('person'), userId: code, fullName: text, position: text, orgCode: code, orgName: text }),
  z.object({ kind: z.literal('organisation'), orgCode: code, orgName: text }),
  z.object({ kind: z.literal('issuing-ca'), orgCode: code, orgName: text, parentOrgCode: code.optional() }),
]);

const importFields = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('person'), userId: code, orgCode: code, password: z.string().max(200).default('') }),
  z.object({ kind: z.literal('organisation'), orgCode: code, password: z.string().max(200).default('') }),
]);

const listQuery = z.object({
  orgCode: code.optional(),
  userId: code.optional(),
  kind: z.enum(['root-ca', 'issuing-ca', 'organisation', 'person', 'tsa']).optional(),
  status: z.enum(['active', 'superseded', 'revoked']).optional(),
});

/** Certificate administration. Authentication is not enforced yet: mount behind the admin network only. */
export function certificateRoutes(module: SigningModule): Router {
  const { authority } = module;
  const router = Router();

  router.get(
    '/v1/certificates',
    route(async (req, res) => {
      const docs = await authority.list(listQuery.parse(req.query));
      res.json({ certificates: docs.map(certificateView) });
    }),
  );

  router.get(
    '/v1/certificates/:serial',
    route(async (req, res) => {
      const doc = await authority.bySerial(String(req.params.serial));
      if (!doc) throw new Problem(404, 'unknown-certificate', `No certificate with serial ${req.params.serial}.`, { field: 'serial' });
      res.json(certificateView(doc));
    }),
  );

  router.post(
    '/v1/certificates',
    route(async (req, res) => {
      const body = issueBody.parse(req.body);
      const request =
        body.kind === 'person'
          ? await authority.personRequest(body)
          : body.kind === 'organisation'
            ? await authority.organisationRequest({ code: body.orgCode, name: body.orgName })
            : await authority.issuingCaRequest({ code: body.orgCode, name: body.orgName, ...(body.parentOrgCode && { parent: body.parentOrgCode }) });
      res.status(201).json(certificateView(await authority.issueNew(request)));
    }),
  );

  router.post(
    '/v1/certificates/:serial/renew',
    route(async (req, res) => {
      res.status(201).json(certificateView(await authority.renew(String(req.params.serial))));
    }),
  );

  router.post(
    '/v1/certificates/:serial/revoke',
    route(async (req, res) => {
      const { reason } = z.object({ reason: z.enum(REVOCATION_REASONS as [string, ...string[]]).default('unspecified') }).parse(req.body ?? {});
      res.json(certificateView(await authority.revoke(String(req.params.serial), reason)));
    }),
  );

  router.post(
    '/v1/certificates/import',
    uploadFields(['file'], 1024 * 1024),
    route(async (req, res) => {
      const fields = importFields.parse(req.body);
      const contents = readPkcs12(uploaded(req, 'file', true), fields.password);
      const x509 = new X509Certificate(contents.certificate);
      const now = authority.now();
      if (now < new Date(x509.validFrom) || now > new Date(x509.validTo)) {
        throw new Problem(422, 'certificate-expired', 'The certificate in the file is not valid now.', { field: 'file' });
      }
      const subjectKey = fields.kind === 'person' ? subjectKeys.person(fields.userId) : subjectKeys.org(fields.orgCode);
      const serial = x509.serialNumber.toLowerCase().replace(/^(00)+(?=.)/, '');
      const commonName = /(?:^|\n)CN=([^\n]*)/.exec(x509.subject)?.[1] ?? subjectKey;
      const doc = await authority.importKey(
        {
          _id: serial,
          subjectKey,
          activeFor: subjectKey,
          kind: fields.kind,
          orgCode: fields.orgCode,
          ...(fields.kind === 'person' && { userId: fields.userId }),
          commonName,
          subject: { commonName, orgName: fields.orgCode },
          der: contents.certificate,
          chain: contents.chain,
          notBefore: new Date(x509.validFrom),
          notAfter: new Date(x509.validTo),
          status: 'active',
          imported: true,
          createdAt: now,
        },
        contents.privateKey,
      );
      res.status(201).json(certificateView(doc));
    }),
  );

  return router;
}

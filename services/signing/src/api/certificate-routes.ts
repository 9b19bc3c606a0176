import { X509Certificate } from 'node:crypto';
import { z } from 'zod';
import { Problem, anyUser, principalOf, roles, secureRouter, type SecureRouter } from '@vanthu/shared';
import { REVOCATION_REASONS } from '../pki/crl';
import { subjectKeys, type CertificateDoc } from '../pki/certificate-records';
import { checkImportable } from '../pki/import-checks';
import { readPkcs12 } from '../pki/pkcs12-import';
import type { SigningModule } from '../signing/signing-module';
import { CertificateRights } from './certificate-rights';
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

/** Certificate administration: reading for anyone signed in, changes by administrators of the issuing CA's organisation (certificate-rights.ts). */
export function certificateRoutes(module: SigningModule): SecureRouter {
  const { authority } = module;
  const rights = new CertificateRights(authority);
  const router = secureRouter();

  async function existing(serial: string): Promise<CertificateDoc> {
    const doc = await authority.bySerial(serial);
    if (!doc) throw new Problem(404, 'unknown-certificate', `No certificate with serial ${serial}.`, { field: 'serial' });
    return doc;
  }

  router.get(
    '/v1/certificates',
    anyUser(),
    route(async (req, res) => {
      const docs = await authority.list(listQuery.parse(req.query));
      res.json({ certificates: docs.map(certificateView) });
    }),
  );

  router.get(
    '/v1/certificates/:serial',
    anyUser(),
    route(async (req, res) => {
      const doc = await authority.bySerial(String(req.params.serial));
      if (!doc) throw new Problem(404, 'unknown-certificate', `No certificate with serial ${req.params.serial}.`, { field: 'serial' });
      res.json(certificateView(doc));
    }),
  );

  router.post(
    '/v1/certificates',
    roles('admin'),
    route(async (req, res) => {
      const body = issueBody.parse(req.body);
      const admin = principalOf(res);
      if (body.kind === 'issuing-ca') await rights.requireForSubordinateCa(admin, body.parentOrgCode, `An issuing CA for ${body.orgCode}`);
      else await rights.requireForOrganisation(admin, body.orgCode, `A ${body.kind} certificate in ${body.orgCode}`);
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
    roles('admin'),
    route(async (req, res) => {
      await rights.requireForCertificate(principalOf(res), await existing(String(req.params.serial)));
      res.status(201).json(certificateView(await authority.renew(String(req.params.serial))));
    }),
  );

  router.post(
    '/v1/certificates/:serial/revoke',
    roles('admin'),
    route(async (req, res) => {
      const { reason } = z.object({ reason: z.enum(REVOCATION_REASONS as [string, ...string[]]).default('unspecified') }).parse(req.body ?? {});
      await rights.requireForCertificate(principalOf(res), await existing(String(req.params.serial)));
      res.json(certificateView(await authority.revoke(String(req.params.serial), reason)));
    }),
  );

  router.post(
    '/v1/certificates/import',
    roles('admin'),
    uploadFields(['file'], 1024 * 1024),
    route(async (req, res) => {
      const fields = importFields.parse(req.body);
      await rights.requireForOrganisation(principalOf(res), fields.orgCode, `An import for ${fields.orgCode}`);
      const contents = readPkcs12(uploaded(req, 'file', true), fields.password);
      const x509 = new X509Certificate(contents.certificate);
      const now = authority.now();
      if (now < new Date(x509.validFrom) || now > new Date(x509.validTo)) {
        throw new Problem(422, 'certificate-expired', 'The certificate in the file is not valid now.', { field: 'file' });
      }
      // Only a key whose certificate a relying party will trust, and that names whom it is imported for.
      checkImportable(x509, {
        fileChain: contents.chain,
        ourCas: (await authority.list({ kind: 'issuing-ca' })).filter((c) => c.status !== 'revoked').map((c) => c.der),
        anchors: [...(await authority.trustAnchors()).map((der) => new X509Certificate(der)), ...module.trustedImportCas],
        now,
        subject: fields.kind === 'person' ? { kind: 'person', userId: fields.userId } : { kind: 'organisation', orgCode: fields.orgCode },
      });
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

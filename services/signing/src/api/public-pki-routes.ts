import express from 'express';
import { Problem , PUBLIC, secureRouter, type SecureRouter } from '@vanthu/shared';
import type { CertificateDoc } from '../pki/certificate-records';
import { subjectKeys } from '../pki/certificate-records';
import { buildCrl } from '../pki/crl';
import type { SigningModule } from '../signing/signing-module';
import { route } from './uploads';

const CRL_CACHE_MS = 60_000;

/** What relying parties fetch without credentials: CA certificates, CRLs, and timestamps. */
export function publicPkiRoutes(module: SigningModule): SecureRouter {
  const { authority, tsa } = module;
  const router = secureRouter();
  const crlCache = new Map<string, { at: number; der: Buffer }>();

  async function caFor(file: string, extension: string): Promise<CertificateDoc> {
    const m = new RegExp(`^([A-Za-z0-9._-]{1,40})\\${extension}$`).exec(file);
    if (!m) throw new Problem(404, 'unknown-ca', `Ask for <ca>${extension}, where <ca> is an organisation code or "root".`, { field: 'ca' });
    const code = m[1]!;
    const ca = await authority.active(code === 'root' ? subjectKeys.root : subjectKeys.ca(code));
    if (!ca) throw new Problem(404, 'unknown-ca', `No certificate authority ${code}.`, { field: 'ca' });
    return ca;
  }

  router.get(
    '/v1/ca/:file',
    PUBLIC,
    route(async (req, res) => {
      const ca = await caFor(String(req.params.file), '.crt');
      res.type('application/pkix-cert').send(Buffer.from(ca.der));
    }),
  );

  router.get(
    '/v1/crl/:file',
    PUBLIC,
    route(async (req, res) => {
      const ca = await caFor(String(req.params.file), '.crl');
      let cached = crlCache.get(ca._id);
      // Revocations are checked against the database directly; the CRL may trail them by a minute.
      if (!cached || Date.now() - cached.at > CRL_CACHE_MS) {
        cached = { at: Date.now(), der: await buildCrl(authority, ca) };
        crlCache.set(ca._id, cached);
      }
      res.type('application/pkix-crl').send(cached.der);
    }),
  );

  router.post(
    '/v1/tsa',
    PUBLIC,
    express.raw({ type: () => true, limit: '16kb' }),
    route(async (req, res) => {
      if (!req.is('application/timestamp-query')) {
        throw new Problem(415, 'unsupported-media-type', 'Send an RFC 3161 request as application/timestamp-query.', { field: '(body)' });
      }
      const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      res.type('application/timestamp-reply').send(await tsa.respond(body, `http:${req.ip ?? 'unknown'}`));
    }),
  );

  return router;
}

import { X509Certificate } from 'node:crypto';
import type { CertificateDoc } from '../pki/certificate-records';

/** What the API shows of a certificate record: everything but the sealed key. */
export function certificateView(doc: CertificateDoc) {
  return {
    serial: doc._id,
    kind: doc.kind,
    subjectKey: doc.subjectKey,
    commonName: doc.commonName,
    orgCode: doc.orgCode,
    userId: doc.userId,
    issuerSerial: doc.issuerSerial,
    notBefore: doc.notBefore,
    notAfter: doc.notAfter,
    status: doc.status,
    revokedAt: doc.revokedAt,
    revocationReason: doc.revocationReason,
    imported: doc.imported,
    certificatePem: new X509Certificate(Buffer.from(doc.der)).toString(),
  };
}

import forge from 'node-forge';
import { randomBytes, sign, type KeyObject } from 'node:crypto';
import { raw, toDer } from '../asn1/der';
import { certificateFields } from '../cms/certificate-fields';

export type CertificateKind = 'root-ca' | 'issuing-ca' | 'organisation' | 'person' | 'tsa';

export interface SubjectName {
  commonName: string;
  orgName: string;
  orgCode?: string;
  title?: string;
  userId?: string;
}

export interface CertificateRequest {
  kind: CertificateKind;
  subject: SubjectName;
  publicKey: KeyObject;
  notBefore: Date;
  notAfter: Date;
  /** Absent for a self-signed root. */
  issuer?: { certificateDer: Buffer; privateKey: KeyObject; crlUrl?: string };
  /** The key that signs a self-signed root. */
  selfKey?: KeyObject;
}

const UTF8 = forge.asn1.Type.UTF8 as unknown as forge.asn1.Class;
const UID_OID = '0.9.2342.19200300.100.1.1';

function subjectAttributes(name: SubjectName): forge.pki.CertificateField[] {
  const attrs: forge.pki.CertificateField[] = [{ shortName: 'C', value: 'VN' }];
  attrs.push({ shortName: 'O', value: name.orgName, valueTagClass: UTF8 });
  if (name.orgCode) attrs.push({ shortName: 'OU', value: name.orgCode, valueTagClass: UTF8 });
  if (name.title) attrs.push({ type: '2.5.4.12', value: name.title, valueTagClass: UTF8 });
  if (name.userId) attrs.push({ type: UID_OID, value: name.userId, valueTagClass: UTF8 });
  attrs.push({ shortName: 'CN', value: name.commonName, valueTagClass: UTF8 });
  return attrs;
}

/** RFC 5280 asks for at least 64 bits of randomness; positive, so the top bit is clear. */
export function randomSerial(): string {
  const bytes = randomBytes(16);
  bytes[0] = (bytes[0]! & 0x7f) | 0x10;
  return bytes.toString('hex');
}

/** RFC 5280's method 1, as forge computes the subject key identifier: SHA-1 of the RSAPublicKey. */
const keyId = (cert: forge.pki.Certificate) => cert.generateSubjectKeyIdentifier().getBytes();

function extensionsFor(request: CertificateRequest, issuer: forge.pki.Certificate): object[] {
  const isCa = request.kind === 'root-ca' || request.kind === 'issuing-ca';
  const extensions: object[] = [
    { name: 'basicConstraints', cA: isCa, critical: true },
    isCa
      ? { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true }
      : { name: 'keyUsage', digitalSignature: true, nonRepudiation: true, critical: true },
    { name: 'subjectKeyIdentifier' },
    { name: 'authorityKeyIdentifier', keyIdentifier: keyId(issuer) },
  ];
  // OpenSSL's `ts -verify` insists on exactly this: a critical time-stamping purpose.
  if (request.kind === 'tsa') extensions.push({ name: 'extKeyUsage', timeStamping: true, critical: true });
  if (request.issuer?.crlUrl) {
    extensions.push({ name: 'cRLDistributionPoints', altNames: [{ type: 6, value: request.issuer.crlUrl }] });
  }
  return extensions;
}

/**
 * Builds the certificate with forge but makes the issuer's signature with node:crypto: forge's
 * own RSA is some fifty times slower, and the output is the same.
 */
export function buildCertificate(request: CertificateRequest, serialHex: string): Buffer {
  const cert = forge.pki.createCertificate();
  const subjectKey: forge.pki.rsa.PublicKey = forge.pki.publicKeyFromPem(request.publicKey.export({ type: 'spki', format: 'pem' }).toString());
  cert.publicKey = subjectKey;
  cert.serialNumber = serialHex;
  cert.validity.notBefore = request.notBefore;
  cert.validity.notAfter = request.notAfter;
  cert.setSubject(subjectAttributes(request.subject));
  let issuerCert = cert;
  let signingKey = request.selfKey;
  if (request.issuer) {
    issuerCert = forge.pki.certificateFromAsn1(forge.asn1.fromDer(request.issuer.certificateDer.toString('binary')));
    cert.setIssuer(issuerCert.subject.attributes);
    signingKey = request.issuer.privateKey;
  } else {
    cert.setIssuer(cert.subject.attributes);
  }
  if (!signingKey) throw new Error('a certificate needs an issuer or a self-signing key');
  cert.setExtensions(extensionsFor(request, issuerCert));

  cert.md = forge.md.sha256.create();
  cert.signatureOid = forge.pki.oids.sha256WithRSAEncryption!;
  cert.siginfo.algorithmOid = cert.signatureOid;
  const tbs = (forge.pki as unknown as { getTBSCertificate(c: forge.pki.Certificate): forge.asn1.Asn1 }).getTBSCertificate(cert);
  if (request.issuer) {
    // The issuer's subject exactly as it encoded it: forge re-encodes parsed UTF-8 names twice over,
    // and name chaining compares bytes.
    (tbs.value as forge.asn1.Asn1[])[3] = raw(certificateFields(request.issuer.certificateDer).subject);
  }
  (cert as unknown as { tbsCertificate: forge.asn1.Asn1 }).tbsCertificate = tbs;
  cert.signature = sign('sha256', toDer(tbs), signingKey).toString('binary');
  return toDer(forge.pki.certificateToAsn1(cert));
}

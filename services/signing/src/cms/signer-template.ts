import { createHash } from 'node:crypto';
import { derContext, derOctetString, derOid, derSequence, derSet } from '../asn1/der-writer';
import { OID } from '../asn1/oids';
import { readTlv } from '../asn1/tlv';
import { certificateFields } from './certificate-fields';

/**
 * The parts of a SignedData that depend only on the signer's certificate and chain, encoded once
 * per certificate instead of once per signature.
 */
export interface SignerTemplate {
  /** IssuerAndSerialNumber, the SignerInfo's sid. */
  issuerAndSerial: Buffer;
  /** The whole signing-certificate-v2 signed attribute. */
  signingCertificateAttribute: Buffer;
  /** [0] IMPLICIT CertificateSet: the signer's certificate, then its chain. */
  certificates: Buffer;
  /** The same with the signer's certificate alone. */
  signerCertificate: Buffer;
}

export const attributeDer = (type: string, value: Buffer) => derSequence(derOid(type), derSet(value));

function wholeTlv(der: Buffer, what: string): Buffer {
  if (readTlv(der, 0).end !== der.length) throw new Error(`${what} is not a single DER structure`);
  return der;
}

/**
 * ESS signing-certificate-v2 (RFC 5035) binds the signature to one certificate, so a different
 * certificate for the same key cannot be substituted. SHA-256 is the default hash, so it is omitted.
 */
export function signerTemplate(certificate: Buffer, chain: Buffer[]): SignerTemplate {
  const { issuer, serial } = certificateFields(wholeTlv(certificate, 'the signer certificate'));
  const hash = createHash('sha256').update(certificate).digest();
  const issuerSerial = derSequence(derSequence(derContext(4, issuer)), serial);
  const essCertIdV2 = derSequence(derOctetString(hash), issuerSerial);
  return {
    issuerAndSerial: derSequence(issuer, serial),
    signingCertificateAttribute: attributeDer(OID.signingCertificateV2, derSequence(derSequence(essCertIdV2))),
    certificates: derContext(0, certificate, ...chain.map((c) => wholeTlv(c, 'a chain certificate'))),
    signerCertificate: derContext(0, certificate),
  };
}

import { createHash } from 'node:crypto';
import {
  explicit,
  implicitConstructed,
  int,
  nullValue,
  octets,
  oid,
  raw,
  seq,
  set,
  sortedByDer,
  time,
  toDer,
  type Asn1,
} from '../asn1/der';
import { OID } from '../asn1/oids';
import type { CmsSigner } from '../pki/authority';
import { certificateFields } from './certificate-fields';

export interface SignedDataOptions {
  /** SHA-256 of the content signed; the content itself is only needed when encapsulated. */
  digest: Buffer;
  /** Carried inside the structure (a timestamp token's TSTInfo); absent: detached. */
  encapsulated?: { contentType: string; content: Buffer };
  /** CAdES puts the claimed time in a signed attribute; PAdES takes it from the PDF's /M instead. */
  signingTime?: Date;
  /** Given the signature value, returns an RFC 3161 token over it (baseline level T). */
  timestamp?: (signatureValue: Buffer) => Promise<Buffer>;
}

export interface SignedDataResult {
  der: Buffer;
  signatureValue: Buffer;
  timestamped: boolean;
}

const attribute = (type: string, value: Asn1) => seq([oid(type), set([value])]);
const sha256Algorithm = () => seq([oid(OID.sha256)]);

/**
 * ESS signing-certificate-v2 (RFC 5035): binds the signature to one certificate, so a different
 * certificate for the same key cannot be substituted. SHA-256 is the default hash, so it is omitted.
 */
function signingCertificateV2(certificate: Buffer): Asn1 {
  const { issuer, serial } = certificateFields(certificate);
  const hash = createHash('sha256').update(certificate).digest();
  const issuerSerial = seq([seq([explicit(4, raw(issuer))]), raw(serial)]);
  return seq([seq([seq([octets(hash), issuerSerial])])]);
}

/**
 * A CMS SignedData (RFC 5652) with one signer, built with forge's ASN.1 only: forge's PKCS#7
 * writer leaves other signed attributes empty, does not sort them, and cannot add unsigned ones.
 */
export async function buildSignedData(signer: CmsSigner, options: SignedDataOptions): Promise<SignedDataResult> {
  const contentType = options.encapsulated?.contentType ?? OID.data;
  const attributes = [
    attribute(OID.contentType, oid(contentType)),
    attribute(OID.messageDigest, octets(options.digest)),
    attribute(OID.signingCertificateV2, signingCertificateV2(signer.certificate)),
  ];
  if (options.signingTime) attributes.push(attribute(OID.signingTime, time(options.signingTime)));
  const signedAttributes = sortedByDer(attributes);

  const signatureValue = await signer.sign(toDer(set(signedAttributes)));

  const { issuer, serial } = certificateFields(signer.certificate);
  const signerInfo: Asn1[] = [
    int(1),
    seq([raw(issuer), raw(serial)]),
    sha256Algorithm(),
    implicitConstructed(0, signedAttributes),
    seq([oid(OID.rsaEncryption), nullValue()]),
    octets(signatureValue),
  ];
  let timestamped = false;
  if (options.timestamp) {
    const token = await options.timestamp(signatureValue);
    signerInfo.push(implicitConstructed(1, [attribute(OID.timeStampToken, raw(token))]));
    timestamped = true;
  }

  const encapsulated = options.encapsulated
    ? seq([oid(contentType), explicit(0, octets(options.encapsulated.content))])
    : seq([oid(contentType)]);
  const signedData = seq([
    // RFC 5652 5.1: version 3 when the content is anything but id-data.
    int(contentType === OID.data ? 1 : 3),
    set([sha256Algorithm()]),
    encapsulated,
    implicitConstructed(0, [signer.certificate, ...signer.chain].map(raw)),
    set([seq(signerInfo)]),
  ]);
  const der = toDer(seq([oid(OID.signedData), explicit(0, signedData)]));
  return { der, signatureValue, timestamped };
}

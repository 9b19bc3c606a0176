import {
  DER_NULL,
  derContext,
  derOctetString,
  derOid,
  derSequence,
  derSet,
  derSmallInt,
  derTime,
  encodeTree,
  sortDer,
  TAG,
  tree,
} from '../asn1/der-writer';
import { OID } from '../asn1/oids';
import { childrenOf, readTlv, slice } from '../asn1/tlv';
import { attributeDer, signerTemplate, type SignerTemplate } from './signer-template';

/** What one signature needs beyond the signer's certificate. */
export interface SignedDataRequest {
  /** SHA-256 of the content signed. */
  digest: Buffer;
  contentType: string;
  /** CAdES puts the claimed time in a signed attribute; PAdES takes it from the PDF's /M instead. */
  signingTime?: Date;
  /** Carried inside the structure (a timestamp token's TSTInfo); absent: detached. */
  content?: Buffer;
  /** Without it only the signer's own certificate goes in. */
  withChain: boolean;
}

export interface MadeSignedData {
  der: Buffer;
  signatureValue: Buffer;
}

/** What CMS building needs from a key holder; the private key itself stays behind it. */
export interface CmsSigner {
  serial: string;
  commonName: string;
  certificate: Buffer;
  /** Issuer first, up to but not including the root. */
  chain: Buffer[];
  /** The key-use record this signature is filed under. */
  useId: string;
  sign(data: Buffer): Promise<Buffer>;
  /** A holder with its key at hand builds the whole SignedData itself, with templates it keeps per certificate. */
  signedData?(request: SignedDataRequest): Promise<MadeSignedData>;
}

export interface SignedDataOptions {
  digest: Buffer;
  encapsulated?: { contentType: string; content: Buffer };
  signingTime?: Date;
  /** Default true; an RFC 3161 reply leaves the chain out unless the request asked for certificates. */
  withChain?: boolean;
  /** Given the signature value, returns an RFC 3161 token over it (baseline level T). */
  timestamp?: (signatureValue: Buffer) => Promise<Buffer>;
}

export interface SignedDataResult {
  der: Buffer;
  signatureValue: Buffer;
  timestamped: boolean;
}

// SHA-256 without the NULL parameters (RFC 5754); RSA with them (RFC 3370).
const SHA256_ALGORITHM = derSequence(derOid(OID.sha256));
const RSA_ALGORITHM = derSequence(derOid(OID.rsaEncryption), DER_NULL);
const DIGEST_ALGORITHMS = derSet(SHA256_ALGORITHM);
const SIGNED_DATA = derOid(OID.signedData);
const [VERSION_1, VERSION_3] = [derSmallInt(1), derSmallInt(3)];

/** The signed attributes as the SET OF that is signed, DER-sorted. */
export function signedAttributes(template: SignerTemplate, request: SignedDataRequest): Buffer {
  const attributes = [
    attributeDer(OID.contentType, derOid(request.contentType)),
    attributeDer(OID.messageDigest, derOctetString(request.digest)),
    template.signingCertificateAttribute,
  ];
  if (request.signingTime) attributes.push(attributeDer(OID.signingTime, derTime(request.signingTime)));
  return derSet(...sortDer(attributes));
}

/** A CMS SignedData (RFC 5652) with one signer and no unsigned attributes. */
export function assembleSignedData(template: SignerTemplate, request: SignedDataRequest, attributesSet: Buffer, signatureValue: Buffer): Buffer {
  // The SignerInfo carries the signed SET OF re-tagged [0] IMPLICIT: same length, other tag.
  const implicitAttributes = Buffer.from(attributesSet);
  implicitAttributes[0] = TAG.context;
  const signerInfo = tree(TAG.sequence, VERSION_1, template.issuerAndSerial, SHA256_ALGORITHM, implicitAttributes, RSA_ALGORITHM, derOctetString(signatureValue));
  const contentType = derOid(request.contentType);
  const encapsulated = request.content ? tree(TAG.sequence, contentType, derContext(0, derOctetString(request.content))) : derSequence(contentType);
  const signedData = tree(
    TAG.sequence,
    // RFC 5652 5.1: version 3 when the content is anything but id-data.
    request.contentType === OID.data ? VERSION_1 : VERSION_3,
    DIGEST_ALGORITHMS,
    encapsulated,
    request.withChain ? template.certificates : template.signerCertificate,
    tree(TAG.set, signerInfo),
  );
  return encodeTree(tree(TAG.sequence, SIGNED_DATA, tree(TAG.context, signedData)));
}

/** For a key held in this process (`KeyRing`): attributes, RSA and assembly in one call. */
export function signedDataWith(template: SignerTemplate, request: SignedDataRequest, sign: (data: Buffer) => Buffer): MadeSignedData {
  const attributesSet = signedAttributes(template, request);
  const signatureValue = sign(attributesSet);
  return { der: assembleSignedData(template, request, attributesSet, signatureValue), signatureValue };
}

/**
 * Adds unsigned attributes to a finished one-signer SignedData. The timestamp token covers the
 * signature value, so it can only be fetched after the structure is signed; nothing signed moves.
 */
export function withUnsignedAttributes(der: Buffer, attributes: Buffer[]): Buffer {
  const [typeTlv, explicit] = childrenOf(der, readTlv(der, 0));
  const signedData = explicit && childrenOf(der, explicit)[0];
  if (!typeTlv || !signedData) throw new Error('not a ContentInfo with SignedData');
  const infos = childrenOf(der, signedData).at(-1);
  const signerInfos = infos ? childrenOf(der, infos) : [];
  const info = signerInfos[0];
  if (!infos || !info || signerInfos.length !== 1) throw new Error('expected exactly one SignerInfo');
  if (childrenOf(der, info).at(-1)?.tag === TAG.context + 1) throw new Error('the SignerInfo already has unsigned attributes');
  const newInfo = derSequence(der.subarray(info.body, info.end), derContext(1, ...sortDer(attributes)));
  const newSignedData = derSequence(der.subarray(signedData.body, infos.start), derSet(newInfo));
  return derSequence(slice(der, typeTlv), derContext(0, newSignedData));
}

/**
 * Built without forge's PKCS#7 writer, which leaves other signed attributes empty, does not sort
 * them and cannot add unsigned ones.
 */
export async function buildSignedData(signer: CmsSigner, options: SignedDataOptions): Promise<SignedDataResult> {
  const request: SignedDataRequest = {
    digest: options.digest,
    contentType: options.encapsulated?.contentType ?? OID.data,
    withChain: options.withChain ?? true,
    ...(options.signingTime && { signingTime: options.signingTime }),
    ...(options.encapsulated && { content: options.encapsulated.content }),
  };
  let made: MadeSignedData;
  if (signer.signedData) {
    made = await signer.signedData(request);
  } else {
    const template = signerTemplate(signer.certificate, signer.chain);
    const attributesSet = signedAttributes(template, request);
    const signatureValue = await signer.sign(attributesSet);
    made = { der: assembleSignedData(template, request, attributesSet, signatureValue), signatureValue };
  }
  if (!options.timestamp) return { ...made, timestamped: false };
  const token = await options.timestamp(made.signatureValue);
  return { der: withUnsignedAttributes(made.der, [attributeDer(OID.timeStampToken, token)]), signatureValue: made.signatureValue, timestamped: true };
}

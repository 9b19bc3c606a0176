import { decodeOid } from '../asn1/der';
import { OID } from '../asn1/oids';
import { childrenOf, readTlv, slice, type Tlv } from '../asn1/tlv';
import { integerHex } from './certificate-fields';

export interface ParsedSignerInfo {
  issuer: Buffer;
  serialHex: string;
  digestOid: string;
  /** The signed attributes re-tagged as the SET OF they were signed as. */
  signedAttributesDer?: Buffer;
  /** First value of each signed attribute, raw DER. */
  signedAttributes: Map<string, Buffer>;
  signatureAlgorithmOid: string;
  signature: Buffer;
  unsignedAttributes: Map<string, Buffer>;
}

export interface ParsedSignedData {
  contentType: string;
  content?: Buffer;
  certificates: Buffer[];
  signers: ParsedSignerInfo[];
}

/** Past these a CMS is not read: each certificate is parsed and may be tried as an issuer of each other. */
export const CMS_LIMITS = {
  /** Ours are 16 KB; others' with embedded revocation data a few hundred. */
  maxBytes: 1024 * 1024,
  maxCertificates: 32,
  maxSigners: 4,
  maxAttributes: 64,
} as const;

/** A CMS past `CMS_LIMITS`: answered 422 cms-too-complex, not reported as a bad signature. */
export class CmsTooComplex extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CmsTooComplex';
  }
}

function atMost<T>(items: T[], max: number, what: string): T[] {
  if (items.length > max) throw new CmsTooComplex(`it holds more than ${max} ${what}`);
  return items;
}

export const oidOf = (der: Buffer, tlv: Tlv = readTlv(der, 0)): string => {
  if (tlv.tag !== 0x06) throw new Error('expected an OBJECT IDENTIFIER');
  return decodeOid(der.subarray(tlv.body, tlv.end));
};
const bodyOf = (der: Buffer, tlv: Tlv) => der.subarray(tlv.body, tlv.end);

function attributes(der: Buffer, container: Tlv): Map<string, Buffer> {
  const map = new Map<string, Buffer>();
  for (const attr of atMost(childrenOf(der, container), CMS_LIMITS.maxAttributes, 'attributes')) {
    const [type, values] = childrenOf(der, attr);
    const first = values && childrenOf(der, values)[0];
    if (type && first) map.set(oidOf(der, type), slice(der, first));
  }
  return map;
}

function signerInfo(der: Buffer, tlv: Tlv): ParsedSignerInfo {
  const parts = childrenOf(der, tlv);
  const [, sid, digestAlgorithm] = parts;
  if (!sid || sid.tag !== 0x30 || !digestAlgorithm) throw new Error('only issuer-and-serial signer identifiers are supported');
  const [issuer, serial] = childrenOf(der, sid);
  let at = 3;
  let signedAttributesDer: Buffer | undefined;
  let signed = new Map<string, Buffer>();
  if (parts[at]?.tag === 0xa0) {
    const tlvSigned = parts[at]!;
    signedAttributesDer = Buffer.concat([Buffer.from([0x31]), der.subarray(tlvSigned.start + 1, tlvSigned.end)]);
    signed = attributes(der, tlvSigned);
    at += 1;
  }
  const [algorithm, signature, unsigned] = parts.slice(at);
  if (!algorithm || !signature || !issuer || !serial) throw new Error('truncated SignerInfo');
  return {
    issuer: slice(der, issuer),
    serialHex: integerHex(slice(der, serial)),
    digestOid: oidOf(der, childrenOf(der, digestAlgorithm)[0]),
    ...(signedAttributesDer && { signedAttributesDer }),
    signedAttributes: signed,
    signatureAlgorithmOid: oidOf(der, childrenOf(der, algorithm)[0]),
    signature: Buffer.from(bodyOf(der, signature)),
    unsignedAttributes: unsigned?.tag === 0xa1 ? attributes(der, unsigned) : new Map(),
  };
}

/**
 * Reads a ContentInfo holding SignedData. Trailing zero bytes are allowed: a PDF's /Contents is
 * padded with them.
 */
export function parseSignedData(input: Buffer): ParsedSignedData {
  if (input.length > CMS_LIMITS.maxBytes) throw new CmsTooComplex(`it is larger than ${CMS_LIMITS.maxBytes} bytes`);
  const root = readTlv(input, 0);
  if (root.tag !== 0x30 || input.subarray(root.end).some((b) => b !== 0)) throw new Error('not a DER ContentInfo');
  const der = input.subarray(0, root.end);
  const [type, wrapped] = childrenOf(der, root);
  if (!type || !wrapped || oidOf(der, type) !== OID.signedData) throw new Error('not a CMS SignedData');
  const signedData = childrenOf(der, wrapped)[0];
  if (!signedData) throw new Error('empty SignedData');
  const parts = childrenOf(der, signedData);
  const encapsulated = parts[2];
  const signerInfos = parts[parts.length - 1];
  if (!encapsulated || !signerInfos || signerInfos.tag !== 0x31) throw new Error('malformed SignedData');
  const [contentTypeTlv, explicitContent] = childrenOf(der, encapsulated);
  const octets = explicitContent && childrenOf(der, explicitContent)[0];
  const certificatesTlv = parts.slice(3, -1).find((p) => p.tag === 0xa0);
  return {
    contentType: oidOf(der, contentTypeTlv),
    ...(octets && octets.tag === 0x04 && { content: Buffer.from(bodyOf(der, octets)) }),
    certificates: certificatesTlv ? atMost(childrenOf(der, certificatesTlv), CMS_LIMITS.maxCertificates, 'certificates').filter((c) => c.tag === 0x30).map((c) => Buffer.from(slice(der, c))) : [],
    signers: atMost(childrenOf(der, signerInfos), CMS_LIMITS.maxSigners, 'signers').map((s) => signerInfo(der, s)),
  };
}

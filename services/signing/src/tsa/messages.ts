import forge from 'node-forge';
import {
  bool,
  children,
  fromDer,
  generalizedTime,
  int,
  intFromBytes,
  isContext,
  octets,
  oid,
  readBytes,
  readOid,
  readTime,
  seq,
  toDer,
  utf8,
  type Asn1,
} from '../asn1/der';
import { DIGEST_BY_OID } from '../asn1/oids';

/** RFC 3161 TimeStampReq, as far as a TSA acts on it. */
export interface TimeStampRequest {
  hashAlgorithm: string;
  hashedMessage: Buffer;
  policy?: string;
  nonce?: Buffer;
  certReq: boolean;
}

export interface TstInfo {
  policy: string;
  hashAlgorithm: string;
  hashedMessage: Buffer;
  serial: Buffer;
  genTime: Date;
  nonce?: Buffer;
}

export class BadTimeStampRequest extends Error {}

const DIGEST_LENGTH: Record<string, number> = { sha256: 32, sha384: 48, sha512: 64 };

/** A TimeStampReq is a hash and a few small fields: a few hundred bytes. */
export const MAX_TIME_STAMP_REQUEST_BYTES = 16 * 1024;

export function parseTimeStampRequest(der: Buffer): TimeStampRequest {
  if (der.length > MAX_TIME_STAMP_REQUEST_BYTES) throw new BadTimeStampRequest(`the TimeStampReq is larger than ${MAX_TIME_STAMP_REQUEST_BYTES} bytes`);
  let root: Asn1;
  try {
    root = fromDer(der);
  } catch {
    throw new BadTimeStampRequest('the body is not a DER TimeStampReq');
  }
  const [version, imprint, ...rest] = children(root);
  if (!version || !imprint || readBytes(version)[0] !== 1) throw new BadTimeStampRequest('unsupported TimeStampReq version');
  const [algorithm, hashed] = children(imprint);
  const algorithmOid = algorithm && children(algorithm)[0];
  const hashAlgorithm = algorithmOid ? DIGEST_BY_OID[readOid(algorithmOid)] : undefined;
  if (!hashAlgorithm || !hashed) throw new BadTimeStampRequest('unsupported hash algorithm in the message imprint');
  const hashedMessage = readBytes(hashed);
  if (hashedMessage.length !== DIGEST_LENGTH[hashAlgorithm]) throw new BadTimeStampRequest('message imprint has the wrong length');
  const request: TimeStampRequest = { hashAlgorithm, hashedMessage, certReq: false };
  for (const node of rest) {
    if (node.tagClass !== forge.asn1.Class.UNIVERSAL) continue;
    if (node.type === forge.asn1.Type.OID) request.policy = readOid(node);
    else if (node.type === forge.asn1.Type.INTEGER) request.nonce = readBytes(node);
    else if (node.type === forge.asn1.Type.BOOLEAN) request.certReq = readBytes(node)[0] !== 0;
  }
  return request;
}

const OID_BY_DIGEST: Record<string, string> = Object.fromEntries(Object.entries(DIGEST_BY_OID).map(([o, d]) => [d, o]));

export function encodeTimeStampRequest(request: TimeStampRequest): Buffer {
  const items: Asn1[] = [int(1), seq([seq([oid(OID_BY_DIGEST[request.hashAlgorithm]!)]), octets(request.hashedMessage)])];
  if (request.policy) items.push(oid(request.policy));
  if (request.nonce) items.push(intFromBytes(request.nonce));
  if (request.certReq) items.push(bool(true));
  return toDer(seq(items));
}

export function encodeTstInfo(info: TstInfo): Buffer {
  const items: Asn1[] = [
    int(1),
    oid(info.policy),
    seq([seq([oid(OID_BY_DIGEST[info.hashAlgorithm]!)]), octets(info.hashedMessage)]),
    intFromBytes(info.serial),
    generalizedTime(info.genTime),
    // Accuracy: one second, as genTime carries whole seconds.
    seq([int(1)]),
  ];
  if (info.nonce) items.push(intFromBytes(info.nonce));
  return toDer(seq(items));
}

export function parseTstInfo(der: Buffer): TstInfo {
  const [, policy, imprint, serial, genTime, ...rest] = children(fromDer(der));
  if (!policy || !imprint || !serial || !genTime) throw new Error('malformed TSTInfo');
  const [algorithm, hashed] = children(imprint);
  const hashAlgorithm = DIGEST_BY_OID[readOid(children(algorithm!)[0]!)];
  if (!hashAlgorithm || !hashed) throw new Error('unsupported hash algorithm in TSTInfo');
  const nonce = rest.find((n) => n.tagClass === forge.asn1.Class.UNIVERSAL && n.type === forge.asn1.Type.INTEGER);
  return {
    policy: readOid(policy),
    hashAlgorithm,
    hashedMessage: readBytes(hashed),
    serial: readBytes(serial),
    genTime: readTime(genTime),
    ...(nonce && !isContext(nonce, 0) && { nonce: readBytes(nonce) }),
  };
}

/** PKIStatus granted (0) with the token, or rejection (2) with the reason and PKIFailureInfo bit. */
export function encodeTimeStampResponse(result: { token: Buffer } | { failure: string; failInfoBit: number }): Buffer {
  if ('token' in result) return toDer(seq([seq([int(0)]), fromDer(result.token)]));
  const bits = Math.max(8, Math.ceil((result.failInfoBit + 1) / 8) * 8);
  const bytes = Buffer.alloc(bits / 8);
  bytes[Math.floor(result.failInfoBit / 8)]! |= 0x80 >> result.failInfoBit % 8;
  const unused = bits - (result.failInfoBit + 1);
  const failInfo = forge.asn1.create(
    forge.asn1.Class.UNIVERSAL,
    forge.asn1.Type.BITSTRING,
    false,
    String.fromCharCode(unused) + bytes.toString('binary'),
  );
  return toDer(seq([seq([int(2), seq([utf8(result.failure)]), failInfo])]));
}

export function parseTimeStampResponse(der: Buffer): { status: number; token?: Buffer } {
  const [statusInfo, token] = children(fromDer(der));
  const status = readBytes(children(statusInfo!)[0]!)[0]!;
  return { status, ...(token && { token: toDer(token) }) };
}

export const FAIL_INFO = { badAlg: 0, badRequest: 2, badDataFormat: 5, unacceptedPolicy: 15 } as const;

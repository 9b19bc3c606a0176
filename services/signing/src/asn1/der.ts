import forge from 'node-forge';
import { decodeOid, encodeOid } from './oid-codec';
import { readTlv } from './tlv';

export { decodeOid, encodeOid };

const { asn1 } = forge;
export type Asn1 = forge.asn1.Asn1;

const U = asn1.Class.UNIVERSAL;
const T = asn1.Type;

export const seq = (items: Asn1[]): Asn1 => asn1.create(U, T.SEQUENCE, true, items);
export const set = (items: Asn1[]): Asn1 => asn1.create(U, T.SET, true, items);
export const oid = (value: string): Asn1 => asn1.create(U, T.OID, false, encodeOid(value).toString('binary'));
export const nullValue = (): Asn1 => asn1.create(U, T.NULL, false, '');
export const bool = (value: boolean): Asn1 => asn1.create(U, T.BOOLEAN, false, value ? '\xff' : '\x00');
export const octets = (value: Buffer): Asn1 => asn1.create(U, T.OCTETSTRING, false, value.toString('binary'));
export const utf8 = (value: string): Asn1 => asn1.create(U, T.UTF8, false, forge.util.encodeUtf8(value));
export const generalizedTime = (at: Date): Asn1 => asn1.create(U, T.GENERALIZEDTIME, false, asn1.dateToGeneralizedTime(at));
export const enumerated = (value: number): Asn1 => asn1.create(U, T.ENUMERATED, false, String.fromCharCode(value));

export const int = (value: number): Asn1 => asn1.create(U, T.INTEGER, false, asn1.integerToDer(value).getBytes());

/** An INTEGER from unsigned big-endian bytes (serial numbers, nonces), kept positive. */
export function intFromBytes(value: Buffer): Asn1 {
  let start = 0;
  while (start < value.length - 1 && value[start] === 0 && (value[start + 1]! & 0x80) === 0) start += 1;
  const trimmed = value.subarray(start);
  const body = trimmed[0]! & 0x80 ? Buffer.concat([Buffer.from([0]), trimmed]) : trimmed;
  return asn1.create(U, T.INTEGER, false, body.toString('binary'));
}

/** RFC 5280 dates: UTCTime until 2049, GeneralizedTime after, as verifiers expect. */
export const time = (at: Date): Asn1 =>
  at.getUTCFullYear() < 2050 ? asn1.create(U, T.UTCTIME, false, asn1.dateToUtcTime(at)) : generalizedTime(at);

export const explicit = (tag: number, inner: Asn1): Asn1 => asn1.create(asn1.Class.CONTEXT_SPECIFIC, tag, true, [inner]);
export const implicitConstructed = (tag: number, items: Asn1[]): Asn1 =>
  asn1.create(asn1.Class.CONTEXT_SPECIFIC, tag, true, items);

export const toDer = (node: Asn1): Buffer => Buffer.from(asn1.toDer(node).getBytes(), 'binary');

/** forge parses constructed values recursively: deeper than this is refused before it starts. */
export const MAX_DER_DEPTH = 32;
/** Values in one structure: a certificate has a few hundred. */
export const MAX_DER_NODES = 20_000;

/**
 * Walks the TLV headers without recursion and refuses nesting deeper than `MAX_DER_DEPTH` or more
 * than `MAX_DER_NODES` values, so forge's recursive parser never meets a hostile shape.
 */
export function checkDerShape(der: Buffer): void {
  const ends: number[] = [];
  let nodes = 0;
  for (let at = 0; at < der.length; ) {
    while (ends.length > 0 && at >= ends[ends.length - 1]!) ends.pop();
    if (++nodes > MAX_DER_NODES) throw new Error(`a DER structure holds more than ${MAX_DER_NODES} values`);
    const tlv = readTlv(der, at);
    if (tlv.tag & 0x20) {
      ends.push(tlv.end);
      if (ends.length > MAX_DER_DEPTH) throw new Error(`a DER structure is nested more than ${MAX_DER_DEPTH} deep`);
      at = tlv.body;
    } else {
      at = tlv.end;
    }
  }
}

export function fromDer(der: Buffer): Asn1 {
  checkDerShape(der);
  // Bit strings stay opaque: decoding them as nested ASN.1 can change how they re-encode.
  const options = { strict: true, parseAllBytes: true, decodeBitStrings: false };
  return (asn1.fromDer as unknown as (bytes: string, options: object) => Asn1)(der.toString('binary'), options);
}

/**
 * Embeds already-encoded DER (a certificate, a token) in a structure being built. Re-encoding
 * must give back the same bytes, or a signature over them would no longer verify.
 */
const parsed = new WeakMap<Buffer, Asn1>();

export function raw(der: Buffer): Asn1 {
  // The same certificate goes into every signature a signer makes; parse it once.
  const cached = parsed.get(der);
  if (cached) return cached;
  const node = fromDer(der);
  if (!toDer(node).equals(der)) throw new Error('embedded structure is not canonical DER');
  parsed.set(der, node);
  return node;
}

/** DER requires SET OF elements in ascending order of their encodings; verifiers re-check it. */
export function sortedByDer(items: Asn1[]): Asn1[] {
  return items
    .map((node) => ({ node, der: toDer(node) }))
    .sort((a, b) => Buffer.compare(a.der, b.der))
    .map((entry) => entry.node);
}

export const readOid = (node: Asn1): string => decodeOid(Buffer.from(node.value as string, 'binary'));
export const readBytes = (node: Asn1): Buffer => Buffer.from(node.value as string, 'binary');
export const children = (node: Asn1): Asn1[] => (Array.isArray(node.value) ? node.value : []);

export function readTime(node: Asn1): Date {
  return node.type === T.UTCTIME ? asn1.utcTimeToDate(node.value as string) : asn1.generalizedTimeToDate(node.value as string);
}

/** Serial numbers and the like as lower-case hex without sign padding. */
export const readIntHex = (node: Asn1): string => readBytes(node).toString('hex').replace(/^(00)+(?=.)/, '') || '00';

export const isContext = (node: Asn1 | undefined, tag: number): node is Asn1 =>
  node !== undefined && node.tagClass === asn1.Class.CONTEXT_SPECIFIC && node.type === tag;

import { encodeOid } from './oid-codec';

/**
 * DER written by concatenating bytes. Signing builds the same few structures thousands of times a
 * second around pieces encoded once (certificates, names); forge's object tree cost a quarter of
 * the RSA operation per signature. Callers pass already-encoded children, so nothing is re-encoded.
 */

export function derLength(length: number): Buffer {
  if (length < 0x80) return Buffer.from([length]);
  const bytes: number[] = [];
  for (let n = length; n > 0; n = Math.floor(n / 256)) bytes.unshift(n & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

export function tlv(tag: number, ...contents: Buffer[]): Buffer {
  let length = 0;
  for (const part of contents) length += part.length;
  const header = derLength(length);
  const out = Buffer.allocUnsafe(1 + header.length + length);
  out[0] = tag;
  header.copy(out, 1);
  let at = 1 + header.length;
  for (const part of contents) at += part.copy(out, at);
  return out;
}

export const TAG = {
  integer: 0x02,
  octetString: 0x04,
  null: 0x05,
  oid: 0x06,
  utcTime: 0x17,
  generalizedTime: 0x18,
  sequence: 0x30,
  set: 0x31,
  /** Context-specific, constructed: [n] is 0xa0 + n. */
  context: 0xa0,
} as const;

export const derSequence = (...items: Buffer[]) => tlv(TAG.sequence, ...items);
/** The caller orders the members: DER's SET OF sorting is `sortDer`. */
export const derSet = (...items: Buffer[]) => tlv(TAG.set, ...items);
export const derContext = (n: number, ...items: Buffer[]) => tlv(TAG.context + n, ...items);
export const derOctetString = (value: Buffer) => tlv(TAG.octetString, value);
export const DER_NULL = Buffer.from([TAG.null, 0]);

export function derSmallInt(value: number): Buffer {
  if (!Number.isInteger(value) || value < 0 || value > 127) throw new Error(`derSmallInt takes 0..127, not ${value}`);
  return Buffer.from([TAG.integer, 1, value]);
}

const oids = new Map<string, Buffer>();
/** Identifiers repeat in every signature; encode each once. */
export function derOid(value: string): Buffer {
  let der = oids.get(value);
  if (!der) {
    der = tlv(TAG.oid, encodeOid(value));
    oids.set(value, der);
  }
  return der;
}

const two = (n: number) => String(n).padStart(2, '0');

/** RFC 5280 dates: UTCTime until 2049, GeneralizedTime after; whole seconds, as forge wrote them. */
export function derTime(at: Date): Buffer {
  const year = at.getUTCFullYear();
  const rest = `${two(at.getUTCMonth() + 1)}${two(at.getUTCDate())}${two(at.getUTCHours())}${two(at.getUTCMinutes())}${two(at.getUTCSeconds())}Z`;
  return year < 2050 ? tlv(TAG.utcTime, Buffer.from(`${two(year % 100)}${rest}`, 'latin1')) : tlv(TAG.generalizedTime, Buffer.from(`${year}${rest}`, 'latin1'));
}

/** DER requires SET OF members in ascending order of their encodings; verifiers re-check it. */
export const sortDer = (items: Buffer[]): Buffer[] => [...items].sort(Buffer.compare);

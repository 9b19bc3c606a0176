import { encodeOid } from './oid-codec';

/**
 * DER written by concatenating bytes. Signing builds the same few structures thousands of times a
 * second around pieces encoded once (certificates, names); forge's object tree cost a quarter of
 * the RSA operation per signature. Callers pass already-encoded children, so nothing is re-encoded.
 */

const headerLength = (length: number) => (length < 0x80 ? 2 : length < 0x100 ? 3 : length < 0x10000 ? 4 : length < 0x1000000 ? 5 : 6);

function writeHeader(out: Buffer, at: number, tag: number, length: number): number {
  out[at] = tag;
  if (length < 0x80) {
    out[at + 1] = length;
    return 2;
  }
  const count = headerLength(length) - 2;
  out[at + 1] = 0x80 | count;
  for (let i = 0; i < count; i += 1) out[at + 2 + i] = Math.floor(length / 256 ** (count - 1 - i)) & 0xff;
  return 2 + count;
}

export function derLength(length: number): Buffer {
  const out = Buffer.alloc(headerLength(length));
  writeHeader(out, 0, 0, length);
  return out.subarray(1);
}

export function tlv(tag: number, ...contents: Buffer[]): Buffer {
  let length = 0;
  for (const part of contents) length += part.length;
  const out = Buffer.allocUnsafe(headerLength(length) + length);
  let at = writeHeader(out, 0, tag, length);
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

/**
 * A constructed value whose children are written straight into the final buffer: nesting with
 * `tlv` copies the inner bytes once per level, and a SignedData is five levels of certificates.
 */
export interface DerTree {
  tag: number;
  items: Array<Buffer | DerTree>;
  /** Length of the contents. */
  length: number;
}

const encodedLength = (node: Buffer | DerTree) => (Buffer.isBuffer(node) ? node.length : headerLength(node.length) + node.length);

export function tree(tag: number, ...items: Array<Buffer | DerTree>): DerTree {
  let length = 0;
  for (const item of items) length += encodedLength(item);
  return { tag, items, length };
}

function writeTree(out: Buffer, node: DerTree, at: number): number {
  let pos = at + writeHeader(out, at, node.tag, node.length);
  for (const item of node.items) pos = Buffer.isBuffer(item) ? pos + item.copy(out, pos) : writeTree(out, item, pos);
  return pos;
}

export function encodeTree(node: DerTree): Buffer {
  const out = Buffer.allocUnsafe(encodedLength(node));
  writeTree(out, node, 0);
  return out;
}

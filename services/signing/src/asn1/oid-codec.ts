/** OID encoding of our own: forge's stops at 32-bit arcs, and UUID arcs (2.25.x) are 128-bit. */
export function encodeOid(value: string): Buffer {
  const arcs = value.split('.').map((a) => BigInt(a));
  const [first, second, ...rest] = arcs;
  const out: number[] = [];
  for (const arc of [first! * 40n + second!, ...rest]) {
    const bytes = [Number(arc & 0x7fn)];
    for (let v = arc >> 7n; v > 0n; v >>= 7n) bytes.unshift(Number(v & 0x7fn) | 0x80);
    out.push(...bytes);
  }
  return Buffer.from(out);
}

/** A 128-bit UUID arc (2.25.x) takes 19 bytes; anything near this is not an identifier we know. */
const MAX_OID_BYTES = 64;

export function decodeOid(body: Buffer): string {
  // Each arc is a BigInt built seven bits at a time: an unbounded one costs quadratic time.
  if (body.length > MAX_OID_BYTES) throw new Error(`an OBJECT IDENTIFIER is longer than ${MAX_OID_BYTES} bytes`);
  const arcs: bigint[] = [];
  let value = 0n;
  for (const byte of body) {
    value = (value << 7n) | BigInt(byte & 0x7f);
    if (!(byte & 0x80)) {
      arcs.push(value);
      value = 0n;
    }
  }
  const head = arcs.shift() ?? 0n;
  const first = head < 80n ? head / 40n : 2n;
  return [first, head - first * 40n, ...arcs].join('.');
}

/**
 * Just enough of a DER reader to cut exact byte ranges out of a structure. A signature covers
 * bytes as they were sent, and a parse-and-re-encode round trip would hide a non-DER encoding.
 */
export interface Tlv {
  tag: number;
  start: number;
  /** Where the contents begin. */
  body: number;
  end: number;
}

export function readTlv(buf: Buffer, start: number): Tlv {
  if (start + 2 > buf.length) throw new Error('truncated DER');
  const tag = buf[start]!;
  if ((tag & 0x1f) === 0x1f) throw new Error('multi-byte DER tags are not supported');
  let length = buf[start + 1]!;
  let body = start + 2;
  if (length & 0x80) {
    const count = length & 0x7f;
    if (count === 0 || count > 4) throw new Error('indefinite or oversized DER length');
    length = 0;
    for (let i = 0; i < count; i += 1) length = length * 256 + buf[body + i]!;
    body += count;
  }
  const end = body + length;
  if (end > buf.length) throw new Error('truncated DER');
  return { tag, start, body, end };
}

/** More children than this in one structure is no certificate, signature or timestamp we read. */
export const MAX_CHILDREN = 4096;

export function childrenOf(buf: Buffer, parent: Tlv, max = MAX_CHILDREN): Tlv[] {
  const out: Tlv[] = [];
  for (let at = parent.body; at < parent.end; ) {
    if (out.length >= max) throw new Error(`a DER structure holds more than ${max} elements`);
    const child = readTlv(buf, at);
    out.push(child);
    at = child.end;
  }
  return out;
}

export const slice = (buf: Buffer, tlv: Tlv): Buffer => buf.subarray(tlv.start, tlv.end);

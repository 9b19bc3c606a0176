import { createHash } from 'node:crypto';

/**
 * RFC 9162 §2.1.1 hashing. The one-byte prefixes keep a leaf from ever being passed off as an
 * interior node (second-preimage attack), so a proof cannot be forged from a shorter tree.
 */
export const EMPTY_ROOT = createHash('sha256').digest();

export function leafHash(data: Buffer): Buffer {
  return createHash('sha256').update(Buffer.from([0])).update(data).digest();
}

export function nodeHash(left: Buffer, right: Buffer): Buffer {
  return createHash('sha256').update(Buffer.from([1])).update(left).update(right).digest();
}

/** The largest power of two strictly below n (n > 1), where RFC 9162 splits a tree. */
export function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

export const isPowerOfTwo = (n: number) => n > 0 && (n & (n - 1)) === 0;

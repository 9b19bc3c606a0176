import { createHash } from 'node:crypto';

/*
 * RFC 9162 proof verification for the offline verifier, written from the RFC's text and sharing
 * nothing with the log it checks (src/merkle): a bug in the log's hashing or proofs must show up
 * here as a failed verification, not be repeated by the same code on both sides.
 * Sizes and indexes stay below 2^53; halving is done with arithmetic, not 32-bit shifts.
 */

const HASH_BYTES = 32;

const sha256 = (...parts: Buffer[]) => parts.reduce((h, p) => h.update(p), createHash('sha256')).digest();

/** §2.1.1: the leaf prefix 0x00 and the node prefix 0x01 keep leaves and nodes apart. */
export const hashLeaf = (data: Buffer): Buffer => sha256(Buffer.from([0x00]), data);
export const hashChildren = (left: Buffer, right: Buffer): Buffer => sha256(Buffer.from([0x01]), left, right);

const lsb = (n: number) => n % 2 === 1;
const half = (n: number) => Math.floor(n / 2);
const isHash = (b: Buffer) => b.length === HASH_BYTES;
const isSize = (n: number) => Number.isSafeInteger(n) && n >= 0;

function isPowerOfTwo(n: number): boolean {
  let m = n;
  while (m > 1 && !lsb(m)) m = half(m);
  return m === 1;
}

/** §2.1.3.2: does `path` prove that `leafHash` is leaf `leafIndex` of the tree of `treeSize` with `root`? */
export function inclusionHolds(leafHash: Buffer, leafIndex: number, treeSize: number, path: Buffer[], root: Buffer): boolean {
  if (!isSize(leafIndex) || !isSize(treeSize) || leafIndex >= treeSize) return false;
  if (!isHash(leafHash) || !isHash(root) || !path.every(isHash)) return false;
  let fn = leafIndex;
  let sn = treeSize - 1;
  let r = leafHash;
  for (const p of path) {
    if (sn === 0) return false;
    if (lsb(fn) || fn === sn) {
      r = hashChildren(p, r);
      if (!lsb(fn)) {
        while (!lsb(fn) && fn !== 0) {
          fn = half(fn);
          sn = half(sn);
        }
      }
    } else {
      r = hashChildren(r, p);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 && r.equals(root);
}

/**
 * §2.1.4.2: does `path` prove that the tree of `second` leaves with `secondRoot` extends the tree
 * of `first` leaves with `firstRoot`? Equal sizes need an empty proof and equal roots.
 */
export function consistencyHolds(first: number, second: number, firstRoot: Buffer, secondRoot: Buffer, path: Buffer[]): boolean {
  if (!isSize(first) || !isSize(second) || first < 1 || first > second) return false;
  if (!isHash(firstRoot) || !isHash(secondRoot) || !path.every(isHash)) return false;
  if (first === second) return path.length === 0 && firstRoot.equals(secondRoot);
  if (path.length === 0) return false;
  const proof = isPowerOfTwo(first) ? [firstRoot, ...path] : path;
  let fn = first - 1;
  let sn = second - 1;
  while (lsb(fn)) {
    fn = half(fn);
    sn = half(sn);
  }
  let fr = proof[0]!;
  let sr = proof[0]!;
  for (const c of proof.slice(1)) {
    if (sn === 0) return false;
    if (lsb(fn) || fn === sn) {
      fr = hashChildren(c, fr);
      sr = hashChildren(c, sr);
      if (!lsb(fn)) {
        while (!lsb(fn) && fn !== 0) {
          fn = half(fn);
          sn = half(sn);
        }
      }
    } else {
      sr = hashChildren(sr, c);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return fr.equals(firstRoot) && sr.equals(secondRoot) && sn === 0;
}

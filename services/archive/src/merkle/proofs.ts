import { EMPTY_ROOT, isPowerOfTwo, nodeHash, splitPoint } from './hash';

/**
 * The hash of a complete, aligned subtree: level 0 is a leaf hash, level l covers leaves
 * [index·2^l, (index+1)·2^l). Every range RFC 9162 asks for decomposes into these, and once all
 * their leaves exist they never change, so a store can keep them instead of rehashing the tree.
 */
export type NodeSource = (level: number, index: number) => Buffer;

/** MTH(D[start:end]) for the ranges the RFC 9162 recursions produce (start aligned to the split). */
export function rangeHash(node: NodeSource, start: number, end: number): Buffer {
  const n = end - start;
  if (isPowerOfTwo(n) && start % n === 0) return node(Math.log2(n), start / n);
  const k = splitPoint(n);
  return nodeHash(rangeHash(node, start, start + k), rangeHash(node, start + k, end));
}

export function rootHash(node: NodeSource, treeSize: number): Buffer {
  return treeSize === 0 ? EMPTY_ROOT : rangeHash(node, 0, treeSize);
}

/** RFC 9162 §2.1.3.1 PATH(m, D[n]), over D[start:end]. */
export function inclusionPath(node: NodeSource, leafIndex: number, treeSize: number): Buffer[] {
  if (leafIndex < 0 || leafIndex >= treeSize) throw new RangeError(`leaf ${leafIndex} is not in a tree of size ${treeSize}`);
  const walk = (m: number, start: number, end: number): Buffer[] => {
    const n = end - start;
    if (n === 1) return [];
    const k = splitPoint(n);
    return m < k
      ? [...walk(m, start, start + k), rangeHash(node, start + k, end)]
      : [...walk(m - k, start + k, end), rangeHash(node, start, start + k)];
  };
  return walk(leafIndex, 0, treeSize);
}

/** RFC 9162 §2.1.4.1 PROOF(m, D[n]). */
export function consistencyPath(node: NodeSource, first: number, second: number): Buffer[] {
  if (first < 1 || first > second) throw new RangeError(`no consistency proof from size ${first} to ${second}`);
  const sub = (m: number, start: number, end: number, whole: boolean): Buffer[] => {
    const n = end - start;
    if (m === n) return whole ? [] : [rangeHash(node, start, end)];
    const k = splitPoint(n);
    return m <= k
      ? [...sub(m, start, start + k, whole), rangeHash(node, start + k, end)]
      : [...sub(m - k, start + k, end, false), rangeHash(node, start, start + k)];
  };
  return sub(first, 0, second, true);
}

/**
 * Runs a proof computation once with placeholder hashes to learn which subtrees it reads, so a
 * store can fetch them all in one query before the real run. The recursions never branch on hash
 * values, so both runs read the same subtrees.
 */
export function subtreesNeeded(compute: (node: NodeSource) => unknown): Array<[number, number]> {
  const seen = new Map<string, [number, number]>();
  const placeholder = Buffer.alloc(32);
  compute((level, index) => {
    seen.set(`${level}:${index}`, [level, index]);
    return placeholder;
  });
  return [...seen.values()];
}

import { consistencyPath, EMPTY_ROOT, inclusionPath, leafHash, nodeHash, rootHash, type NodeSource } from '../../src/merkle';
import { CONSISTENCY_PROOFS, HASHES, INCLUSION_PROOFS, LEAVES, ROOTS } from '../fixtures/rfc6962-vectors';

/*
 * The log's own tree code held against an independent implementation's published answers
 * (test/fixtures/rfc6962-vectors.ts): hashes, roots and proofs must be these bytes exactly.
 */

const hex = (b: Buffer) => b.toString('hex');
const leaves = LEAVES.map((h) => Buffer.from(h, 'hex'));

/** Complete subtrees as the store keeps them, hashed here from the leaf data by the log's own hashing. */
const fromLeaves: NodeSource = (level, index) => {
  const hashRange = (from: number, to: number): Buffer => {
    if (to - from === 1) return leafHash(leaves[from]!);
    const mid = from + (to - from) / 2;
    return nodeHash(hashRange(from, mid), hashRange(mid, to));
  };
  return hashRange(index * 2 ** level, (index + 1) * 2 ** level);
};

describe('the log’s Merkle tree against transparency-dev/merkle vectors', () => {
  it('hashes leaves and nodes with the RFC 6962 prefixes', () => {
    expect(hex(EMPTY_ROOT)).toBe(HASHES.emptyRoot);
    expect(hex(leafHash(Buffer.alloc(0)))).toBe(HASHES.emptyLeaf);
    expect(hex(leafHash(Buffer.from(HASHES.leaf.input)))).toBe(HASHES.leaf.hash);
    expect(hex(nodeHash(Buffer.from(HASHES.node.left), Buffer.from(HASHES.node.right)))).toBe(HASHES.node.hash);
  });

  it('computes the published root of every tree of 1 to 8 leaves', () => {
    expect(ROOTS.map((_, i) => hex(rootHash(fromLeaves, i + 1)))).toEqual(ROOTS);
  });

  it.each(INCLUSION_PROOFS)('builds the published inclusion proof of leaf $leafIndex in a tree of $treeSize', ({ leafIndex, treeSize, path }) => {
    expect(inclusionPath(fromLeaves, leafIndex, treeSize).map(hex)).toEqual(path);
  });

  it.each(CONSISTENCY_PROOFS)('builds the published consistency proof from $first to $second leaves', ({ first, second, path }) => {
    expect(consistencyPath(fromLeaves, first, second).map(hex)).toEqual(path);
  });
});

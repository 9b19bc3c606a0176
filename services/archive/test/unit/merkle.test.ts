import { createHash, generateKeyPairSync } from 'node:crypto';
import { consistencyHolds as verifyConsistency, inclusionHolds as verifyInclusion } from '../../src/cli/rfc9162';
import { consistencyPath, EMPTY_ROOT, inclusionPath, leafHash, nodeHash, rootHash, signTreeHead, treeHeadProblem, type NodeSource } from '../../src/merkle';

/** RFC 9162 §2.1.1 MTH, written out naively, as the reference the stored-subtree code must match. */
function mth(leaves: Buffer[]): Buffer {
  if (leaves.length === 0) return createHash('sha256').digest();
  if (leaves.length === 1) return leafHash(leaves[0]!);
  let k = 1;
  while (k * 2 < leaves.length) k *= 2;
  return nodeHash(mth(leaves.slice(0, k)), mth(leaves.slice(k)));
}

const data = (n: number) => Array.from({ length: n }, (_, i) => Buffer.from(`leaf ${i}`));

/** Perfect subtrees straight from the leaf data, like the store keeps them. */
const source = (leaves: Buffer[]): NodeSource => (level, index) => mth(leaves.slice(index * 2 ** level, (index + 1) * 2 ** level));

// The log's proofs are checked by the offline verifier's code, which shares nothing with the log's.
describe('the Merkle tree of RFC 9162', () => {
  const leaves = data(40);
  const node = source(leaves);

  it('computes the root the RFC defines for every size', () => {
    expect(rootHash(node, 0).equals(EMPTY_ROOT)).toBe(true);
    for (let n = 1; n <= 40; n++) expect(rootHash(node, n).toString('hex')).toBe(mth(leaves.slice(0, n)).toString('hex'));
  });

  it('proves every leaf of every tree up to 40 leaves, and only at its own index', () => {
    for (let n = 1; n <= 40; n++) {
      const root = mth(leaves.slice(0, n));
      for (let m = 0; m < n; m++) {
        const path = inclusionPath(node, m, n);
        expect(verifyInclusion(leafHash(leaves[m]!), m, n, path, root)).toBe(true);
        if (n > 1) expect(verifyInclusion(leafHash(leaves[m]!), (m + 1) % n, n, path, root)).toBe(false);
        expect(verifyInclusion(leafHash(Buffer.from('another leaf')), m, n, path, root)).toBe(false);
      }
    }
  });

  it('proves each tree consistent with every earlier one, and no rewritten history', () => {
    const rewritten = [...leaves];
    rewritten[3] = Buffer.from('rewritten');
    for (let second = 1; second <= 40; second++) {
      for (let first = 1; first <= second; first++) {
        const path = consistencyPath(node, first, second);
        const firstRoot = mth(leaves.slice(0, first));
        expect(verifyConsistency(first, second, firstRoot, mth(leaves.slice(0, second)), path)).toBe(true);
        if (first > 3 && first < second) {
          const forged = consistencyPath(source(rewritten), first, second);
          expect(verifyConsistency(first, second, firstRoot, mth(rewritten.slice(0, second)), forged)).toBe(false);
        }
      }
    }
  });

  it('rejects a proof with one hash flipped', () => {
    const path = inclusionPath(node, 5, 33);
    path[2] = Buffer.from(path[2]!.map((b, i) => (i === 0 ? b ^ 1 : b)));
    expect(verifyInclusion(leafHash(leaves[5]!), 5, 33, path, mth(leaves.slice(0, 33)))).toBe(false);
  });

  it('signs tree heads that verify under the public key and under no other', () => {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const head = signTreeHead(privateKey, 40, rootHash(node, 40), 1_795_000_000_000);
    expect(treeHeadProblem(head, publicKey)).toBeUndefined();
    expect(treeHeadProblem({ ...head, treeSize: 41 }, publicKey)).toBe('signature does not verify');
    expect(treeHeadProblem(head, generateKeyPairSync('ed25519').publicKey)).toMatch(/not with the given key/);
  });
});

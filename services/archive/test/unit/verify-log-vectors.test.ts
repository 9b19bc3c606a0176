import { generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { consistencyHolds, hashChildren, hashLeaf, inclusionHolds } from '../../src/cli/rfc9162';
import { treeHeadFault } from '../../src/cli/signed-tree-head';
import { signTreeHead } from '../../src/merkle';
import { CONSISTENCY_PROOFS, HASHES, INCLUSION_PROOFS, LEAVES, ROOTS } from '../fixtures/rfc6962-vectors';

/*
 * The offline verifier's own RFC 9162 code (src/cli/rfc9162.ts) against the same independent
 * vectors as the log: it must accept each published proof and refuse every corruption of it
 * (the kinds transparency-dev/merkle probes: wrong index or size, wrong leaf or root, a hash
 * flipped, added, removed or moved).
 */

const buf = (h: string) => Buffer.from(h, 'hex');
const root = (size: number) => buf(ROOTS[size - 1]!);
const leaf = (index: number) => hashLeaf(buf(LEAVES[index]!));
const SOME_HASH = buf('abacaba000000000000000000000000000000000000000000060061e00123456');
const flipped = (path: Buffer[], i: number) => path.map((p, j) => (j === i ? Buffer.from(p.map((b, k) => (k === 0 ? b ^ 8 : b))) : p));

describe('the offline verifier’s RFC 9162 code against transparency-dev/merkle vectors', () => {
  it('hashes as RFC 6962 does', () => {
    expect(hashLeaf(Buffer.alloc(0)).toString('hex')).toBe(HASHES.emptyLeaf);
    expect(hashLeaf(Buffer.from(HASHES.leaf.input)).toString('hex')).toBe(HASHES.leaf.hash);
    expect(hashChildren(Buffer.from(HASHES.node.left), Buffer.from(HASHES.node.right)).toString('hex')).toBe(HASHES.node.hash);
  });

  it.each(INCLUSION_PROOFS)('accepts the inclusion proof of leaf $leafIndex in $treeSize, and no corruption of it', ({ leafIndex, treeSize, path: hexPath }) => {
    const path = hexPath.map(buf);
    expect(inclusionHolds(leaf(leafIndex), leafIndex, treeSize, path, root(treeSize))).toBe(true);

    const refused: Array<[string, boolean]> = [
      ['index - 1', inclusionHolds(leaf(leafIndex), leafIndex - 1, treeSize, path, root(treeSize))],
      ['index + 1', inclusionHolds(leaf(leafIndex), leafIndex + 1, treeSize, path, root(treeSize))],
      ['index ^ 2', inclusionHolds(leaf(leafIndex), leafIndex ^ 2, treeSize, path, root(treeSize))],
      ['size * 2', inclusionHolds(leaf(leafIndex), leafIndex, treeSize * 2, path, root(treeSize))],
      ['size / 2', inclusionHolds(leaf(leafIndex), leafIndex, Math.floor(treeSize / 2), path, root(treeSize))],
      ['another leaf', inclusionHolds(hashLeaf(Buffer.from('WrongLeaf')), leafIndex, treeSize, path, root(treeSize))],
      ['empty root', inclusionHolds(leaf(leafIndex), leafIndex, treeSize, path, buf(HASHES.emptyRoot))],
      ['random root', inclusionHolds(leaf(leafIndex), leafIndex, treeSize, path, SOME_HASH)],
      ['trailing garbage', inclusionHolds(leaf(leafIndex), leafIndex, treeSize, [...path, Buffer.alloc(0)], root(treeSize))],
      ['trailing root', inclusionHolds(leaf(leafIndex), leafIndex, treeSize, [...path, root(treeSize)], root(treeSize))],
      ['preceding garbage', inclusionHolds(leaf(leafIndex), leafIndex, treeSize, [Buffer.alloc(0), ...path], root(treeSize))],
      ['preceding root', inclusionHolds(leaf(leafIndex), leafIndex, treeSize, [root(treeSize), ...path], root(treeSize))],
      ...path.map((_, i): [string, boolean] => [`proof[${i}] flipped`, inclusionHolds(leaf(leafIndex), leafIndex, treeSize, flipped(path, i), root(treeSize))]),
      ...(path.length > 0 ? [['removed component', inclusionHolds(leaf(leafIndex), leafIndex, treeSize, path.slice(0, -1), root(treeSize))] as [string, boolean]] : []),
      ...(path.length > 1
        ? [['inserted component', inclusionHolds(leaf(leafIndex), leafIndex, treeSize, [path[0]!, SOME_HASH, ...path.slice(1)], root(treeSize))] as [string, boolean]]
        : []),
    ];
    expect(refused.filter(([, held]) => held).map(([what]) => what)).toEqual([]);
  });

  it.each(CONSISTENCY_PROOFS)('accepts the consistency proof from $first to $second, and no corruption of it', ({ first, second, path: hexPath }) => {
    const path = hexPath.map(buf);
    const [r1, r2] = [root(first), root(second)];
    expect(consistencyHolds(first, second, r1, r2, path)).toBe(true);
    if (path.length === 0) {
      expect(consistencyHolds(first, second, r1, SOME_HASH, path)).toBe(false);
      return;
    }
    const refused: Array<[string, boolean]> = [
      ['first - 1', consistencyHolds(first - 1, second, r1, r2, path)],
      ['first + 1', consistencyHolds(first + 1, second, r1, r2, path)],
      ['first ^ 2', consistencyHolds(first ^ 2, second, r1, r2, path)],
      ['second * 2', consistencyHolds(first, second * 2, r1, r2, path)],
      ['second / 2', consistencyHolds(first, Math.floor(second / 2), r1, r2, path)],
      ['wrong first root', consistencyHolds(first, second, SOME_HASH, r2, path)],
      ['wrong second root', consistencyHolds(first, second, r1, SOME_HASH, path)],
      ['swapped roots', consistencyHolds(first, second, r2, r1, path)],
      ['empty proof', consistencyHolds(first, second, r1, r2, [])],
      ['trailing garbage', consistencyHolds(first, second, r1, r2, [...path, Buffer.alloc(0)])],
      ['trailing first root', consistencyHolds(first, second, r1, r2, [...path, r1])],
      ['trailing second root', consistencyHolds(first, second, r1, r2, [...path, r2])],
      ['preceding garbage', consistencyHolds(first, second, r1, r2, [Buffer.alloc(0), ...path])],
      ['preceding first root', consistencyHolds(first, second, r1, r2, [r1, ...path])],
      ['preceding second root', consistencyHolds(first, second, r1, r2, [r2, ...path])],
      ['preceding proof[0]', consistencyHolds(first, second, r1, r2, [path[0]!, ...path])],
      ['truncated', consistencyHolds(first, second, r1, r2, path.slice(0, -1))],
      ...path.map((_, i): [string, boolean] => [`proof[${i}] flipped`, consistencyHolds(first, second, r1, r2, flipped(path, i))]),
    ];
    expect(refused.filter(([, held]) => held).map(([what]) => what)).toEqual([]);
  });

  it('refuses sizes the RFC has no proof for', () => {
    expect(inclusionHolds(leaf(0), 0, 0, [], root(1))).toBe(false);
    expect(inclusionHolds(leaf(0), 1, 1, [], root(1))).toBe(false);
    expect(consistencyHolds(0, 1, root(1), root(1), [])).toBe(false);
    expect(consistencyHolds(2, 1, root(2), root(1), [])).toBe(false);
    expect(consistencyHolds(1, 2, root(1), root(2), [])).toBe(false);
  });

  it('checks a signed tree head by RFC 6962’s TreeHeadSignature bytes, under its key only', () => {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const head = signTreeHead(privateKey, 8, root(8), 1_795_000_000_000);
    expect(treeHeadFault(head, publicKey)).toBeUndefined();
    expect(treeHeadFault({ ...head, treeSize: 7 }, publicKey)).toBe('signature does not verify');
    expect(treeHeadFault({ ...head, rootHash: ROOTS[6]! }, publicKey)).toBe('signature does not verify');
    expect(treeHeadFault({ ...head, timestamp: head.timestamp + 1 }, publicKey)).toBe('signature does not verify');
    expect(treeHeadFault(head, generateKeyPairSync('ed25519').publicKey)).toMatch(/not with the given key/);
  });

  it('imports nothing but Node and its own files, so it cannot share a fault with the log', () => {
    const files = ['verify-log.ts', 'rfc9162.ts', 'signed-tree-head.ts'];
    const imports = files.flatMap((f) => [...readFileSync(join(__dirname, '../../src/cli', f), 'utf8').matchAll(/from '([^']+)'/g)].map((m) => m[1]!));
    expect(imports.filter((i) => !i.startsWith('node:') && !['./rfc9162', './signed-tree-head'].includes(i))).toEqual([]);
  });
});

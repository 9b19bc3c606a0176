import type { KeyObject } from 'node:crypto';
import { isDuplicateKeyError } from '@vanthu/shared';
import {
  consistencyPath,
  inclusionPath,
  leafHash,
  nodeHash,
  rootHash,
  signTreeHead,
  subtreesNeeded,
  type NodeSource,
  type SignedTreeHead,
} from '../merkle';
import type { ArchiveCollections, TreeHeadDoc } from '../store/collections';

/** Subtrees up to this level are hashed from one range read of their leaves rather than from stored children. */
const LEAF_BATCH_LEVEL = 8;

export interface AppendedLeaf {
  index: number;
  leafHash: string;
}

export interface InclusionProof {
  type: 'inclusion';
  packageId: string;
  leafIndex: number;
  treeSize: number;
  /** The leaf's data: the SHA-256 of the package manifest. */
  manifestSha256: string;
  leafHash: string;
  auditPath: string[];
}

export interface ConsistencyProof {
  type: 'consistency';
  first: number;
  second: number;
  path: string[];
}

export class LogRangeError extends Error {
  override name = 'LogRangeError';
}

const key = (level: number, index: number) => `${level}:${index}`;
export const toHead = (doc: TreeHeadDoc): SignedTreeHead => ({
  treeSize: doc._id,
  rootHash: doc.rootHash,
  timestamp: doc.timestamp,
  algorithm: 'Ed25519',
  keyId: doc.keyId,
  signature: doc.signature,
});

/**
 * The tamper-evident log, in the manner of Certificate Transparency (RFC 9162). A leaf's index is
 * its _id, so of two concurrent appends only one can take an index; the other moves on. Complete
 * subtrees are stored once computed, so proofs read O(log n) hashes instead of the whole tree.
 */
export class MerkleLog {
  private nextIndexHint?: number;

  constructor(
    private readonly c: ArchiveCollections,
    private readonly signingKey: KeyObject,
  ) {}

  /**
   * Appends the package's manifest hash, once: a retry finds the leaf it appended before. Only
   * lookups by _id are cheap on our database, so the hot path never searches by package id; a
   * conflict on an index that turns out to be free can only be the package's own earlier leaf.
   */
  async append(packageId: string, manifestSha256: string): Promise<AppendedLeaf> {
    const hash = leafHash(Buffer.from(manifestSha256, 'hex')).toString('hex');
    let index = this.nextIndexHint ?? (await this.size());
    for (let attempt = 0; ; attempt++) {
      try {
        await this.c.leaves.insertOne({ _id: index, packageId, manifestSha256, leafHash: hash, appendedAt: new Date().toISOString() });
        this.nextIndexHint = index + 1;
        return { index, leafHash: hash };
      } catch (error) {
        if (!isDuplicateKeyError(error) || attempt > 10_000) throw error;
      }
      const holder = await this.c.leaves.findOne({ _id: index }, { projection: { packageId: 1, leafHash: 1 } });
      if (holder?.packageId === packageId) return { index, leafHash: holder.leafHash };
      if (!holder) {
        const own = await this.c.leaves.findOne({ packageId });
        if (own) return { index: own._id, leafHash: own.leafHash };
        continue;
      }
      index += 1;
      this.nextIndexHint = undefined;
    }
  }

  async size(): Promise<number> {
    const [last] = await this.c.leaves.find({}, { projection: { _id: 1 } }).sort({ _id: -1 }).limit(1).toArray();
    return last ? last._id + 1 : 0;
  }

  async leafIndexOf(packageId: string): Promise<number | undefined> {
    return (await this.c.leaves.findOne({ packageId }, { projection: { _id: 1 } }))?._id;
  }

  /** Runs a proof computation over stored subtrees, fetching every one it needs in a batch. */
  private async withSubtrees<T>(compute: (node: NodeSource) => T): Promise<T> {
    const hashes = await this.subtrees(subtreesNeeded(compute));
    return compute((level, index) => {
      const hash = hashes.get(key(level, index));
      if (!hash) throw new Error(`subtree ${key(level, index)} was not fetched`);
      return hash;
    });
  }

  private async subtrees(wanted: Array<[number, number]>): Promise<Map<string, Buffer>> {
    const found = new Map<string, Buffer>();
    const leafIndexes = wanted.filter(([level]) => level === 0).map(([, index]) => index);
    if (leafIndexes.length > 0) {
      for (const leaf of await this.c.leaves.find({ _id: { $in: leafIndexes } }).toArray()) {
        found.set(key(0, leaf._id), Buffer.from(leaf.leafHash, 'hex'));
      }
    }
    const nodeIds = wanted.filter(([level]) => level > 0).map(([level, index]) => key(level, index));
    if (nodeIds.length > 0) {
      for (const node of await this.c.nodes.find({ _id: { $in: nodeIds } }).toArray()) found.set(node._id, Buffer.from(node.hash, 'hex'));
    }
    const computed: Array<{ _id: string; hash: string }> = [];
    for (const [level, index] of wanted) {
      if (found.has(key(level, index))) continue;
      if (level === 0) throw new LogRangeError(`the log has no leaf ${index}`);
      const hash = level <= LEAF_BATCH_LEVEL ? await this.hashFromLeaves(level, index) : await this.hashFromChildren(level, index);
      found.set(key(level, index), hash);
      computed.push({ _id: key(level, index), hash: hash.toString('hex') });
    }
    if (computed.length > 0) {
      // Another reader may have stored the same subtree meanwhile; its hash is the same.
      await this.c.nodes.insertMany(computed, { ordered: false }).catch((error: unknown) => {
        if (!isDuplicateKeyError(error)) throw error;
      });
    }
    return found;
  }

  private async hashFromLeaves(level: number, index: number): Promise<Buffer> {
    const width = 2 ** level;
    const leaves = await this.c.leaves
      .find({ _id: { $gte: index * width, $lt: (index + 1) * width } }, { projection: { leafHash: 1 } })
      .sort({ _id: 1 })
      .toArray();
    if (leaves.length !== width) throw new LogRangeError(`the log does not yet hold all leaves of subtree ${key(level, index)}`);
    let row: Buffer[] = leaves.map((leaf) => Buffer.from(leaf.leafHash, 'hex'));
    while (row.length > 1) row = row.flatMap((_, i) => (i % 2 === 0 ? [nodeHash(row[i]!, row[i + 1]!)] : []));
    return row[0]!;
  }

  private async hashFromChildren(level: number, index: number): Promise<Buffer> {
    const children = await this.subtrees([
      [level - 1, 2 * index],
      [level - 1, 2 * index + 1],
    ]);
    return nodeHash(children.get(key(level - 1, 2 * index))!, children.get(key(level - 1, 2 * index + 1))!);
  }

  async rootAt(treeSize: number): Promise<Buffer> {
    return this.withSubtrees((node) => rootHash(node, treeSize));
  }

  /** The signed head of the log as it is now; one head per size, the first one signed. */
  async currentTreeHead(): Promise<SignedTreeHead> {
    const size = await this.size();
    const stored = await this.c.treeHeads.findOne({ _id: size });
    if (stored) return toHead(stored);
    const head = signTreeHead(this.signingKey, size, await this.rootAt(size), Date.now());
    try {
      await this.c.treeHeads.insertOne({ _id: size, rootHash: head.rootHash, timestamp: head.timestamp, keyId: head.keyId, signature: head.signature });
      return head;
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
      return toHead((await this.c.treeHeads.findOne({ _id: size }))!);
    }
  }

  async treeHeadAt(treeSize: number): Promise<SignedTreeHead | undefined> {
    const stored = await this.c.treeHeads.findOne({ _id: treeSize });
    return stored ? toHead(stored) : undefined;
  }

  async latestTreeHead(): Promise<SignedTreeHead | undefined> {
    const [stored] = await this.c.treeHeads.find({}).sort({ _id: -1 }).limit(1).toArray();
    return stored ? toHead(stored) : undefined;
  }

  async inclusionProof(packageId: string, treeSize: number): Promise<InclusionProof> {
    const leaf = await this.c.leaves.findOne({ packageId });
    if (!leaf) throw new LogRangeError(`package ${packageId} is not in the log`);
    if (leaf._id >= treeSize) throw new LogRangeError(`package ${packageId} is leaf ${leaf._id}, not in a tree of size ${treeSize}`);
    if (treeSize > (await this.size())) throw new LogRangeError(`the log is smaller than ${treeSize}`);
    const path = await this.withSubtrees((node) => inclusionPath(node, leaf._id, treeSize));
    return {
      type: 'inclusion',
      packageId,
      leafIndex: leaf._id,
      treeSize,
      manifestSha256: leaf.manifestSha256,
      leafHash: leaf.leafHash,
      auditPath: path.map((h) => h.toString('hex')),
    };
  }

  async consistencyProof(first: number, second: number): Promise<ConsistencyProof> {
    if (!Number.isSafeInteger(first) || !Number.isSafeInteger(second) || first < 1 || first > second) {
      throw new LogRangeError(`no consistency proof from size ${first} to ${second}`);
    }
    if (second > (await this.size())) throw new LogRangeError(`the log is smaller than ${second}`);
    const path = await this.withSubtrees((node) => consistencyPath(node, first, second));
    return { type: 'consistency', first, second, path: path.map((h) => h.toString('hex')) };
  }
}

import type { KeyObject } from 'node:crypto';
import { isDuplicateKeyError } from '@vanthu/shared';
import {
  consistencyPath,
  inclusionPath,
  nodeHash,
  rootHash,
  signTreeHead,
  subtreesNeeded,
  type NodeSource,
  type SignedTreeHead,
} from '../merkle';
import { logKey, type ArchiveCollections, type LeafDoc, type NodeDoc, type TreeHeadDoc } from '../store/collections';
import { limiter } from '../store/limiter';
import { LeafAppender, type AppendedLeaf } from './leaf-appender';

export type { AppendedLeaf } from './leaf-appender';

/**
 * Subtrees up to this level are hashed from their leaves (at most 4 `_id` reads), higher ones
 * from their two stored children: a proof then reads O(log n) records, each by `_id`.
 */
const LEAF_BATCH_LEVEL = 2;
/** A missing subtree of at least 2^BULK_LEVEL leaves is hashed from one pass over all leaves. */
const BULK_LEVEL = 8;
/** `_id` reads the log has in flight at once. */
const READS_IN_FLIGHT = 16;

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

interface Computation {
  /** Subtrees hashed on the way, to be stored. */
  computed: NodeDoc[];
  /** Every leaf hash, by index, when read in one pass. */
  leaves?: Array<Buffer | undefined>;
}

export class LogRangeError extends Error {
  override name = 'LogRangeError';
}

const key = (level: number, index: number) => `${level}:${index}`;
export const toHead = (doc: TreeHeadDoc): SignedTreeHead => ({
  treeSize: doc.treeSize,
  rootHash: doc.rootHash,
  timestamp: doc.timestamp,
  algorithm: 'Ed25519',
  keyId: doc.keyId,
  signature: doc.signature,
});

/**
 * The tamper-evident log, in the manner of Certificate Transparency (RFC 9162). A leaf's index is
 * its key, so of two concurrent appends only one can take an index; the other moves on. Complete
 * subtrees are stored once computed, so proofs read O(log n) hashes instead of the whole tree.
 * Appending writes without reading; sizing and proving read by `_id` (the one filter our
 * database hands to SQLite, docs/archive.md); hashing a large missing subtree reads all leaves once.
 */
export class MerkleLog {
  private readonly appender: LeafAppender;
  /** Leaves 0..floor-1 are known to exist: where the search for the size starts. */
  private floor = 0;
  private readonly read = limiter(READS_IN_FLIGHT);

  constructor(
    private readonly c: ArchiveCollections,
    private readonly signingKey: KeyObject,
  ) {
    this.appender = new LeafAppender(c, () => this.size(), (index) => this.leafAt(index));
  }

  /** Appends the package's manifest hash, once: a retry finds the leaf it appended before. */
  append(packageId: string, manifestSha256: string): Promise<AppendedLeaf> {
    return this.appender.append(packageId, manifestSha256);
  }

  async leafAt(index: number): Promise<LeafDoc | null> {
    return this.read(() => this.c.leaves.findOne({ _id: logKey(index) }));
  }

  private async hasLeaf(index: number): Promise<boolean> {
    return (await this.read(() => this.c.leaves.findOne({ _id: logKey(index) }, { projection: { _id: 1 } }))) !== null;
  }

  /**
   * The number of leaves, found by `_id` probes: doubling steps from the last size known here,
   * then halving, so O(log n) reads from a cold start and one or two after that.
   */
  async size(): Promise<number> {
    let low = this.floor;
    let step = 1;
    while (await this.hasLeaf(low + step - 1)) {
      low += step;
      step *= 2;
    }
    let high = low + step - 1; // no leaf here
    while (low < high) {
      const middle = Math.floor((low + high) / 2);
      if (await this.hasLeaf(middle)) low = middle + 1;
      else high = middle;
    }
    this.floor = Math.max(this.floor, low);
    return low;
  }

  /**
   * The package's leaf, by its recorded position; only a package whose append was cut short
   * between the leaf and its position is looked for by a scan.
   */
  async leafOf(packageId: string): Promise<LeafDoc | null> {
    return (await this.recordedLeafOf(packageId)) ?? this.c.leaves.findOne({ packageId });
  }

  /** The package's leaf if its position was recorded: two reads by `_id`. */
  async recordedLeafOf(packageId: string): Promise<LeafDoc | null> {
    const position = await this.read(() => this.c.positions.findOne({ _id: packageId }));
    const leaf = position ? await this.leafAt(position.index) : null;
    return leaf?.packageId === packageId ? leaf : null;
  }

  async leafIndexOf(packageId: string): Promise<number | undefined> {
    return (await this.leafOf(packageId))?.index;
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
    const work: Computation = { computed: [] };
    // A large subtree not stored yet (the first head of a big log) needs thousands of leaves:
    // one pass over them all beats a read each, every read being a pass on our database.
    const large = wanted.filter(([level]) => level >= BULK_LEVEL);
    const stored = await Promise.all(large.map(([level, index]) => this.read(() => this.c.nodes.findOne({ _id: key(level, index) }))));
    if (stored.some((node) => !node)) work.leaves = await this.allLeaves();
    const hashes = await Promise.all(wanted.map(([level, index]) => this.subtree(level, index, work)));
    if (work.computed.length > 0) {
      // Another reader may have stored the same subtree meanwhile; its hash is the same.
      await this.c.nodes.insertMany(work.computed, { ordered: false }).catch((error: unknown) => {
        if (!isDuplicateKeyError(error)) throw error;
      });
    }
    return new Map(wanted.map(([level, index], i) => [key(level, index), hashes[i]!]));
  }

  private async allLeaves(): Promise<Array<Buffer | undefined>> {
    const leaves: Array<Buffer | undefined> = [];
    for await (const leaf of this.c.leaves.find({}, { projection: { leafHash: 1 }, batchSize: 1000 })) leaves[Number(leaf._id)] = Buffer.from(leaf.leafHash, 'hex');
    return leaves;
  }

  /** A complete subtree's hash: stored, or computed (and added to `computed`, to be stored). */
  private async subtree(level: number, index: number, work: Computation): Promise<Buffer> {
    if (work.leaves) return this.fromMemory(level, index, work);
    if (level === 0) {
      const leaf = await this.leafAt(index);
      if (!leaf) throw new LogRangeError(`the log has no leaf ${index}`);
      return Buffer.from(leaf.leafHash, 'hex');
    }
    // Small subtrees are never stored: their few leaves cost less than a miss and a write.
    if (level <= LEAF_BATCH_LEVEL) return this.hashFromLeaves(level, index);
    const stored = await this.read(() => this.c.nodes.findOne({ _id: key(level, index) }));
    if (stored) return Buffer.from(stored.hash, 'hex');
    const hash = await this.hashFromChildren(level, index, work);
    work.computed.push({ _id: key(level, index), hash: hash.toString('hex') });
    return hash;
  }

  /** From leaves read in one pass; the subtrees above the leaf-batch level are kept for later proofs. */
  private fromMemory(level: number, index: number, work: Computation): Buffer {
    if (level === 0) {
      const leaf = work.leaves![index];
      if (!leaf) throw new LogRangeError(`the log has no leaf ${index}`);
      return leaf;
    }
    const hash = nodeHash(this.fromMemory(level - 1, 2 * index, work), this.fromMemory(level - 1, 2 * index + 1, work));
    if (level > LEAF_BATCH_LEVEL) work.computed.push({ _id: key(level, index), hash: hash.toString('hex') });
    return hash;
  }

  private async hashFromLeaves(level: number, index: number): Promise<Buffer> {
    const width = 2 ** level;
    const leaves = await Promise.all(Array.from({ length: width }, (_, i) => this.leafAt(index * width + i)));
    if (leaves.some((leaf) => !leaf)) throw new LogRangeError(`the log does not yet hold all leaves of subtree ${key(level, index)}`);
    let row: Buffer[] = leaves.map((leaf) => Buffer.from(leaf!.leafHash, 'hex'));
    while (row.length > 1) row = row.flatMap((_, i) => (i % 2 === 0 ? [nodeHash(row[i]!, row[i + 1]!)] : []));
    return row[0]!;
  }

  private async hashFromChildren(level: number, index: number, work: Computation): Promise<Buffer> {
    const [left, right] = await Promise.all([this.subtree(level - 1, 2 * index, work), this.subtree(level - 1, 2 * index + 1, work)]);
    return nodeHash(left, right);
  }

  async rootAt(treeSize: number): Promise<Buffer> {
    return this.withSubtrees((node) => rootHash(node, treeSize));
  }

  /** The signed head of the log as it is now; one head per size, the first one signed. */
  async currentTreeHead(): Promise<SignedTreeHead> {
    const size = await this.size();
    const stored = await this.c.treeHeads.findOne({ _id: logKey(size) });
    if (stored) return toHead(stored);
    const head = signTreeHead(this.signingKey, size, await this.rootAt(size), Date.now());
    try {
      await this.c.treeHeads.insertOne({ _id: logKey(size), treeSize: size, rootHash: head.rootHash, timestamp: head.timestamp, keyId: head.keyId, signature: head.signature });
      return head;
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
      return toHead((await this.c.treeHeads.findOne({ _id: logKey(size) }))!);
    }
  }

  async treeHeadAt(treeSize: number): Promise<SignedTreeHead | undefined> {
    const stored = await this.c.treeHeads.findOne({ _id: logKey(treeSize) });
    return stored ? toHead(stored) : undefined;
  }

  /** Reads every stored head on our database (a sort is done in memory): for the audit, once per run. */
  async latestTreeHead(): Promise<SignedTreeHead | undefined> {
    const [stored] = await this.c.treeHeads.find({}).sort({ _id: -1 }).limit(1).toArray();
    return stored ? toHead(stored) : undefined;
  }

  async inclusionProof(packageId: string, treeSize: number): Promise<InclusionProof> {
    const leaf = await this.leafOf(packageId);
    if (!leaf) throw new LogRangeError(`package ${packageId} is not in the log`);
    if (leaf.index >= treeSize) throw new LogRangeError(`package ${packageId} is leaf ${leaf.index}, not in a tree of size ${treeSize}`);
    if (!(await this.hasLeaf(treeSize - 1))) throw new LogRangeError(`the log is smaller than ${treeSize}`);
    const path = await this.withSubtrees((node) => inclusionPath(node, leaf.index, treeSize));
    return {
      type: 'inclusion',
      packageId,
      leafIndex: leaf.index,
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
    if (!(await this.hasLeaf(second - 1))) throw new LogRangeError(`the log is smaller than ${second}`);
    const path = await this.withSubtrees((node) => consistencyPath(node, first, second));
    return { type: 'consistency', first, second, path: path.map((h) => h.toString('hex')) };
  }
}

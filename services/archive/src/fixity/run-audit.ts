import type { KeyObject } from 'node:crypto';
import { BlobIntegrityError, BlobNotFoundError, type BlobStore, type ScannedBlob } from '@vanthu/shared';
import { leafHash, nodeHash, rootHash, treeHeadProblem } from '../merkle';
import type { MerkleLog } from '../log/merkle-log';
import { sha256Hex } from '../packages/canonical-json';
import { recordFixity } from '../packages/package-parts';
import type { ArchiveCollections, FixityAuditDoc, FixityMismatch, LeafDoc, PackageDoc } from '../store/collections';

export interface AuditDeps {
  c: ArchiveCollections;
  blobs: BlobStore;
  log: MerkleLog;
  publicKey: KeyObject;
}

export interface AuditOptions {
  auditId: string;
  /** Packages checked at once; reads from the database overlap, hashing does not. */
  concurrency?: number;
  mismatchesKept?: number;
  onProgress?: (packagesChecked: number) => void;
}

interface ManifestPart {
  path: string;
  sha256: string;
  size: number;
}

type BlobVerdict = { ok: true } | { ok: false; kind: 'blob-altered' | 'blob-missing'; actual: string };

type BlobChecker = { check: (sha256: string) => Promise<BlobVerdict>; bytesHashed: () => number };

/**
 * Every blob re-hashed in one pass over the store, where the store offers one: on our database a
 * read by key reads the whole collection, so reading blob by blob would cost O(n) each.
 */
async function scannedBlobs(scan: AsyncIterable<ScannedBlob>, alive: () => void): Promise<BlobChecker> {
  const found = new Map<string, string | true>();
  let bytes = 0;
  for await (const blob of scan) {
    bytes += blob.size;
    found.set(blob.sha256, blob.actual === blob.sha256 || blob.actual);
    if (found.size % PROGRESS_EVERY === 0) alive();
  }
  const check = async (sha256: string): Promise<BlobVerdict> => {
    const actual = found.get(sha256);
    if (actual === undefined) return { ok: false, kind: 'blob-missing', actual: 'absent' };
    return actual === true ? { ok: true } : { ok: false, kind: 'blob-altered', actual };
  };
  return { check, bytesHashed: () => bytes };
}

/** Re-hashes each distinct blob once per audit, however many packages share it (certificates do). */
function blobChecker(blobs: BlobStore): BlobChecker {
  const verdicts = new Map<string, Promise<BlobVerdict>>();
  let bytes = 0;
  const check = (sha256: string) => {
    let verdict = verdicts.get(sha256);
    if (!verdict) {
      verdict = blobs.get(sha256).then(
        (data): BlobVerdict => {
          bytes += data.length;
          return { ok: true };
        },
        (error: unknown): BlobVerdict => {
          if (error instanceof BlobIntegrityError) return { ok: false, kind: 'blob-altered', actual: error.actual };
          if (error instanceof BlobNotFoundError) return { ok: false, kind: 'blob-missing', actual: 'absent' };
          // Chunks cut short or grown no longer add up to the stored length: altered just the same.
          if (error instanceof Error && error.name === 'MongoGridFSChunkError') return { ok: false, kind: 'blob-altered', actual: `unreadable: ${error.message}` };
          throw error;
        },
      );
      verdicts.set(sha256, verdict);
    }
    return verdict;
  };
  return { check, bytesHashed: () => bytes };
}

function parseManifest(manifest: string): ManifestPart[] | undefined {
  try {
    const parsed = JSON.parse(manifest) as { parts?: ManifestPart[] };
    return Array.isArray(parsed.parts) ? parsed.parts : undefined;
  } catch {
    return undefined;
  }
}

/** The log as the audit reads it: one pass over the leaves, each placed at its index. */
interface LogSnapshot {
  leaves: Array<LeafDoc | undefined>;
  indexOf: Map<string, number>;
}

async function readLog(c: ArchiveCollections): Promise<LogSnapshot> {
  const leaves: Array<LeafDoc | undefined> = [];
  const indexOf = new Map<string, number>();
  // No sort: our database would load and sort the whole collection before returning the first one.
  for await (const leaf of c.leaves.find({}, { batchSize: 1000 })) {
    const index = Number(leaf._id);
    if (!Number.isSafeInteger(index) || index < 0) continue;
    leaves[index] = leaf;
    indexOf.set(leaf.packageId, index);
  }
  return { leaves, indexOf };
}

/**
 * Checks every package against the log, and every part against its manifest: the log (under a
 * signed head) vouches for the manifest, the manifest for each part. A mismatch names the package
 * and the part, with the value expected and the value found.
 *
 * Reads: one pass over the leaves, one over the blob store (or each distinct blob once, by key,
 * where the store has no pass), one over the packages (joined here by package id; none sorted, so
 * all stream). Packages are checked `concurrency` at a time as they arrive.
 */
export async function runFixityAudit(deps: AuditDeps, options: AuditOptions): Promise<FixityAuditDoc> {
  const { c } = deps;
  const report: FixityAuditDoc = {
    _id: options.auditId,
    startedAt: new Date().toISOString(),
    packagesChecked: 0,
    partsChecked: 0,
    bytesHashed: 0,
    treeSize: 0,
    mismatchCount: 0,
    mismatches: [],
  };
  const kept = options.mismatchesKept ?? 1000;
  const mismatch = (m: FixityMismatch) => {
    report.mismatchCount++;
    if (report.mismatches.length < kept) report.mismatches.push(m);
  };
  await c.audits.replaceOne({ _id: report._id }, report, { upsert: true });

  const log = await readLog(c);
  log.leaves.forEach((leaf, index) => {
    if (!leaf) return;
    const expected = leafHash(Buffer.from(leaf.manifestSha256, 'hex')).toString('hex');
    if (leaf.leafHash !== expected) mismatch({ kind: 'leaf-altered', packageId: leaf.packageId, part: `log/leaf/${index}`, expected, actual: leaf.leafHash });
  });
  await checkRoot(deps, log.leaves, report, mismatch);

  // After the log is read: every package it names had its blobs stored before its leaf.
  const blobs = deps.blobs.scan ? await scannedBlobs(deps.blobs.scan(), () => options.onProgress?.(0)) : blobChecker(deps.blobs);
  const checkPackage = async (pkg: PackageDoc, leaf: LeafDoc) => {
    const actualManifest = sha256Hex(pkg.manifest);
    const parts = parseManifest(pkg.manifest);
    if (actualManifest !== leaf.manifestSha256 || !parts) {
      mismatch({ kind: 'manifest-altered', packageId: pkg._id, part: 'manifest', expected: leaf.manifestSha256, actual: actualManifest });
      return;
    }
    for (const part of parts) {
      report.partsChecked++;
      if (part.path.startsWith('records/')) {
        const actual = recordFixity(pkg, part.path).sha256;
        if (actual !== part.sha256) mismatch({ kind: 'record-altered', packageId: pkg._id, part: part.path, expected: part.sha256, actual });
      } else {
        const verdict = await blobs.check(part.sha256);
        if (!verdict.ok) mismatch({ kind: verdict.kind, packageId: pkg._id, part: part.path, expected: part.sha256, actual: verdict.actual });
      }
    }
    report.packagesChecked++;
    if (report.packagesChecked % PROGRESS_EVERY === 0) options.onProgress?.(report.packagesChecked);
  };

  const seen = new Set<number>();
  // Not sorted, so it streams (see readLog); each package is checked as it arrives.
  await forEachLimited(c.packages.find({}, { batchSize: 200 }), options.concurrency ?? 8, async (pkg) => {
    const index = log.indexOf.get(pkg._id);
    if (index !== undefined) {
      seen.add(index);
      return checkPackage(pkg, log.leaves[index]!);
    }
    // Not in the log: still being archived (its activity appends the leaf before it returns),
    // unless its recorded position is a leaf under the signed head that now names another
    // package (an absent leaf is named by the root check). Rare, so read by _id one at a time.
    const position = await c.positions.findOne({ _id: pkg._id });
    const claimed = position && position.index < report.treeSize ? log.leaves[position.index] : undefined;
    if (claimed) mismatch({ kind: 'leaf-altered', packageId: pkg._id, part: `log/leaf/${position!.index}`, expected: `a leaf of ${pkg._id}`, actual: `a leaf of ${claimed.packageId}` });
  });
  // A leaf is appended only after its package is stored, so every leaf read above has a package.
  log.leaves.forEach((leaf, index) => {
    if (leaf && !seen.has(index)) mismatch({ kind: 'package-missing', packageId: leaf.packageId, part: 'manifest', expected: leaf.manifestSha256, actual: 'absent' });
  });
  options.onProgress?.(report.packagesChecked);
  report.bytesHashed = blobs.bytesHashed();
  report.finishedAt = new Date().toISOString();
  await c.audits.replaceOne({ _id: report._id }, report);
  return report;
}

const PROGRESS_EVERY = 100;

/** The leaves as stored must still hash to the root of the latest signed head. */
async function checkRoot(deps: AuditDeps, leaves: Array<LeafDoc | undefined>, report: FixityAuditDoc, mismatch: (m: FixityMismatch) => void) {
  const head = await deps.log.latestTreeHead();
  if (!head) return;
  report.treeSize = head.treeSize;
  const part = `log/tree-head/${head.treeSize}`;
  const problem = treeHeadProblem(head, deps.publicKey);
  if (problem) {
    mismatch({ kind: 'tree-head-invalid', part, expected: 'a valid signature', actual: problem });
    return;
  }
  const signed = Array.from({ length: head.treeSize }, (_, index) => leaves[index]);
  const present = signed.filter(Boolean).length;
  if (present < head.treeSize) {
    signed.forEach((leaf, index) => {
      if (!leaf) mismatch({ kind: 'leaf-altered', part: `log/leaf/${index}`, expected: 'a leaf under the signed head', actual: 'absent' });
    });
    mismatch({ kind: 'log-root-mismatch', part, expected: `${head.treeSize} leaves`, actual: `${present} leaves` });
    return;
  }
  const hashes = signed.map((leaf) => Buffer.from(leaf!.leafHash, 'hex'));
  const levels: Buffer[][] = [hashes];
  const node = (level: number, index: number): Buffer => {
    while (levels.length <= level) {
      const below = levels[levels.length - 1]!;
      levels.push(below.flatMap((_, i) => (i % 2 === 0 && i + 1 < below.length ? [nodeHash(below[i]!, below[i + 1]!)] : [])));
    }
    return levels[level]![index]!;
  };
  const actual = rootHash(node, head.treeSize).toString('hex');
  if (actual !== head.rootHash) mismatch({ kind: 'log-root-mismatch', part, expected: head.rootHash, actual });
}

/** Runs `work` on each item as a stream delivers it, at most `limit` at once; the first failure stops it. */
async function forEachLimited<T>(items: AsyncIterable<T>, limit: number, work: (item: T) => Promise<void>): Promise<void> {
  const running = new Set<Promise<void>>();
  let failure: { error: unknown } | undefined;
  for await (const item of items) {
    if (failure) break;
    const task: Promise<void> = work(item)
      .catch((error: unknown) => {
        failure ??= { error };
      })
      .finally(() => running.delete(task));
    running.add(task);
    if (running.size >= limit) await Promise.race(running);
  }
  await Promise.all(running);
  if (failure) throw failure.error;
}

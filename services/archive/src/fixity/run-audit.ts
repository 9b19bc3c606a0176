import type { KeyObject } from 'node:crypto';
import { BlobIntegrityError, BlobNotFoundError, type BlobStore } from '@vanthu/shared';
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
  /** Blobs re-hashed at once; reads from the blob store overlap, hashing does not. */
  concurrency?: number;
  mismatchesKept?: number;
  onProgress?: (packagesChecked: number) => void;
}

interface ManifestPart {
  path: string;
  sha256: string;
  size: number;
}

type BlobVerdict = { ok: true; size: number } | { ok: false; kind: 'blob-altered' | 'blob-missing'; actual: string };

/** Re-hashes each distinct blob once per audit, however many packages share it (certificates do). */
function blobChecker(blobs: BlobStore) {
  const verdicts = new Map<string, Promise<BlobVerdict>>();
  let bytes = 0;
  const check = (sha256: string) => {
    let verdict = verdicts.get(sha256);
    if (!verdict) {
      verdict = blobs.get(sha256).then(
        (data): BlobVerdict => {
          bytes += data.length;
          return { ok: true, size: data.length };
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

/**
 * Checks every package against the log, and every part against its manifest: the log (under a
 * signed head) vouches for the manifest, the manifest for each part. A mismatch names the package
 * and the part, with the value expected and the value found.
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

  const leaves: LeafDoc[] = await c.leaves.find({}).sort({ _id: 1 }).toArray();
  const leafByPackage = new Map(leaves.map((leaf) => [leaf.packageId, leaf]));
  for (const leaf of leaves) {
    const expected = leafHash(Buffer.from(leaf.manifestSha256, 'hex')).toString('hex');
    if (leaf.leafHash !== expected) mismatch({ kind: 'leaf-altered', packageId: leaf.packageId, part: `log/leaf/${leaf._id}`, expected, actual: leaf.leafHash });
  }
  await checkRoot(deps, leaves, report, mismatch);

  const blobs = blobChecker(deps.blobs);
  const checkPackage = async (pkg: PackageDoc) => {
    const leaf = leafByPackage.get(pkg._id);
    if (!leaf) return; // still being archived: its activity appends the leaf before it returns
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
  };

  const concurrency = options.concurrency ?? 8;
  let batch: PackageDoc[] = [];
  for await (const pkg of c.packages.find({}).sort({ _id: 1 })) {
    batch.push(pkg);
    if (batch.length >= concurrency * 4) {
      await inParallel(batch, concurrency, checkPackage);
      batch = [];
      options.onProgress?.(report.packagesChecked);
    }
  }
  await inParallel(batch, concurrency, checkPackage);
  report.bytesHashed = blobs.bytesHashed();
  report.finishedAt = new Date().toISOString();
  await c.audits.replaceOne({ _id: report._id }, report);
  return report;
}

/** The leaves as stored must still hash to the root of the latest signed head. */
async function checkRoot(deps: AuditDeps, leaves: LeafDoc[], report: FixityAuditDoc, mismatch: (m: FixityMismatch) => void) {
  const head = await deps.log.latestTreeHead();
  if (!head) return;
  report.treeSize = head.treeSize;
  const part = `log/tree-head/${head.treeSize}`;
  const problem = treeHeadProblem(head, deps.publicKey);
  if (problem) {
    mismatch({ kind: 'tree-head-invalid', part, expected: 'a valid signature', actual: problem });
    return;
  }
  if (leaves.length < head.treeSize || leaves[head.treeSize - 1]?._id !== head.treeSize - 1) {
    mismatch({ kind: 'log-root-mismatch', part, expected: `${head.treeSize} leaves`, actual: `${leaves.length} leaves` });
    return;
  }
  const hashes = leaves.slice(0, head.treeSize).map((leaf) => Buffer.from(leaf.leafHash, 'hex'));
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

async function inParallel<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) await work(items[next++]!);
  });
  await Promise.all(lanes);
}

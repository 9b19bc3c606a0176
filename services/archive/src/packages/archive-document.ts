import { ApplicationFailure } from '@temporalio/activity';
import { BlobIntegrityError, BlobNotFoundError, documentContext, isDuplicateKeyError, type ArchiveDocumentInput, type ArchiveDocumentResult, type BlobStore, type KeyRing } from '@vanthu/shared';
import type { MerkleLog } from '../log/merkle-log';
import { sealedInput, SEALED_PART_FORMAT, type Warn } from '../secrecy/sealed-package';
import type { ArchiveCollections, PackageDoc, PackagePart } from '../store/collections';
import { canonicalJson, plainJson, sha256Hex } from './canonical-json';
import type { RecentVerifications } from './recent-verifications';
import { blobParts, RECORD_PARTS, recordFixity, recordsOf } from './package-parts';

export interface ArchiveDeps {
  c: ArchiveCollections;
  blobs: BlobStore;
  log: MerkleLog;
  /** Blobs re-read lately, not re-read for every package that shares them. */
  verified?: RecentVerifications;
  /** Re-wraps a sealed document's data key for the archive; only sealed documents need it. */
  keys?: KeyRing;
  /** Where the activity reports what it corrected (a sealed document's clear note); silent by default. */
  warn?: Warn;
}

export const ARCHIVE_ERRORS = { partMissing: 'ArchivePartMissing', partDamaged: 'ArchivePartDamaged' } as const;

/** One workflow archives one document: the package id follows from the workflow id, so retries meet. */
export const packageIdFor = (workflowId: string) => `pkg_${sha256Hex(workflowId).slice(0, 24)}`;

async function checkedBlobParts(blobs: BlobStore, input: ArchiveDocumentInput, recent?: RecentVerifications): Promise<PackagePart[]> {
  const verified = new Set<string>();
  const parts: PackagePart[] = [];
  for (const { path, ref } of blobParts(input)) {
    if (!verified.has(ref.sha256) && !recent?.has(ref.sha256)) {
      try {
        await blobs.get(ref.sha256);
      } catch (error) {
        // Waiting will not bring back bytes that are missing or damaged; a person has to look.
        if (error instanceof BlobNotFoundError) throw ApplicationFailure.nonRetryable(`${path}: ${error.message}`, ARCHIVE_ERRORS.partMissing);
        if (error instanceof BlobIntegrityError) throw ApplicationFailure.nonRetryable(`${path}: ${error.message}`, ARCHIVE_ERRORS.partDamaged);
        throw error;
      }
      verified.add(ref.sha256);
      recent?.add(ref.sha256);
    }
    // A sealed blob was read and hashed above as stored, the ciphertext: fixity never sees the clear file.
    parts.push({ path, sha256: ref.sha256, size: ref.size, contentType: ref.contentType, source: 'blob', ...(ref.sealed === true && { sealed: true }) });
  }
  return parts;
}

/** The package an input makes, not yet stored: what `archiveDocument` inserts (and the benchmark seeds in bulk). */
export async function newPackage(deps: ArchiveDeps, arrived: ArchiveDocumentInput): Promise<PackageDoc> {
  const { input, sealing } = await sealedInput(deps.keys, arrived, deps.warn);
  const records = plainJson(recordsOf(input));
  const base = { metadata: records.metadata, records: { history: records.history, signatures: records.signatures, validation: records.validation } };
  const parts: PackagePart[] = [
    ...(await checkedBlobParts(deps.blobs, input, deps.verified)),
    ...Object.keys(RECORD_PARTS).map((path) => ({ path, ...recordFixity(base, path), contentType: 'application/json', source: 'record' as const })),
  ];
  const _id = packageIdFor(input.workflowId);
  const archivedAt = new Date().toISOString();
  const manifest = canonicalJson({
    version: 1,
    packageId: _id,
    workflowId: input.workflowId,
    documentId: input.metadata.documentId,
    archivedAt,
    // `sealed` only where true, so the manifests of clear packages stay as they always were.
    parts: parts.map(({ path, sha256, size, contentType, sealed }) => ({ path, sha256, size, contentType, ...(sealed && { sealed }) })),
    // How a sealed part opens, for whoever reads the manifest without us; which key, an export says (key.jwe).
    ...(sealing && { sealing: { format: SEALED_PART_FORMAT, context: documentContext(input.metadata.documentId) } }),
  });
  return {
    _id,
    workflowId: input.workflowId,
    documentId: input.metadata.documentId,
    archivedAt,
    ...base,
    parts,
    manifest,
    manifestSha256: sha256Hex(manifest),
    ...(sealing && { sealing }),
  };
}

/**
 * The `archiveDocument` activity: stores the package, then appends its manifest hash to the log.
 * Either step may be cut short by a crash; a retry finds what the first attempt left and finishes it.
 */
export async function archiveDocument(deps: ArchiveDeps, input: ArchiveDocumentInput): Promise<ArchiveDocumentResult> {
  // Insert first: on our database an insert is cheap and a read is a scan, and nearly every call
  // is the first. The package id follows from the workflow id, so a retry collides and reads.
  const fresh = await newPackage(deps, input);
  let pkg: PackageDoc | null = fresh;
  try {
    await deps.c.packages.insertOne(fresh);
  } catch (error) {
    if (!isDuplicateKeyError(error)) throw error;
    pkg = await deps.c.packages.findOne({ _id: fresh._id });
    if (!pkg) throw error;
  }
  // Only a retry finds its package; it may have its leaf already. If the position was not
  // recorded, the append finds the leaf (by the unique index on its package id).
  const existing = pkg === fresh ? null : await deps.log.recordedLeafOf(pkg._id);
  const leaf = existing ? { index: existing.index } : await deps.log.append(pkg._id, pkg.manifestSha256);
  return { packageId: pkg._id, manifestSha256: pkg.manifestSha256, logIndex: leaf.index, treeSize: leaf.index + 1 };
}

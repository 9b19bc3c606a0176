import { randomBytes } from 'node:crypto';
import { DocumentKey, putSealed, type ArchiveDocumentInput, type BlobRef, type BlobStore } from '@vanthu/shared';
import type { Archive } from '../archive';
import { newPackage } from '../packages/archive-document';
import { syntheticPackage, type SyntheticPackage } from './synthetic-packages';

/*
 * Seeds the benchmark's archive with its synthetic packages through the archive's own inputs and
 * code, in bulk: each ArchiveDocumentInput becomes its package through `newPackage` (the code the
 * archiving activity runs: sealing checks and re-wrap, blob checks, records, manifest), the
 * packages of a chunk go in with one insertMany rather than one insertOne each, and their
 * manifests are appended to the log as the activity appends them (`MerkleLog.append`, which writes
 * up to 64 leaves at once). 100,000 packages through the whole activity one by one would take
 * about six minutes on this machine (bench:archive part 1 archives ~280/s) and say nothing more
 * about search. Clear packages share one content blob; each sealed one has its own (sealed under
 * its own data key, as intake stores them).
 */

/** Packages built and inserted at once. */
const CHUNK = 1_000;
/** Inputs sealed (blob puts) and packages built (blob checks) in flight at once. */
const IN_FLIGHT = 16;

export interface SharedBlobs {
  content: BlobRef;
  certificate: BlobRef;
  crl: BlobRef;
}

export async function sharedBlobs(blobs: BlobStore): Promise<SharedBlobs> {
  return {
    content: await blobs.put(Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(16 * 1024), Buffer.from('\n%%EOF\n')]), 'application/pdf'),
    certificate: await blobs.put(Buffer.from('bench CA certificate'), 'application/pkix-cert'),
    crl: await blobs.put(Buffer.from('bench CA CRL'), 'application/pkix-crl'),
  };
}

async function inFlight<T, R>(items: T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        results[i] = await work(items[i]!);
      }
    }),
  );
  return results;
}

/** What the lifecycle hands the archive for a synthetic package: a sealed one as intake seals it. */
export async function inputOf(archive: Archive, blobs: BlobStore, shared: SharedBlobs, synthetic: SyntheticPackage): Promise<ArchiveDocumentInput> {
  const { metadata } = synthetic;
  const summary = { signatureId: `sig-${metadata.documentId}`, certificateSerial: '0A1B', signerName: metadata.signer.fullName, signedAt: metadata.issuedAt, timestamped: true };
  const base: ArchiveDocumentInput = {
    workflowId: `document-${metadata.documentId}`,
    metadata,
    content: shared.content,
    attachments: [],
    signatures: [summary],
    validation: { valid: true, signatures: [] },
    validationMaterial: { certificates: [shared.certificate], crls: [shared.crl] },
    history: [
      { seq: 1, at: metadata.issuedAt, action: 'register', status: 'registered', actor: 'bench-clerk' },
      { seq: 2, at: metadata.issuedAt, action: 'sign', status: 'issued', actor: 'bench-leader' },
    ],
  };
  if (!synthetic.sealed) return base;
  const key = DocumentKey.generate(metadata.documentId);
  return {
    ...base,
    metadata: { ...metadata, subject: await key.seal(metadata.subject) },
    content: await putSealed(blobs, key, Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(4 * 1024)]), 'application/pdf'),
    sealing: await key.sealingFor(archive.keys, metadata.issuerCode),
  };
}

/**
 * Packages `from` to `to - 1` of an archive of `total`, in order (numbers run per issuer, type
 * and year: `counters` carries them from one call to the next). `seen` is told of each synthetic
 * package as it is made.
 */
export async function seedPackages(
  archive: Archive,
  blobs: BlobStore,
  shared: SharedBlobs,
  range: { from: number; to: number; total: number },
  counters: Map<string, number>,
  progress: { tick(count?: number): void },
  seen: (synthetic: SyntheticPackage, i: number) => void = () => undefined,
): Promise<void> {
  for (let start = range.from; start < range.to; start += CHUNK) {
    const indexes = Array.from({ length: Math.min(CHUNK, range.to - start) }, (_, k) => start + k);
    const synthetics = indexes.map((i) => {
      const synthetic = syntheticPackage(i, range.total, counters);
      seen(synthetic, i);
      return synthetic;
    });
    const inputs = await inFlight(synthetics, IN_FLIGHT, (synthetic) => inputOf(archive, blobs, shared, synthetic));
    const packages = await inFlight(inputs, IN_FLIGHT, (input) => newPackage(archive, input));
    await archive.c.packages.insertMany(packages, { ordered: false });
    await Promise.all(packages.map((pkg) => archive.log.append(pkg._id, pkg.manifestSha256)));
    progress.tick(packages.length);
  }
}

#!/usr/bin/env node
import { createPublicKey, randomBytes, randomUUID } from 'node:crypto';
import mongoose from 'mongoose';
import { baseEnvSchema, gridFsBlobStore, loadConfig, profileCommands, type ArchiveDocumentInput, type BlobRef, type BlobStore } from '@vanthu/shared';
import { createArchive, type Archive } from '../archive';
import { devLogKey } from '../config';
import { runFixityAudit } from '../fixity/run-audit';
import { archiveDocument } from '../packages/archive-document';
import { archiveCollections, ensureIndexes } from '../store/collections';
import { progress } from './progress';
import { BASELINE_AT, printFigures, SEARCH_PACKAGES, searchBench } from './search-phase';

/**
 * Part 1: archiving throughput and the cost of a full fixity audit, on the real database, through
 * the same code the activities run (without Temporal's scheduling in between, which is measured
 * elsewhere). Prints a table, then one JSON object per figure. Baselines, measured in the same
 * run: storing the content blobs (put + SHA-256) for archiving, one pass re-hashing the blob
 * store for the audit, since each package costs at least one of each.
 * Part 2 (search-phase.ts): the package search at 100,000 packages, on databases of its own.
 * BENCH_PARTS=archive or BENCH_PARTS=search runs one of them.
 */
const PACKAGES = Number(process.env.BENCH_PACKAGES ?? 10_000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);
const CONTENT_BYTES = Number(process.env.BENCH_CONTENT_BYTES ?? 16 * 1024);
const PROFILE = process.env.BENCH_PROFILE === '1';
/** Content blobs read back one by one, by key. */
const KEYED_READS = Math.min(PACKAGES, 200);
const PARTS = (process.env.BENCH_PARTS ?? 'archive,search').split(',');

interface Figure {
  name: string;
  value: number;
  unit: string;
  baseline?: number;
  ratio?: number;
}

type Phase = (name: string) => void;

async function pool(count: number, concurrency: number, work: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, count) }, async () => {
      while (next < count) await work(next++);
    }),
  );
}

function input(i: number, content: BlobRef, shared: { certificate: BlobRef; crl: BlobRef }): ArchiveDocumentInput {
  const summary = { signatureId: `sig-${i}`, certificateSerial: '0A1B', signerName: 'Nguyễn Văn A', signedAt: '2026-11-23T14:05:09+07:00', timestamped: true };
  const documentId = `bench-${randomUUID()}`;
  return {
    workflowId: `document-${documentId}`,
    metadata: {
      documentId,
      type: 'CV',
      number: i + 1,
      notation: `${i + 1}-CV/TU`,
      issuedAt: '2026-11-23T14:05:09+07:00',
      issuerCode: 'TU-HN',
      issuerName: 'Thành ủy Hà Nội',
      subject: `Công văn số ${i + 1} về việc triển khai chuyển đổi số`,
      language: 'vi',
      pageCount: 2,
      signer: { fullName: 'Nguyễn Văn A', position: 'Phó Bí thư', authority: 'K/T' },
      recipients: ['QU-BD'],
      urgency: 'normal',
      secrecy: 'none',
      copies: 1,
      finalStatus: 'distributed',
    },
    content,
    attachments: [],
    signatures: [summary],
    validation: { valid: true, signatures: [] },
    validationMaterial: { certificates: [shared.certificate], crls: [shared.crl] },
    history: [{ seq: 1, at: '2026-11-23T14:05:09+07:00', action: 'sign', status: 'issued' }],
  };
}

const since = (startedMs: number) => performance.now() - startedMs;

async function measure(archive: Archive, blobs: BlobStore, phase: Phase): Promise<Figure[]> {
  const shared = {
    certificate: await blobs.put(Buffer.from('bench CA certificate'), 'application/pkix-cert'),
    crl: await blobs.put(Buffer.from('bench CA CRL'), 'application/pkix-crl'),
  };

  phase('blob-put');
  const contents: BlobRef[] = new Array(PACKAGES);
  let shown = progress('content blobs stored (baseline)', PACKAGES);
  let started = performance.now();
  await pool(PACKAGES, CONCURRENCY, async (i) => {
    contents[i] = await blobs.put(randomBytes(CONTENT_BYTES), 'application/pdf');
    shown.tick();
  });
  const putSeconds = since(started) / 1000;
  shown.done();
  const inputs = contents.map((content, i) => input(i, content, shared));

  phase('archive');
  shown = progress('packages archived', PACKAGES);
  started = performance.now();
  let archived = 0;
  await pool(PACKAGES, CONCURRENCY, async (i) => {
    await archiveDocument(archive, inputs[i]!);
    shown.tick();
    // Per block of a thousand, so a profile shows what grows with the archive.
    if (++archived % 1000 === 0) phase(`archive-${archived / 1000}k`);
  });
  const archiveSeconds = since(started) / 1000;
  shown.done();

  phase('tree-head');
  started = performance.now();
  const head = await archive.log.currentTreeHead();
  const firstHeadMs = since(started);
  if (head.treeSize !== PACKAGES) throw new Error(`the log holds ${head.treeSize} leaves, not ${PACKAGES}`);

  phase('proofs');
  const samples = Math.min(100, PACKAGES);
  const proofMs: number[] = [];
  for (let i = 0; i < samples; i++) {
    const leaf = await archive.log.leafAt(Math.floor((i * PACKAGES) / samples));
    started = performance.now();
    await archive.log.inclusionProof(leaf!.packageId, head.treeSize);
    proofMs.push(since(started));
  }
  started = performance.now();
  await archive.log.consistencyProof(Math.max(1, Math.floor(PACKAGES / 3)), head.treeSize);
  const consistencyMs = since(started);

  phase('blob-get');
  shown = progress('content blobs read by key', KEYED_READS);
  started = performance.now();
  await pool(KEYED_READS, CONCURRENCY, async (i) => {
    await blobs.get(contents[Math.floor((i * PACKAGES) / KEYED_READS)]!.sha256);
    shown.tick();
  });
  const getSeconds = since(started) / 1000;
  shown.done();

  phase('blob-scan');
  started = performance.now();
  let scanned = 0;
  for await (const blob of blobs.scan!()) {
    if (blob.actual !== blob.sha256) throw new Error(`blob ${blob.sha256} reads as ${blob.actual}`);
    scanned++;
  }
  const scanSeconds = since(started) / 1000;

  phase('audit');
  shown = progress('packages audited', PACKAGES);
  started = performance.now();
  let reported = 0;
  const report = await runFixityAudit(
    { c: archive.c, blobs, log: archive.log, publicKey: archive.config.logPublicKey },
    {
      auditId: 'bench',
      concurrency: CONCURRENCY,
      onProgress: (checked) => {
        shown.tick(checked - reported);
        reported = checked;
      },
    },
  );
  const auditSeconds = since(started) / 1000;
  shown.done();
  if (report.mismatchCount !== 0 || report.packagesChecked !== PACKAGES) throw new Error(`the audit found ${report.mismatchCount} mismatches in ${report.packagesChecked} packages`);

  const putRate = PACKAGES / putSeconds;
  const archiveRate = PACKAGES / archiveSeconds;
  const getRate = KEYED_READS / getSeconds;
  const scanRate = scanned / scanSeconds;
  const auditRate = PACKAGES / auditSeconds;
  return [
    { name: 'archive_packages_per_second', value: archiveRate, unit: 'packages/s', baseline: putRate, ratio: archiveRate / putRate },
    { name: 'archive_total', value: archiveSeconds, unit: 's' },
    { name: 'tree_head_first_sign', value: firstHeadMs, unit: 'ms' },
    { name: 'inclusion_proof_mean', value: proofMs.reduce((a, b) => a + b, 0) / proofMs.length, unit: 'ms' },
    { name: 'consistency_proof', value: consistencyMs, unit: 'ms' },
    { name: `fixity_audit_${PACKAGES}_packages`, value: auditSeconds, unit: 's' },
    { name: 'fixity_audit_packages_per_second', value: auditRate, unit: 'packages/s', baseline: scanRate, ratio: auditRate / scanRate },
    { name: 'blob_scan_per_second', value: scanRate, unit: 'blobs/s' },
    { name: 'blob_get_by_key_per_second', value: getRate, unit: 'blobs/s' },
    { name: 'fixity_audit_bytes_hashed', value: report.bytesHashed, unit: 'bytes' },
    { name: 'peak_rss', value: process.resourceUsage().maxRSS / 1024, unit: 'MiB' },
  ];
}

const round = (n: number) => Math.round(n * 1000) / 1000;

function print(figures: Figure[]): void {
  console.log(`\n(1) archive benchmark: ${PACKAGES} packages of ${CONTENT_BYTES} B content, concurrency ${CONCURRENCY}`);
  console.log('baselines: content blobs stored (put + SHA-256) per second, for archiving; blobs re-hashed in one pass over the store per second, for the audit');
  console.table(figures.map((f) => ({ figure: f.name, value: round(f.value), unit: f.unit, baseline: f.baseline === undefined ? '' : round(f.baseline), ratio: f.ratio === undefined ? '' : round(f.ratio) })));
  for (const f of figures) {
    console.log(JSON.stringify({ name: f.name, value: round(f.value), unit: f.unit, ...(f.baseline !== undefined && { baseline: round(f.baseline) }), ...(f.ratio !== undefined && { ratio: round(f.ratio) }) }));
  }
}

async function main(): Promise<void> {
  const env = loadConfig(baseEnvSchema, process.env);
  const suffix = randomUUID().replace(/-/g, '').slice(0, 8);
  if (PARTS.includes('archive')) await archivingBench(env.MONGO_URL, suffix);
  if (PARTS.includes('search') && SEARCH_PACKAGES > 0) {
    printFigures(`(2) package search at ${SEARCH_PACKAGES} packages, over HTTP (baseline: the old FerretDB search at ${BASELINE_AT}; target p99 < 100 ms)`, await searchBench(env.MONGO_URL, suffix));
  }
}

async function archivingBench(mongoUrl: string, suffix: string): Promise<void> {
  const database = `vanthu_bench_archive_${suffix}`;
  const blobDatabase = `vanthu_bench_archive_blobs_${suffix}`;
  // The service's connection settings, plus command monitoring when profiling.
  const connection = await mongoose.createConnection(mongoUrl, { dbName: database, serverSelectionTimeoutMS: 5_000, monitorCommands: PROFILE }).asPromise();
  const profile = PROFILE ? profileCommands(connection.getClient()) : undefined;
  const blobs = gridFsBlobStore(connection, blobDatabase);
  try {
    await ensureIndexes(archiveCollections(connection));
    const logKey = devLogKey();
    const archive = createArchive(connection, blobs, { logKey, logPublicKey: createPublicKey(logKey), fixityCron: '0 2 * * *' });
    const figures = await measure(archive, blobs, (name) => profile?.phase(name));
    profile?.print();
    print(figures);
  } finally {
    if (process.env.BENCH_KEEP !== '1') {
      await connection.getClient().db(blobDatabase).dropDatabase();
      await connection.dropDatabase();
    }
    await connection.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});

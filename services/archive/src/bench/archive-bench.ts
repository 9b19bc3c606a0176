#!/usr/bin/env node
import { createPublicKey, randomBytes, randomUUID } from 'node:crypto';
import { baseEnvSchema, connectMongo, createLogger, gridFsBlobStore, loadConfig, type ArchiveDocumentInput, type BlobRef, type BlobStore } from '@vanthu/shared';
import { createArchive, type Archive } from '../archive';
import { devLogKey } from '../config';
import { runFixityAudit } from '../fixity/run-audit';
import { archiveDocument } from '../packages/archive-document';
import { archiveCollections, ensureIndexes } from '../store/collections';

/**
 * Archiving throughput and the cost of a full fixity audit, on the real database, through the
 * same code the activities run (without Temporal's scheduling in between, which is measured
 * elsewhere). Prints a table, then one JSON object per figure.
 */
const PACKAGES = Number(process.env.BENCH_PACKAGES ?? 10_000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);
const CONTENT_BYTES = Number(process.env.BENCH_CONTENT_BYTES ?? 16 * 1024);

interface Figure {
  name: string;
  value: number;
  unit: string;
}

async function pool<T>(count: number, concurrency: number, work: (i: number) => Promise<T>): Promise<T[]> {
  const results: T[] = new Array(count);
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        const i = next++;
        results[i] = await work(i);
      }
    }),
  );
  return results;
}

async function input(blobs: BlobStore, i: number, shared: { certificate: BlobRef; crl: BlobRef }): Promise<ArchiveDocumentInput> {
  const content = await blobs.put(randomBytes(CONTENT_BYTES), 'application/pdf');
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

const seconds = (startedMs: number) => (performance.now() - startedMs) / 1000;

async function measure(archive: Archive, blobs: BlobStore): Promise<Figure[]> {
  const shared = {
    certificate: await blobs.put(Buffer.from('bench CA certificate'), 'application/pkix-cert'),
    crl: await blobs.put(Buffer.from('bench CA CRL'), 'application/pkix-crl'),
  };
  process.stderr.write(`storing the content of ${PACKAGES} documents (not timed)…\n`);
  const inputs = await pool(PACKAGES, CONCURRENCY, (i) => input(blobs, i, shared));

  process.stderr.write(`archiving ${PACKAGES} packages, ${CONCURRENCY} at a time…\n`);
  let started = performance.now();
  await pool(PACKAGES, CONCURRENCY, (i) => archiveDocument(archive, inputs[i]!));
  const archiveSeconds = seconds(started);

  started = performance.now();
  const head = await archive.log.currentTreeHead();
  const firstHeadMs = seconds(started) * 1000;
  const samples = 100;
  started = performance.now();
  for (let i = 0; i < samples; i++) {
    const pkg = await archive.c.leaves.findOne({ _id: Math.floor((i * PACKAGES) / samples) });
    await archive.log.inclusionProof(pkg!.packageId, head.treeSize);
  }
  const inclusionMs = (seconds(started) * 1000) / samples;
  started = performance.now();
  await archive.log.consistencyProof(Math.floor(PACKAGES / 3), head.treeSize);
  const consistencyMs = seconds(started) * 1000;

  process.stderr.write('running a full fixity audit…\n');
  started = performance.now();
  const report = await runFixityAudit({ c: archive.c, blobs, log: archive.log, publicKey: archive.config.logPublicKey }, { auditId: 'bench', concurrency: CONCURRENCY });
  const auditSeconds = seconds(started);
  if (report.mismatchCount !== 0 || report.packagesChecked !== PACKAGES) throw new Error(`the audit found ${report.mismatchCount} mismatches in ${report.packagesChecked} packages`);

  return [
    { name: 'archive_packages_per_second', value: round(PACKAGES / archiveSeconds), unit: 'packages/s' },
    { name: 'archive_total', value: round(archiveSeconds), unit: 's' },
    { name: 'tree_head_first_sign', value: round(firstHeadMs), unit: 'ms' },
    { name: 'inclusion_proof_mean', value: round(inclusionMs), unit: 'ms' },
    { name: 'consistency_proof', value: round(consistencyMs), unit: 'ms' },
    { name: `fixity_audit_${PACKAGES}_packages`, value: round(auditSeconds), unit: 's' },
    { name: 'fixity_audit_packages_per_second', value: round(PACKAGES / auditSeconds), unit: 'packages/s' },
    { name: 'fixity_audit_bytes_hashed', value: report.bytesHashed, unit: 'bytes' },
  ];
}

const round = (n: number) => Math.round(n * 100) / 100;

async function main(): Promise<void> {
  const env = loadConfig(baseEnvSchema, process.env);
  const suffix = randomUUID().replace(/-/g, '').slice(0, 8);
  const database = `vanthu_bench_archive_${suffix}`;
  const blobDatabase = `vanthu_bench_archive_blobs_${suffix}`;
  const connection = await connectMongo({ url: env.MONGO_URL, database, logger: createLogger({}, 'silent') });
  const blobs = gridFsBlobStore(connection, blobDatabase);
  try {
    await ensureIndexes(archiveCollections(connection));
    const logKey = devLogKey();
    const archive = createArchive(connection, blobs, { logKey, logPublicKey: createPublicKey(logKey), fixityCron: '0 2 * * *' });
    const figures = await measure(archive, blobs);
    console.log(`archive benchmark: ${PACKAGES} packages of ${CONTENT_BYTES} B content, concurrency ${CONCURRENCY}`);
    console.log('figure'.padEnd(40) + 'value'.padStart(14) + '  unit');
    for (const f of figures) console.log(f.name.padEnd(40) + String(f.value).padStart(14) + `  ${f.unit}`);
    for (const f of figures) console.log(JSON.stringify(f));
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

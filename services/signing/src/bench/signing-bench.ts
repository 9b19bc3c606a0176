#!/usr/bin/env node
import { execFileSync } from 'node:child_process';
import { createHash, generateKeyPairSync, randomBytes, randomUUID, sign, type KeyObject } from 'node:crypto';
import { availableParallelism, loadavg } from 'node:os';
import { Worker } from 'node:worker_threads';
import { PDFDocument } from 'pdf-lib';
import { buildCertificate, randomSerial } from '../pki/certificate-builder';
import type { CertificateDoc } from '../pki/certificate-records';
import { sealKey } from '../pki/sealed-key';
import { pooledSigner } from '../pool/pooled-signer';
import { SigningPool } from '../pool/signing-pool';
import { DocumentSigner } from '../signing/document-signer';

/**
 * Signing throughput against OpenSSL's raw RSA-2048 rate. Engine only: the service's own signing
 * path (DocumentSigner, the worker pool, the CMS and PDF code) without database writes or
 * timestamps. The machine may be shared, so OpenSSL and our figures are measured in alternation,
 * round after round, and each figure is the median of its rounds.
 */
const SECONDS = Number(process.env.BENCH_SECONDS ?? 2);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const TARGET = 0.8;

interface Figure {
  name: string;
  unit?: string;
  rounds: number[];
  /** The figure it is compared with, and the target ratio when there is one. */
  baseline?: string;
  target?: number;
}

function opensslSpeed(multi: number): number {
  // openssl takes whole seconds only.
  const args = ['speed', '-seconds', String(Math.max(1, Math.round(SECONDS))), ...(multi > 1 ? ['-multi', String(multi)] : []), 'rsa2048'];
  const out = execFileSync('openssl', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  const line = out.split('\n').find((l) => /^(\+F\S*:)?rsa\s+2048/.test(l) || /^rsa 2048 bits/.test(l));
  const m = line && /rsa\s+2048\s+bits\s+\S+\s+\S+\s+([\d.]+)/.exec(line);
  if (!m) throw new Error(`cannot read openssl speed output:\n${out}`);
  return Number(m[1]);
}

async function rate(concurrency: number, op: () => Promise<unknown>, seconds = SECONDS): Promise<number> {
  await op();
  const deadline = Date.now() + seconds * 1000;
  let done = 0;
  const start = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (Date.now() < deadline) {
        await op();
        done += 1;
      }
    }),
  );
  return done / (Number(process.hrtime.bigint() - start) / 1e9);
}

/** node:crypto on this thread, no hop: what Node's RSA costs against OpenSSL's own loop. */
function syncSignRate(key: KeyObject, data: Buffer): number {
  const deadline = Date.now() + SECONDS * 1000;
  let done = 0;
  const start = process.hrtime.bigint();
  while (Date.now() < deadline) {
    sign('sha256', data, key);
    done += 1;
  }
  return done / (Number(process.hrtime.bigint() - start) / 1e9);
}

/**
 * An empty message to a thread and back, in microseconds: the least any hand-off to the pool
 * costs. On a VM whose idle vCPUs halt, waking one is far dearer than the message itself.
 */
async function roundTrip(echo: Worker): Promise<number> {
  const deadline = Date.now() + Math.min(SECONDS, 1) * 1000;
  let done = 0;
  const start = process.hrtime.bigint();
  while (Date.now() < deadline) {
    await new Promise((resolve) => {
      echo.once('message', resolve);
      echo.postMessage(done);
    });
    done += 1;
  }
  return Number(process.hrtime.bigint() - start) / 1e3 / done;
}

async function onePdf(approxBytes: number): Promise<Buffer> {
  const doc = await PDFDocument.create();
  doc.addPage([595, 842]).drawText('Benchmark document', { x: 60, y: 760, size: 16 });
  await doc.attach(randomBytes(approxBytes), 'filler.bin', { mimeType: 'application/octet-stream' });
  return Buffer.from(await doc.save({ useObjectStreams: false }));
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
const pct = (r: number) => `${(r * 100).toFixed(0)}%`;
const round3 = (n: number) => Math.round(n * 1000) / 1000;

async function main(): Promise<void> {
  const cores = availableParallelism();
  // Two and four signatures in flight per thread: with four, each thread finds its next job
  // already queued while the event loop is still being woken to take the last result.
  const [moderate, deep] = [cores * 2, cores * 4];
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const now = new Date();
  const serial = randomSerial();
  const certificate = buildCertificate(
    { kind: 'person', subject: { commonName: 'Benchmark Signer', orgName: 'Bench' }, publicKey, notBefore: now, notAfter: new Date(now.getTime() + 86_400_000), selfKey: privateKey },
    serial,
  );
  // The key reaches the pool sealed, as the service's keys do; each thread opens it once.
  const kek = randomBytes(32);
  const pool = new SigningPool(kek);
  const material = { serial, sealed: sealKey(privateKey, kek, serial), certificate, chain: [certificate, certificate] };
  const authority = {
    now: () => new Date(),
    signer: async () => pooledSigner(pool, material, { commonName: 'Benchmark Signer', useId: randomUUID() }, async () => undefined),
  };
  const tsa = { stampSignature: () => Promise.reject(new Error('the benchmark makes no timestamps')) };
  const signer = new DocumentSigner(authority, tsa, pool);
  const doc = { _id: serial, commonName: 'Benchmark Signer' } as CertificateDoc;

  const content = Buffer.from('content of a document signed detached');
  const cms = () => signer.signDetached(content, { certificate: doc, actor: 'bench', timestamp: false });
  const pdf = await onePdf(1024 * 1024);
  const pades = () => signer.signPdf(pdf, { certificate: doc, actor: 'bench', reason: 'bench', timestamp: false });
  const digest = createHash('sha256').update(content).digest();

  // Every thread started and holding the key before anything is timed.
  await rate(deep, cms, 0.5);
  await rate(deep, pades, 0.5);

  const echo = new Worker("const { parentPort } = require('node:worker_threads'); parentPort.on('message', (m) => parentPort.postMessage(m));", { eval: true });
  const figures: Figure[] = [
    { name: 'openssl_speed_rsa2048_sign_1core', rounds: [] },
    { name: `openssl_speed_rsa2048_sign_${cores}cores`, rounds: [] },
    { name: 'node_crypto_rsa2048_sign_sync_1thread', rounds: [], baseline: 'openssl_speed_rsa2048_sign_1core' },
    { name: 'cms_sign_concurrency1', rounds: [], baseline: 'openssl_speed_rsa2048_sign_1core', target: TARGET },
    { name: `cms_sign_concurrency${moderate}`, rounds: [], baseline: `openssl_speed_rsa2048_sign_${cores}cores`, target: TARGET },
    { name: `cms_sign_concurrency${deep}`, rounds: [], baseline: `openssl_speed_rsa2048_sign_${cores}cores`, target: TARGET },
    { name: 'pades_sign_1MB_concurrency1', rounds: [], baseline: 'openssl_speed_rsa2048_sign_1core' },
    { name: `pades_sign_1MB_concurrency${deep}`, rounds: [], baseline: `openssl_speed_rsa2048_sign_${cores}cores` },
    { name: 'thread_round_trip_empty_message', unit: 'us', rounds: [] },
  ];
  const measure: Array<() => Promise<number> | number> = [
    () => opensslSpeed(1),
    () => opensslSpeed(cores),
    () => syncSignRate(privateKey, digest),
    () => rate(1, cms),
    () => rate(moderate, cms),
    () => rate(deep, cms),
    () => rate(1, pades),
    () => rate(deep, pades),
    () => roundTrip(echo),
  ];
  const loadBefore = loadavg()[0]!;
  for (let r = 0; r < ROUNDS; r += 1) {
    for (const [i, figure] of figures.entries()) figure.rounds.push(await measure[i]!());
  }
  const loadAfter = loadavg()[0]!;
  await pool.close();
  await echo.terminate();

  const byName = new Map(figures.map((f) => [f.name, f]));
  const rows = figures.map((f) => {
    const value = median(f.rounds);
    const base = f.baseline ? byName.get(f.baseline)! : undefined;
    const baseline = base && median(base.rounds);
    const ratio = baseline ? value / baseline : undefined;
    const paired = base ? f.rounds.map((v, i) => v / base.rounds[i]!) : [];
    return { ...f, value, baselineValue: baseline, ratio, paired };
  });

  console.log(
    `signing benchmark: ${cores} cores, pool of ${pool.size} threads, ${ROUNDS} rounds of ${SECONDS}s per figure, RSA-2048 SHA-256, ` +
      `PDF ${pdf.length} bytes, no timestamp; node ${process.versions.node}, OpenSSL ${process.versions.openssl}; load average ${loadBefore.toFixed(1)} -> ${loadAfter.toFixed(1)}`,
  );
  const head = ['figure (signatures/s unless marked)'.padEnd(40), 'median'.padStart(8), ...figures[0]!.rounds.map((_, i) => `round${i + 1}`.padStart(8)), 'vs openssl'.padStart(11), 'per round'.padStart(11), '  target'];
  console.log(head.join(' '));
  for (const row of rows) {
    const target = row.target === undefined ? '' : `  >=${pct(row.target)}: ${row.ratio! >= row.target ? 'MET' : 'NOT MET'}`;
    const spread = row.paired.length ? `${pct(Math.min(...row.paired))}-${pct(Math.max(...row.paired))}` : '';
    console.log(
      [
        `${row.name}${row.unit ? ` (${row.unit})` : ''}`.padEnd(40),
        row.value.toFixed(0).padStart(8),
        ...row.rounds.map((v) => v.toFixed(0).padStart(8)),
        (row.ratio === undefined ? '' : pct(row.ratio)).padStart(11),
        spread.padStart(11),
      ].join(' ') + target,
    );
  }
  for (const row of rows) {
    console.log(
      JSON.stringify({
        name: row.name,
        value: round3(row.value),
        unit: row.unit ?? 'signatures/s',
        rounds: row.rounds.map(round3),
        ...(row.baselineValue !== undefined && { baseline: round3(row.baselineValue), baseline_name: row.baseline, ratio: round3(row.ratio!) }),
        ...(row.target !== undefined && { target: row.target, met: row.ratio! >= row.target }),
      }),
    );
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

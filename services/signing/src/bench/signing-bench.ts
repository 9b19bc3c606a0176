#!/usr/bin/env node
import { execFileSync } from 'node:child_process';
import { createHash, generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { PDFDocument } from 'pdf-lib';
import { buildSignedData } from '../cms/signed-data';
import { embedSignature, preparePdfSignature } from '../pdf/incremental-signature';
import { signOnPool, type CmsSigner } from '../pki/authority';
import { buildCertificate, randomSerial } from '../pki/certificate-builder';

/**
 * Signing throughput against OpenSSL's raw RSA-2048 rate, measured in the same run. Engine only:
 * no database or timestamp, so the figure is what the CMS/PAdES code costs around the RSA operation.
 */
interface Figure {
  name: string;
  value: number;
  unit: string;
  baseline?: number;
  ratio?: number;
}

const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);

function opensslSpeed(multi: number): number {
  const args = ['speed', '-seconds', String(SECONDS), ...(multi > 1 ? ['-multi', String(multi)] : []), 'rsa2048'];
  const out = execFileSync('openssl', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  const line = out.split('\n').find((l) => /^(\+F\S*:)?rsa\s+2048/.test(l) || /^rsa 2048 bits/.test(l));
  const m = line && /rsa\s+2048\s+bits\s+\S+\s+\S+\s+([\d.]+)/.exec(line);
  if (!m) throw new Error(`cannot read openssl speed output:\n${out}`);
  return Number(m[1]);
}

async function rate(concurrency: number, op: () => Promise<unknown>): Promise<number> {
  await op();
  const deadline = Date.now() + SECONDS * 1000;
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
  const elapsed = Number(process.hrtime.bigint() - start) / 1e9;
  return done / elapsed;
}

async function onePdf(approxBytes: number): Promise<Buffer> {
  const doc = await PDFDocument.create();
  doc.addPage([595, 842]).drawText('Benchmark document', { x: 60, y: 760, size: 16 });
  await doc.attach(randomBytes(approxBytes), 'filler.bin', { mimeType: 'application/octet-stream' });
  return Buffer.from(await doc.save({ useObjectStreams: false }));
}

async function main(): Promise<void> {
  const cores = availableParallelism();
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const now = new Date();
  const certificate = buildCertificate(
    { kind: 'person', subject: { commonName: 'Benchmark Signer', orgName: 'Bench' }, publicKey, notBefore: now, notAfter: new Date(now.getTime() + 86_400_000), selfKey: privateKey },
    randomSerial(),
  );
  const signer: CmsSigner = { serial: 'bench', commonName: 'bench', certificate, chain: [certificate, certificate], useId: randomUUID(), sign: (d) => signOnPool(privateKey, d) };
  const digest = createHash('sha256').update('content').digest();
  const cms = () => buildSignedData(signer, { digest, signingTime: new Date() });
  const pdf = await onePdf(1024 * 1024);
  const pades = async () => {
    const prepared = await preparePdfSignature(pdf, { signerName: 'Benchmark Signer', reason: 'bench', signingTime: new Date() });
    return embedSignature(prepared, (await buildSignedData(signer, { digest: prepared.digest })).der);
  };

  const openssl1 = opensslSpeed(1);
  const opensslAll = opensslSpeed(cores);
  const raw1 = await rate(1, () => signOnPool(privateKey, digest));
  const cms1 = await rate(1, cms);
  const cmsAll = await rate(cores * 2, cms);
  const pades1 = await rate(1, pades);
  const padesAll = await rate(cores * 2, pades);

  const figures: Figure[] = [
    { name: 'openssl_speed_rsa2048_sign_1core', value: openssl1, unit: 'signatures/s' },
    { name: `openssl_speed_rsa2048_sign_${cores}cores`, value: opensslAll, unit: 'signatures/s' },
    { name: 'node_crypto_rsa2048_sign_concurrency1', value: raw1, unit: 'signatures/s', baseline: openssl1, ratio: raw1 / openssl1 },
    { name: 'cms_sign_concurrency1', value: cms1, unit: 'signatures/s', baseline: openssl1, ratio: cms1 / openssl1 },
    { name: `cms_sign_concurrency${cores * 2}`, value: cmsAll, unit: 'signatures/s', baseline: opensslAll, ratio: cmsAll / opensslAll },
    { name: 'pades_sign_1MB_concurrency1', value: pades1, unit: 'signatures/s', baseline: openssl1, ratio: pades1 / openssl1 },
    { name: `pades_sign_1MB_concurrency${cores * 2}`, value: padesAll, unit: 'signatures/s', baseline: opensslAll, ratio: padesAll / opensslAll },
  ];

  console.log(`signing benchmark: ${cores} cores, ${SECONDS}s per figure, RSA-2048 SHA-256, PDF ${pdf.length} bytes, no timestamp`);
  console.log(`${'figure'.padEnd(40)} ${'value'.padStart(10)}  ${'unit'.padEnd(13)} ${'vs openssl'.padStart(10)}`);
  for (const f of figures) {
    console.log(`${f.name.padEnd(40)} ${f.value.toFixed(1).padStart(10)}  ${f.unit.padEnd(13)} ${f.ratio === undefined ? '' : `${(f.ratio * 100).toFixed(0)}%`.padStart(10)}`);
  }
  for (const f of figures) {
    const round = (n: number) => Math.round(n * 1000) / 1000;
    console.log(JSON.stringify({ name: f.name, value: round(f.value), unit: f.unit, ...(f.baseline !== undefined && { baseline: round(f.baseline), ratio: round(f.ratio!) }) }));
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

import { generateKeyPairSync, randomBytes, randomUUID, type KeyObject } from 'node:crypto';
import { PDFDocument } from 'pdf-lib';
import { DocumentKey } from '@vanthu/shared';
import { buildCertificate, randomSerial } from '../pki/certificate-builder';
import type { CertificateDoc } from '../pki/certificate-records';
import { KeyRing, type KeyMaterial } from '../pki/key-ring';
import { sealKey } from '../pki/sealed-key';
import { BytePool } from '../pool/byte-pool';
import { DocumentSigner } from '../signing/document-signer';

/** What every benchmarked process gets: a sealed key, as the service's keys rest, and the documents. */
export interface BenchSetup {
  kek: Buffer;
  material: KeyMaterial;
  content: Buffer;
  pdf: Buffer;
}

async function onePdf(approxBytes: number): Promise<Buffer> {
  const doc = await PDFDocument.create();
  doc.addPage([595, 842]).drawText('Benchmark document', { x: 60, y: 760, size: 16 });
  await doc.attach(randomBytes(approxBytes), 'filler.bin', { mimeType: 'application/octet-stream' });
  return Buffer.from(await doc.save({ useObjectStreams: false }));
}

export async function benchSetup(pdfBytes: number): Promise<BenchSetup & { privateKey: KeyObject }> {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const now = new Date();
  const serial = randomSerial();
  const certificate = buildCertificate(
    { kind: 'person', subject: { commonName: 'Benchmark Signer', orgName: 'Bench' }, publicKey, notBefore: now, notAfter: new Date(now.getTime() + 86_400_000), selfKey: privateKey },
    serial,
  );
  const kek = randomBytes(32);
  return {
    privateKey,
    kek,
    material: { serial, sealed: sealKey(privateKey, kek, serial), certificate, chain: [certificate, certificate] },
    content: Buffer.from('content of a document signed detached'),
    pdf: await onePdf(pdfBytes),
  };
}

/**
 * The service's signing path in this process: `DocumentSigner` with a `KeyRing` that opens the
 * sealed key here and signs on this thread, and the byte pool for the PDF. Only the database is
 * left out: `Authority.signer` is this plus reading the chain once and recording each key use.
 */
export function benchSigner(setup: BenchSetup) {
  const ring = new KeyRing(setup.kek);
  const pool = new BytePool();
  const authority = {
    now: () => new Date(),
    signer: (doc: CertificateDoc) => ring.signer(doc._id, async () => setup.material, { commonName: doc.commonName, useId: randomUUID() }, async () => undefined),
  };
  const tsa = { stampSignature: () => Promise.reject(new Error('the benchmark makes no timestamps')) };
  const signer = new DocumentSigner(authority, tsa, pool);
  const certificate = { _id: setup.material.serial, commonName: 'Benchmark Signer' } as CertificateDoc;
  const pades = (pdf: Buffer) => signer.signPdf(pdf, { certificate, actor: 'bench', reason: 'bench', timestamp: false });
  // A secret document as the activity handles one: open the stored JWE, sign, seal the result.
  const documentKey = DocumentKey.generate('bench');
  let sealedPdf: Buffer | undefined;
  return {
    pool,
    cms: () => signer.signDetached(setup.content, { certificate, actor: 'bench', timestamp: false }),
    pades: () => pades(setup.pdf),
    padesSealed: async () => {
      sealedPdf ??= await documentKey.sealBytes(setup.pdf);
      return documentKey.sealBytes((await pades(await documentKey.openBytes(sealedPdf))).pdf);
    },
  };
}

export type BenchOp = 'cms' | 'pades';

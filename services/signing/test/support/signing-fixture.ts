import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes, randomUUID } from 'node:crypto';
import type { Connection } from 'mongoose';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { baseEnvSchema, connectMongo, createLogger, gridFsBlobStore, loadConfig } from '@vanthu/shared';
import { loadSigningConfig } from '../../src/config';
import { createSigningModule, prepareSigning, type SigningModule } from '../../src/signing/signing-module';

export const uniqueName = (prefix: string) => `${prefix}_${randomUUID().replace(/-/g, '').slice(0, 12)}`;

export interface SigningFixture {
  module: SigningModule;
  connection: Connection;
  dir: string;
  file(name: string, data: Buffer | string): string;
  close(): Promise<void>;
}

/** A signing module on a database of its own, with the demo PKI enrolled, and a scratch directory. */
export async function openSigningFixture(now?: () => Date): Promise<SigningFixture> {
  const database = uniqueName('vanthu_it_signing');
  const blobDatabase = `${database}_blobs`;
  const connection = await connectMongo({ url: loadConfig(baseEnvSchema, process.env).MONGO_URL, database, logger: createLogger({}, 'silent') });
  const module = createSigningModule(connection, gridFsBlobStore(connection, blobDatabase), loadSigningConfig({ NODE_ENV: 'test' }), now);
  await prepareSigning(module);
  const dir = mkdtempSync(join(tmpdir(), 'vanthu-signing-'));
  return {
    module,
    connection,
    dir,
    file: (name, data) => {
      const path = join(dir, name);
      writeFileSync(path, data);
      return path;
    },
    close: async () => {
      await module.pool.close();
      rmSync(dir, { recursive: true, force: true });
      await connection.getClient().db(blobDatabase).dropDatabase();
      await connection.getClient().db(database).dropDatabase();
      await connection.close();
    },
  };
}

/** A PDF of `pages` pages, padded with incompressible filler towards `approxBytes` when given. */
export async function makePdf(title: string, options: { objectStreams?: boolean; approxBytes?: number; incompressible?: boolean } = {}): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const page = doc.addPage([595, 842]);
  page.drawText(title, { x: 60, y: 760, size: 16, font });
  if (options.approxBytes) {
    // The repeating filler compresses to almost nothing; random bytes keep the file as large as asked.
    const filler = options.incompressible ? randomBytes(options.approxBytes) : Buffer.from(Array.from({ length: options.approxBytes }, (_, i) => (i * 7919) % 251));
    doc.attach(filler, 'filler.bin', { mimeType: 'application/octet-stream' });
  }
  return Buffer.from(await doc.save({ useObjectStreams: options.objectStreams ?? false }));
}

export function run(command: string, args: string[]): { status: number; output: string } {
  const result = spawnSync(command, args, { encoding: 'utf8' });
  return { status: result.status ?? -1, output: `${result.stdout}${result.stderr}` };
}

/**
 * An NSS database (what pdfsig reads trust from) holding `rootDer` as a trusted CA, so pdfsig
 * checks our chains instead of calling the issuer unknown. Returns the -nssdir argument. Trust is
 * "C,C,", not "C,,": poppler verifies signers for NSS's email-signer usage, which reads the second
 * (S/MIME) trust field; with SSL trust alone pdfsig answers "Certificate issuer isn't Trusted."
 */
export function nssTrustStore(dir: string, rootDer: Buffer): string {
  const db = join(dir, 'nssdb');
  mkdirSync(db);
  const nssdir = `sql:${db}`;
  const root = join(dir, 'root.crt');
  writeFileSync(root, rootDer);
  execFileSync('certutil', ['-N', '-d', nssdir, '--empty-password']);
  execFileSync('certutil', ['-A', '-d', nssdir, '-n', 'vanthu-root', '-t', 'C,C,', '-i', root]);
  return nssdir;
}

export const derToPem = (der: Buffer, dir: string, name: string) => {
  const input = join(dir, `${name}.der`);
  writeFileSync(input, der);
  const output = join(dir, `${name}.pem`);
  execFileSync('openssl', ['x509', '-inform', 'der', '-in', input, '-out', output]);
  return output;
};

import { randomBytes, randomUUID } from 'node:crypto';
import type { Connection } from 'mongoose';
import {
  baseEnvSchema,
  connectMongo,
  createLogger,
  gridFsBlobStore,
  loadConfig,
  type ArchiveDocumentInput,
  type BlobStore,
} from '@vanthu/shared';
import { createArchive, type Archive } from '../../src/archive';
import { loadArchiveConfig } from '../../src/config';
import { archiveCollections, ensureIndexes } from '../../src/store/collections';

export const integrationEnv = () => loadConfig(baseEnvSchema, process.env);
export const uniqueName = (prefix: string) => `${prefix}_${randomUUID().replace(/-/g, '').slice(0, 12)}`;

export interface ArchiveTestEnv {
  connection: Connection;
  blobs: BlobStore;
  archive: Archive;
  database: string;
  blobDatabase: string;
  close(): Promise<void>;
}

export interface ArchiveEnvOptions {
  /** Variables the archive's config is loaded from (none by default: development settings). */
  config?: NodeJS.ProcessEnv;
}

/** A fresh archive database and blob database of the test's own, on the real server. */
export async function openArchiveEnv(options: ArchiveEnvOptions = {}): Promise<ArchiveTestEnv> {
  const database = uniqueName('vanthu_it_archive');
  const blobDatabase = uniqueName('vanthu_it_archive_blobs');
  const connection = await connectMongo({ url: integrationEnv().MONGO_URL, database, logger: createLogger({}, 'silent') });
  const blobs = gridFsBlobStore(connection, blobDatabase);
  await ensureIndexes(archiveCollections(connection));
  const archive = createArchive(connection, blobs, loadArchiveConfig(options.config ?? {}));
  return {
    connection,
    blobs,
    archive,
    database,
    blobDatabase,
    async close() {
      await connection.getClient().db(blobDatabase).dropDatabase();
      await connection.dropDatabase();
      await connection.close();
    },
  };
}

let sequence = 0;

/** What the lifecycle workflow hands over at the end of a document's life, with real blobs. */
export async function sampleInput(blobs: BlobStore, overrides: { subject?: string; type?: ArchiveDocumentInput['metadata']['type']; issuedAt?: string; issuerCode?: string } = {}): Promise<ArchiveDocumentInput> {
  sequence += 1;
  const content = await blobs.put(Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(2048)]), 'application/pdf');
  const attachment = await blobs.put(randomBytes(1024), 'application/pdf');
  const detached = await blobs.put(randomBytes(600), 'application/pkcs7-signature');
  // Certificates and CRLs are shared by many documents, as the signing CA's are.
  const certificate = await blobs.put(Buffer.from('the issuing CA certificate (DER)'), 'application/pkix-cert');
  const crl = await blobs.put(Buffer.from('the CA revocation list of the day (DER)'), 'application/pkix-crl');
  const summary = { signatureId: `sig-${sequence}`, certificateSerial: '0A1B', signerName: 'Nguyễn Văn A', signedAt: '2026-11-23T14:05:09+07:00', timestamped: true };
  const documentId = `doc-${randomUUID()}`;
  return {
    workflowId: `document-${documentId}`,
    metadata: {
      documentId,
      type: overrides.type ?? 'NQ',
      number: sequence,
      notation: `${sequence}-NQ/TU`,
      issuedAt: overrides.issuedAt ?? '2026-11-23T14:05:09+07:00',
      issuerCode: overrides.issuerCode ?? 'TU-HN',
      issuerName: 'Thành ủy Hà Nội',
      subject: overrides.subject ?? `Nghị quyết về chuyển đổi số số ${sequence}`,
      language: 'vi',
      pageCount: 3,
      signer: { fullName: 'Nguyễn Văn A', position: 'Bí thư', authority: 'T/M' },
      recipients: ['QU-BD', 'QU-HK'],
      urgency: 'normal',
      secrecy: 'none',
      copies: 2,
      finalStatus: 'distributed',
    },
    content,
    attachments: [{ attachment, signature: detached, summary }],
    signatures: [summary],
    validation: {
      valid: true,
      signatures: [{ signerName: 'Nguyễn Văn A', chainTrusted: true, validAtSigningTime: true, revoked: false, timestamped: true, intact: true, coversWholeDocument: true, problems: [] }],
    },
    validationMaterial: { certificates: [certificate], crls: [crl] },
    history: [
      { seq: 1, at: '2026-11-20T09:00:00+07:00', action: 'register', status: 'registered', actor: 'clerk-1' },
      { seq: 2, at: '2026-11-23T14:05:09+07:00', action: 'sign', status: 'issued', actor: 'leader-1' },
    ],
  };
}

import { randomBytes } from 'node:crypto';
import { DocumentKey, putSealed, type ArchiveDocumentInput, type BlobStore, type KeyRing, type Secrecy } from '@vanthu/shared';
import { sampleInput } from './archive-env';

export interface SealedDocument {
  input: ArchiveDocumentInput;
  key: DocumentKey;
  subject: string;
  note: string;
  pdf: Buffer;
}

/**
 * A secret document as the lifecycle hands it over: its PDF and attachment sealed in the blob
 * store, subject and note sealed, the data key wrapped for the issuer. `marker` is in every clear
 * text and file, so a test can look for it where only ciphertext may be.
 */
export async function sealedInput(blobs: BlobStore, keys: KeyRing, marker: string, secrecy: Secrecy = 'toi-mat', issuerCode = 'BS-TU'): Promise<SealedDocument> {
  const base = await sampleInput(blobs, { issuerCode });
  const { documentId } = base.metadata;
  const key = DocumentKey.generate(documentId);
  const subject = `Về phương án bảo vệ mục tiêu ${marker}`;
  const note = `Chỉ đạo: giữ kín ${marker}`;
  const pdf = Buffer.concat([Buffer.from(`%PDF-1.7\n% ${marker}\n`), randomBytes(1024), Buffer.from('\n%%EOF\n')]);
  const content = await putSealed(blobs, key, pdf, 'application/pdf');
  const attachment = await putSealed(blobs, key, Buffer.from(`Phụ lục ${marker}`), 'text/plain');
  const input: ArchiveDocumentInput = {
    ...base,
    metadata: { ...base.metadata, secrecy, subject: await key.seal(subject) },
    content,
    attachments: [{ ...base.attachments[0]!, attachment }],
    history: [...base.history, { seq: 3, at: '2026-11-24T08:00:00+07:00', action: 'process', status: 'processed', actor: 'clerk-1', note: await key.seal(note) }],
    sealing: await key.sealingFor(keys, issuerCode),
  };
  return { input, key, subject, note, pdf };
}

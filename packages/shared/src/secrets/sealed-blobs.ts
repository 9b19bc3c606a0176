import type { BlobRef, BlobStore } from '../blobs/blob-store';
import type { DocumentKey } from './document-key';

/**
 * A secret document's files in the one blob store: the stored bytes are the JWE, addressed by
 * the SHA-256 of the ciphertext. Equal files sealed twice are two blobs that reveal nothing of
 * each other, and fixity, the scan and the archive's Merkle log work on what is stored.
 * `sealed: true` tells a reader to open the bytes with the document's key; `contentType` stays
 * the type of the clear file.
 */
export async function putSealed(blobs: BlobStore, key: DocumentKey, data: Uint8Array, contentType: string): Promise<BlobRef> {
  const stored = await blobs.put(await key.sealBytes(data), contentType);
  return { ...stored, sealed: true };
}

/** The clear bytes of a blob: opened with `key` when the reference says it is sealed. */
export async function getOpened(blobs: BlobStore, ref: Pick<BlobRef, 'sha256' | 'sealed'>, key: DocumentKey | undefined): Promise<Buffer> {
  const data = await blobs.get(ref.sha256);
  if (!ref.sealed) return data;
  if (!key) throw new Error(`blob ${ref.sha256} is sealed and no document key was given`);
  return key.openBytes(data);
}

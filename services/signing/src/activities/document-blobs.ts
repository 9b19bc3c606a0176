import { DocumentKey, isSealed, kekIdOf, putSealed, type BlobRef, type BlobStore, type KeyRing, type Sealing } from '@vanthu/shared';
import { refusals } from '../errors';

/**
 * The blobs of one document as one activity reads and writes them. For a secret document the key
 * is opened once per activity, what is read is opened in memory, and everything written that
 * derives from the content (signed PDF, detached signatures, which carry the clear file's digest)
 * is sealed under the same key, so the store never holds a clear byte of it. Without a sealing,
 * the store as it always was. Nothing here logs, and no refusal names more than the blob's address.
 */
export interface DocumentBlobs {
  readonly sealed: boolean;
  read(ref: BlobRef, field: string): Promise<Buffer>;
  write(data: Buffer, contentType: string): Promise<BlobRef>;
  /**
   * What the key-use record names as the signed document: for a secret one the stored blob's
   * SHA-256 (as intake, the workflow and the authorisation name it) rather than a digest of the
   * clear content, which would let anyone holding the records compare secret documents.
   */
  recordedSha256(ref: BlobRef): string | undefined;
}

export interface DocumentBlobsRequest {
  documentId?: string;
  sealing?: Sealing;
  /** Every input reference, checked before anything is read. */
  refs: Array<{ ref: BlobRef; field: string }>;
}

export async function documentBlobs(blobs: BlobStore, keys: () => KeyRing, request: DocumentBlobsRequest): Promise<DocumentBlobs> {
  if (!request.sealing) {
    const sealedRef = request.refs.find(({ ref }) => ref.sealed);
    if (sealedRef) throw refusals.sealedWithoutKey(sealedRef.ref.sha256, sealedRef.field);
    return clearBlobs(blobs);
  }
  if (!request.documentId) throw refusals.invalid('validation-failed', 'A sealing needs the documentId whose key it wraps.', 'documentId');
  return sealedBlobs(blobs, await openKey(keys(), request.documentId, request.sealing));
}

function clearBlobs(blobs: BlobStore): DocumentBlobs {
  return {
    sealed: false,
    read: async (ref, field) => {
      const data = await blobs.get(ref.sha256);
      // A reference that lost its `sealed` flag on the way: refuse rather than sign or parse ciphertext.
      if (looksSealed(data)) throw refusals.sealedWithoutKey(ref.sha256, field);
      return data;
    },
    write: (data, contentType) => blobs.put(data, contentType),
    recordedSha256: () => undefined,
  };
}

function sealedBlobs(blobs: BlobStore, key: DocumentKey): DocumentBlobs {
  return {
    sealed: true,
    read: async (ref, field) => {
      // getOpened's two steps apart: a store failure stays what it was (retryable), and only a
      // blob the key does not open is refused. A clear blob of a secret document reads as it is.
      const data = await blobs.get(ref.sha256);
      if (!ref.sealed) return data;
      try {
        return await key.openBytes(data);
      } catch {
        throw refusals.sealedUnreadable(`blob ${ref.sha256} does not open with the key of document ${key.documentId}`, field);
      }
    },
    write: (data, contentType) => putSealed(blobs, key, data, contentType),
    recordedSha256: (ref) => ref.sha256,
  };
}

async function openKey(ring: KeyRing, documentId: string, sealing: Sealing): Promise<DocumentKey> {
  let kid: string | undefined;
  try {
    kid = kekIdOf(sealing.wrappedKey);
  } catch {
    kid = undefined;
  }
  // A key-encryption key this process lacks is its configuration's fault, not the document's:
  // worth a retry once an operator has added it (or on a worker that has it).
  if (kid && ring.key(kid) === undefined) throw refusals.kekMissing(kid);
  try {
    return await DocumentKey.open(ring, documentId, sealing);
  } catch {
    throw refusals.sealedUnreadable(`the sealing does not open the key of document ${documentId}`, 'sealing');
  }
}

/** A whole compact JWE with a `dir` header, as sealBytes writes one (`eyJ` is the base64url of `{"`, so anything else is passed over at once). */
const looksSealed = (data: Buffer) => data.length > 3 && data[0] === 0x65 && data[1] === 0x79 && data[2] === 0x4a && isSealed(data.toString('latin1'));

/**
 * Content is stored once, addressed by its SHA-256, and only references travel through Temporal
 * and Kafka. This interface is all a service sees, so GridFS can give way to S3 (or anything with
 * put/get by key) without touching a service.
 */
export interface BlobRef {
  /** Lower-case hex SHA-256 of the bytes: the blob's address. */
  sha256: string;
  size: number;
  contentType: string;
  /**
   * The stored bytes are a JWE sealed with a secret document's key (secrets/sealed-blobs.ts):
   * `sha256` and `size` are the ciphertext's, `contentType` the clear file's.
   */
  sealed?: boolean;
}

/** A blob as a full pass over the store read it. */
export interface ScannedBlob {
  sha256: string;
  /** Bytes read. */
  size: number;
  /** The SHA-256 of the bytes as read (the address when intact), or why they could not be read whole. */
  actual: string;
}

export interface BlobStore {
  /** Stores the bytes unless a blob with the same hash exists; either way returns its reference. */
  put(data: Buffer, contentType: string): Promise<BlobRef>;
  /** The bytes, verified against the address: a mismatch throws BlobIntegrityError. */
  get(sha256: string): Promise<Buffer>;
  stat(sha256: string): Promise<BlobRef | undefined>;
  /**
   * Optional: every stored blob, read in one pass and re-hashed, in no particular order. For a
   * check of everything (the archive's fixity audit) where a read by key is not cheap: our
   * database reads the collection to answer one (docs/archive.md, "Why every read is by a string _id").
   */
  scan?(): AsyncIterable<ScannedBlob>;
  ping(): Promise<void>;
}

export class BlobNotFoundError extends Error {
  constructor(readonly sha256: string) {
    super(`no blob with sha256 ${sha256}`);
    this.name = 'BlobNotFoundError';
  }
}

/** Stored bytes no longer hash to their address: the content was altered or damaged at rest. */
export class BlobIntegrityError extends Error {
  constructor(
    readonly sha256: string,
    readonly actual: string,
  ) {
    super(`blob ${sha256} is damaged: its bytes hash to ${actual}`);
    this.name = 'BlobIntegrityError';
  }
}

export const SHA256_HEX = /^[0-9a-f]{64}$/;

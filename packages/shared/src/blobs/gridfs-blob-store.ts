import { createHash } from 'node:crypto';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import mongoose, { type Connection } from 'mongoose';
import { isDuplicateKeyError } from '../mongo/connection';
import { BlobIntegrityError, BlobNotFoundError, SHA256_HEX, type BlobRef, type BlobStore } from './blob-store';

// Through mongoose's own driver, so there is one MongoDB driver version in the process.
const { GridFSBucket } = mongoose.mongo;
type Db = mongoose.mongo.Db;

const BUCKET = 'blobs';

interface FileDoc {
  _id: unknown;
  filename: string;
  length: number;
  metadata?: { contentType?: string };
}

export const sha256Hex = (data: Buffer) => createHash('sha256').update(data).digest('hex');

/**
 * GridFS in a database of its own. The file name is the hash, with a unique index on it, so two
 * concurrent puts of the same bytes leave one file: the loser's chunks are removed.
 */
export class GridFsBlobStore implements BlobStore {
  private readonly bucket: mongoose.mongo.GridFSBucket;
  private indexed?: Promise<unknown>;

  constructor(private readonly db: Db) {
    this.bucket = new GridFSBucket(db, { bucketName: BUCKET });
  }

  private files() {
    return this.db.collection<FileDoc>(`${BUCKET}.files`);
  }

  private ensureIndexes(): Promise<unknown> {
    this.indexed ??= Promise.all([
      this.files().createIndex({ filename: 1 }, { unique: true, name: 'sha256_unique' }),
      this.db.collection(`${BUCKET}.chunks`).createIndex({ files_id: 1, n: 1 }, { unique: true }),
    ]);
    return this.indexed;
  }

  async put(data: Buffer, contentType: string): Promise<BlobRef> {
    await this.ensureIndexes();
    const sha256 = sha256Hex(data);
    const ref: BlobRef = { sha256, size: data.length, contentType };
    if (await this.stat(sha256)) return ref;
    const upload = this.bucket.openUploadStream(sha256, { metadata: { contentType } });
    try {
      await pipeline(Readable.from([data]), upload);
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
      // Someone stored the same bytes first; our chunks have no file document, so drop them.
      await this.db.collection(`${BUCKET}.chunks`).deleteMany({ files_id: upload.id });
    }
    return ref;
  }

  async get(sha256: string): Promise<Buffer> {
    if (!SHA256_HEX.test(sha256)) throw new BlobNotFoundError(sha256);
    const file = await this.files().findOne({ filename: sha256 });
    if (!file) throw new BlobNotFoundError(sha256);
    const parts: Buffer[] = [];
    for await (const chunk of this.bucket.openDownloadStream(file._id as never)) parts.push(chunk as Buffer);
    const data = Buffer.concat(parts);
    const actual = sha256Hex(data);
    if (actual !== sha256) throw new BlobIntegrityError(sha256, actual);
    return data;
  }

  async stat(sha256: string): Promise<BlobRef | undefined> {
    if (!SHA256_HEX.test(sha256)) return undefined;
    const file = await this.files().findOne({ filename: sha256 });
    if (!file) return undefined;
    return { sha256, size: file.length, contentType: file.metadata?.contentType ?? 'application/octet-stream' };
  }

  async ping(): Promise<void> {
    await this.db.command({ ping: 1 });
  }
}

/** The blob store on the service's own MongoDB client, in the shared blob database. */
export function gridFsBlobStore(connection: Connection, database: string): BlobStore {
  return new GridFsBlobStore(connection.getClient().db(database));
}

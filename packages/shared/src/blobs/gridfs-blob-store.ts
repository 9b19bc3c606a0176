import { createHash } from 'node:crypto';
import mongoose, { type Connection } from 'mongoose';
import { isDuplicateKeyError } from '../mongo/connection';
import { BlobIntegrityError, BlobNotFoundError, SHA256_HEX, type BlobRef, type BlobStore, type ScannedBlob } from './blob-store';

type Db = mongoose.mongo.Db;

const BUCKET = 'blobs';
/** GridFS's default chunk size. */
const CHUNK_SIZE = 255 * 1024;

interface FileDoc {
  _id: string;
  length: number;
  chunkSize: number;
  uploadDate: Date;
  filename: string;
  metadata: { contentType: string };
}

interface ChunkDoc {
  _id: string;
  files_id: string;
  n: number;
  data: mongoose.mongo.Binary | Buffer;
}

export const sha256Hex = (data: Buffer) => createHash('sha256').update(data).digest('hex');

/**
 * Blobs in GridFS's layout (`blobs.files`, `blobs.chunks` with files_id, n, data), so GridFS
 * tools read them, but keyed by the content itself: the file's `_id` is the SHA-256 and a
 * chunk's `_id` is `<sha256>:<n>`. Our database answers only `_id` lookups without scanning a
 * collection (docs/local-stack.md), and the driver's GridFS reader finds chunks by files_id —
 * so we read and write the layout ourselves, by `_id`.
 *
 * Chunks are written before the file document, and a blob exists once its file document does.
 * Two puts of the same bytes write the same documents under the same ids: whichever insert
 * comes second fails with a duplicate key and changes nothing, and no chunk is ever orphaned.
 */
export class GridFsBlobStore implements BlobStore {
  private indexed?: Promise<unknown>;

  constructor(private readonly db: Db) {}

  private files() {
    return this.db.collection<FileDoc>(`${BUCKET}.files`);
  }

  private chunks() {
    return this.db.collection<ChunkDoc>(`${BUCKET}.chunks`);
  }

  private ensureIndexes(): Promise<unknown> {
    // The index GridFS readers expect; unique, as the GridFS specification asks.
    this.indexed ??= this.chunks().createIndex({ files_id: 1, n: 1 }, { unique: true });
    return this.indexed;
  }

  async put(data: Buffer, contentType: string): Promise<BlobRef> {
    const sha256 = sha256Hex(data);
    const ref: BlobRef = { sha256, size: data.length, contentType };
    if (await this.files().findOne({ _id: sha256 }, { projection: { _id: 1 } })) return ref;
    await this.ensureIndexes();
    const count = Math.max(1, Math.ceil(data.length / CHUNK_SIZE));
    const chunks: ChunkDoc[] = Array.from({ length: count }, (_, n) => ({
      _id: `${sha256}:${n}`,
      files_id: sha256,
      n,
      data: data.subarray(n * CHUNK_SIZE, (n + 1) * CHUNK_SIZE),
    }));
    await ignoreDuplicates(this.chunks().insertMany(chunks, { ordered: false }));
    await ignoreDuplicates(
      this.files().insertOne({ _id: sha256, length: data.length, chunkSize: CHUNK_SIZE, uploadDate: new Date(), filename: sha256, metadata: { contentType } }),
    );
    return ref;
  }

  async get(sha256: string): Promise<Buffer> {
    if (!SHA256_HEX.test(sha256)) throw new BlobNotFoundError(sha256);
    const file = await this.files().findOne({ _id: sha256 });
    if (!file) throw new BlobNotFoundError(sha256);
    const count = Math.max(1, Math.ceil(file.length / file.chunkSize));
    const parts = await Promise.all(
      Array.from({ length: count }, async (_, n) => {
        const chunk = await this.chunks().findOne({ _id: `${sha256}:${n}` });
        if (!chunk) throw new BlobIntegrityError(sha256, `(chunk ${n} is missing)`);
        return chunkBytes(chunk);
      }),
    );
    const data = Buffer.concat(parts);
    const actual = sha256Hex(data);
    if (actual !== sha256) throw new BlobIntegrityError(sha256, actual);
    return data;
  }

  async stat(sha256: string): Promise<BlobRef | undefined> {
    if (!SHA256_HEX.test(sha256)) return undefined;
    const file = await this.files().findOne({ _id: sha256 });
    if (!file) return undefined;
    return { sha256, size: file.length, contentType: file.metadata?.contentType ?? 'application/octet-stream' };
  }

  /**
   * One pass over the file documents, one over the chunks (unsorted, so both stream), each blob
   * hashed as its last chunk arrives; a put's chunks are written together, so few wait. A blob is
   * its file document: chunks without one (a put under way) are passed over, as `get` would.
   */
  async *scan(): AsyncIterable<ScannedBlob> {
    const files = new Map<string, { length: number; count: number }>();
    for await (const file of this.files().find({}, { projection: { length: 1, chunkSize: 1 } })) {
      files.set(file._id, { length: file.length, count: Math.max(1, Math.ceil(file.length / file.chunkSize)) });
    }
    const pending = new Map<string, Map<number, Buffer>>();
    for await (const chunk of this.chunks().find({})) {
      const file = files.get(chunk.files_id);
      if (!file || chunk.n >= file.count) continue;
      const parts = pending.get(chunk.files_id) ?? new Map<number, Buffer>();
      parts.set(chunk.n, chunkBytes(chunk));
      if (parts.size < file.count) {
        pending.set(chunk.files_id, parts);
        continue;
      }
      pending.delete(chunk.files_id);
      files.delete(chunk.files_id);
      const data = Buffer.concat(Array.from({ length: file.count }, (_, n) => parts.get(n)!));
      yield { sha256: chunk.files_id, size: data.length, actual: sha256Hex(data) };
    }
    for (const [sha256, file] of files) {
      const parts = pending.get(sha256);
      const missing = Array.from({ length: file.count }, (_, n) => n).find((n) => !parts?.has(n));
      yield { sha256, size: 0, actual: `(chunk ${missing} is missing)` };
    }
  }

  async ping(): Promise<void> {
    await this.db.command({ ping: 1 });
  }
}

const chunkBytes = (chunk: ChunkDoc) => Buffer.from(chunk.data instanceof mongoose.mongo.Binary ? chunk.data.buffer : chunk.data);

async function ignoreDuplicates(write: Promise<unknown>): Promise<void> {
  try {
    await write;
  } catch (error) {
    // insertMany reports a batch whose every failure is a duplicate key with code 11000 too.
    const failures = (error as { writeErrors?: Array<{ code?: number }> }).writeErrors;
    if (isDuplicateKeyError(error) && (!failures || failures.every((f) => f.code === 11000))) return;
    throw error;
  }
}

/** The blob store on the service's own MongoDB client, in the shared blob database. */
export function gridFsBlobStore(connection: Connection, database: string): BlobStore {
  return new GridFsBlobStore(connection.getClient().db(database));
}

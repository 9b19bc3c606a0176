import type { Connection } from 'mongoose';
import { randomBytes } from 'node:crypto';
import { BlobIntegrityError, BlobNotFoundError, connectMongo, createLogger, gridFsBlobStore, sha256Hex, type BlobStore } from '../../src';
import { integrationEnv, uniqueName } from '../support/integration-env';

describe('the content-addressed blob store on GridFS (real server)', () => {
  let connection: Connection;
  let blobs: BlobStore;
  const database = uniqueName('vanthu_it_blobs');

  beforeAll(async () => {
    connection = await connectMongo({ url: integrationEnv().MONGO_URL, database: 'vanthu_it', logger: createLogger({}, 'silent') });
    blobs = gridFsBlobStore(connection, database);
  });

  afterAll(async () => {
    await connection.getClient().db(database).dropDatabase();
    await connection.close();
  });

  it('stores bytes under their SHA-256 and gives them back intact', async () => {
    const data = randomBytes(600 * 1024);
    const ref = await blobs.put(data, 'application/pdf');
    expect(ref).toEqual({ sha256: sha256Hex(data), size: data.length, contentType: 'application/pdf' });
    expect((await blobs.get(ref.sha256)).equals(data)).toBe(true);
    expect(await blobs.stat(ref.sha256)).toEqual(ref);
  });

  it('stores the same bytes once, even when 20 puts race', async () => {
    const data = randomBytes(300 * 1024);
    const refs = await Promise.all(Array.from({ length: 20 }, () => blobs.put(data, 'application/octet-stream')));
    expect(new Set(refs.map((r) => r.sha256)).size).toBe(1);
    const files = await connection.getClient().db(database).collection('blobs.files').countDocuments({ filename: sha256Hex(data) });
    expect(files).toBe(1);
    const chunks = await connection.getClient().db(database).collection('blobs.chunks').countDocuments();
    const fileIds = await connection.getClient().db(database).collection('blobs.files').distinct('_id');
    const orphans = await connection.getClient().db(database).collection('blobs.chunks').countDocuments({ files_id: { $nin: fileIds } });
    expect(chunks).toBeGreaterThan(0);
    expect(orphans).toBe(0);
  });

  it('refuses to return bytes altered at rest', async () => {
    const data = Buffer.from('Nghị quyết số 15-NQ/TU, bản gốc');
    const ref = await blobs.put(data, 'text/plain');
    const db = connection.getClient().db(database);
    await db.collection('blobs.chunks').updateOne({ files_id: ref.sha256, n: 0 }, { $set: { data: Buffer.from('Nghị quyết số 16-NQ/TU, bản sửa') } });
    await expect(blobs.get(ref.sha256)).rejects.toBeInstanceOf(BlobIntegrityError);
  });

  it('says plainly when a blob does not exist', async () => {
    await expect(blobs.get('0'.repeat(64))).rejects.toBeInstanceOf(BlobNotFoundError);
    await expect(blobs.get('not-a-hash')).rejects.toBeInstanceOf(BlobNotFoundError);
    expect(await blobs.stat('0'.repeat(64))).toBeUndefined();
  });
});

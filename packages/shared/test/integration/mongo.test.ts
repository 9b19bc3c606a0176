import type { Connection } from 'mongoose';
import { Schema } from 'mongoose';
import { connectMongo, createLogger, isDuplicateKeyError, pingMongo } from '../../src';
import { integrationEnv, uniqueName } from '../support/integration-env';

describe('MongoDB (real server)', () => {
  let connection: Connection;

  beforeAll(async () => {
    connection = await connectMongo({
      url: integrationEnv().MONGO_URL,
      database: uniqueName('vanthu_it'),
      logger: createLogger({ test: 'mongo' }, 'silent'),
    });
  });

  afterAll(async () => {
    await connection.dropDatabase();
    await connection.close();
  });

  it('answers a ping', async () => {
    await expect(pingMongo(connection)).resolves.toBeUndefined();
  });

  it('writes a document and reads it back', async () => {
    const Note = connection.model('Note', new Schema({ subject: String, pages: Number, issuedAt: Date }));
    const issuedAt = new Date('2026-11-23T09:00:00+07:00');
    const { _id } = await Note.create({ subject: 'Nghị quyết về chuyển đổi số', pages: 4, issuedAt });
    const read = await Note.findById(_id).lean();
    expect(read).toMatchObject({ subject: 'Nghị quyết về chuyển đổi số', pages: 4, issuedAt });
  });

  it('lets a unique index decide a race: of 50 concurrent inserts of one key, exactly one wins', async () => {
    const Claim = connection.model('Claim', new Schema({ key: { type: String, unique: true }, by: Number }));
    await Claim.init();
    const outcomes = await Promise.allSettled(Array.from({ length: 50 }, (_, by) => Claim.create({ key: '15-NQ/TU', by })));
    const won = outcomes.filter((o) => o.status === 'fulfilled');
    const lost = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(49);
    expect(lost.every((o) => isDuplicateKeyError(o.reason))).toBe(true);
    expect(await Claim.countDocuments({ key: '15-NQ/TU' })).toBe(1);
  });
});

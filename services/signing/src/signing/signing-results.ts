import { Schema, type Connection, type Model } from 'mongoose';
import { isDuplicateKeyError } from '@vanthu/shared';

interface ResultDoc {
  _id: string;
  result: unknown;
  createdAt: Date;
}

const schema = new Schema<ResultDoc>(
  { _id: { type: String, required: true }, result: { type: Schema.Types.Mixed, required: true }, createdAt: { type: Date, required: true } },
  { versionKey: false, minimize: false },
);

/**
 * Activity results by step (document, step, input hash). Temporal retries an activity whose
 * result it did not hear; the retry returns the stored result instead of a second signature.
 * When two attempts race, the unique _id keeps the first, and both return it.
 */
export class SigningResults {
  constructor(private readonly connection: Connection) {}

  private get model(): Model<ResultDoc> {
    return (this.connection.models.signing_results as Model<ResultDoc> | undefined) ?? this.connection.model<ResultDoc>('signing_results', schema, 'signing_results');
  }

  async ensureIndexes(): Promise<void> {
    await this.model.createIndexes();
  }

  async find<T>(key: string): Promise<T | undefined> {
    const doc = await this.model.findById(key).lean<ResultDoc>().exec();
    return doc ? (doc.result as T) : undefined;
  }

  async once<T>(key: string, make: () => Promise<T>): Promise<T> {
    const existing = await this.find<T>(key);
    if (existing !== undefined) return existing;
    const result = await make();
    try {
      await this.model.create({ _id: key, result, createdAt: new Date() });
      return result;
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
      const winner = await this.find<T>(key);
      if (winner === undefined) throw error;
      return winner;
    }
  }
}

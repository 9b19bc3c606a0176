import mongoose, { type Connection } from 'mongoose';
import type { Logger } from '../logging/logger';

export interface MongoOptions {
  url: string;
  database: string;
  logger: Logger;
  /** Fail fast at start rather than hang: the supervisor restarts us, and readiness says why. */
  serverSelectionTimeoutMS?: number;
}

/**
 * A connection of the service's own to its own database. Each service owns one database and
 * never reads another's; content blobs go through the blob store instead.
 */
export async function connectMongo(options: MongoOptions): Promise<Connection> {
  const connection = mongoose.createConnection(options.url, {
    dbName: options.database,
    serverSelectionTimeoutMS: options.serverSelectionTimeoutMS ?? 5_000,
    // Indexes are the one thing our database enforces atomically; build them before serving.
    autoIndex: true,
    autoCreate: true,
  });
  connection.on('disconnected', () => options.logger.warn({ database: options.database }, 'mongodb disconnected'));
  connection.on('reconnected', () => options.logger.info({ database: options.database }, 'mongodb reconnected'));
  await connection.asPromise();
  return connection;
}

export async function pingMongo(connection: Connection): Promise<void> {
  const db = connection.db;
  if (!db) throw new Error('mongodb connection is not open');
  await db.command({ ping: 1 });
}

/** MongoDB's duplicate-key error: the signal that a unique index decided a race. */
export function isDuplicateKeyError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 11000;
}

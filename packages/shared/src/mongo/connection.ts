import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import mongoose, { type Connection } from 'mongoose';
import type { Logger } from '../logging/logger';
import { profileCommands } from './command-profile';

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
    monitorCommands: Boolean(process.env.MONGO_COMMAND_PROFILE),
  });
  if (process.env.MONGO_COMMAND_PROFILE) writeCommandProfile(connection, options.database, process.env.MONGO_COMMAND_PROFILE);
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

/**
 * For benchmarks (`BENCH_PROFILE=1`): the commands this process sends, counted by shape, written
 * every second to `<dir>/<database>-<pid>.json`, so the bench can tell what each phase cost.
 */
function writeCommandProfile(connection: Connection, database: string, dir: string): void {
  const profile = profileCommands(connection.getClient());
  profile.phase(database);
  const file = join(dir, `${database}-${process.pid}.json`);
  setInterval(() => writeFileSync(file, JSON.stringify(profile.totals())), 1_000).unref();
}

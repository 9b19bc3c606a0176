import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import mongoose, { type ConnectOptions, type Connection } from 'mongoose';
import type { Logger } from '../logging/logger';
import { profileCommands } from './command-profile';

export interface MongoOptions {
  url: string;
  database: string;
  logger: Logger;
  /** Fail fast at start rather than hang: the supervisor restarts us, and readiness says why. */
  serverSelectionTimeoutMS?: number;
  /** Bounds a TCP connect and, separately, each monitor check (the driver's default is 30 s). */
  connectTimeoutMS?: number;
}

const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;

/** The driver options connectMongo opens with; apart so they can be checked without a server. */
export function mongoConnectOptions(options: MongoOptions): ConnectOptions {
  return {
    dbName: options.database,
    serverSelectionTimeoutMS: options.serverSelectionTimeoutMS ?? 5_000,
    connectTimeoutMS: options.connectTimeoutMS ?? DEFAULT_CONNECT_TIMEOUT_MS,
    // Indexes are the one thing our database enforces atomically; build them before serving.
    autoIndex: true,
    autoCreate: true,
    monitorCommands: Boolean(process.env.MONGO_COMMAND_PROFILE),
  };
}

/**
 * Past this, a server check that has neither succeeded nor failed can only be stuck. The driver
 * bounds a check by connectTimeoutMS for the TCP connect plus connectTimeoutMS for the hello; a
 * streaming check (a real mongod) by connectTimeoutMS plus heartbeatFrequencyMS (10 s, as we
 * leave it).
 */
export function monitorStallAfterMs(connectTimeoutMS: number): number {
  return 2 * connectTimeoutMS + 5_000;
}

/**
 * Server checks in flight, by server address. A check that never ends is how the driver wedges
 * (mongodb 6.20, polling monitor, which FerretDB gets since its hello carries no
 * topologyVersion): when the server closes the monitor's socket, the socket is destroyed a
 * moment before its 'close' event, and a check started in that moment writes to the destroyed
 * socket and waits for a 'drain' that never comes. The monitor then never checks again, the
 * server stays Unknown, and every operation fails server selection for as long as the process
 * lives, though the server is back. No option reaches that wait: it is not a read, so neither
 * connectTimeoutMS nor socketTimeoutMS applies, and the monitor runs no operation timeout.
 */
export class MonitorCheckWatch {
  private readonly inFlight = new Map<string, number>();

  constructor(private readonly stallAfterMs: number) {}

  started(address: string, at: number): void {
    this.inFlight.set(address, at);
  }

  ended(address: string): void {
    this.inFlight.delete(address);
  }

  /** Addresses whose current check has run longer than any check can legitimately take. */
  stalled(now: number): string[] {
    return [...this.inFlight].filter(([, at]) => now - at > this.stallAfterMs).map(([address]) => address);
  }

  clear(): void {
    this.inFlight.clear();
  }
}

/**
 * Watches the client's server checks and, when one is stuck, closes and reopens the client. The
 * same MongoClient object is reconnected, so every Db and Collection handed out (ours and
 * mongoose's) keeps working: they resolve the client's topology per operation.
 */
function watchMonitorChecks(connection: Connection, options: MongoOptions, connectTimeoutMS: number): void {
  const client = connection.getClient();
  const stallAfterMs = monitorStallAfterMs(connectTimeoutMS);
  const watch = new MonitorCheckWatch(stallAfterMs);
  client.on('serverHeartbeatStarted', (event) => watch.started(event.connectionId, Date.now()));
  client.on('serverHeartbeatSucceeded', (event) => watch.ended(event.connectionId));
  client.on('serverHeartbeatFailed', (event) => watch.ended(event.connectionId));
  let reopening = false;
  // Set once we found a stuck check, cleared when the reopened client has connected: a reopen that
  // fails (the server still down) leaves the client closed, with no checks left to watch.
  let mustReopen = false;
  let closed = false;
  connection.on('close', () => {
    closed = true;
    clearInterval(timer);
  });
  const timer = setInterval(() => {
    if (closed || reopening) return;
    const stalled = watch.stalled(Date.now());
    if (stalled.length > 0) {
      options.logger.error(
        { database: options.database, servers: stalled, stallAfterMs },
        'mongodb server check stuck; reopening the client',
      );
      mustReopen = true;
    }
    if (!mustReopen) return;
    reopening = true;
    watch.clear();
    void (async () => {
      try {
        await client.close();
        if (closed) return;
        await client.connect();
        mustReopen = false;
        options.logger.info({ database: options.database }, 'mongodb client reopened');
      } catch (error) {
        options.logger.error({ database: options.database, err: error }, 'mongodb client reopen failed; retrying');
      } finally {
        reopening = false;
      }
    })();
  }, Math.min(5_000, stallAfterMs));
  timer.unref();
}

/**
 * A connection of the service's own to its own database. Each service owns one database and
 * never reads another's; content blobs go through the blob store instead.
 */
export async function connectMongo(options: MongoOptions): Promise<Connection> {
  const connectOptions = mongoConnectOptions(options);
  const connection = mongoose.createConnection(options.url, connectOptions);
  if (process.env.MONGO_COMMAND_PROFILE) writeCommandProfile(connection, options.database, process.env.MONGO_COMMAND_PROFILE);
  connection.on('disconnected', () => options.logger.warn({ database: options.database }, 'mongodb disconnected'));
  connection.on('reconnected', () => options.logger.info({ database: options.database }, 'mongodb reconnected'));
  watchMonitorChecks(connection, options, connectOptions.connectTimeoutMS ?? DEFAULT_CONNECT_TIMEOUT_MS);
  try {
    await connection.asPromise();
  } catch (error) {
    // Nothing of a failed connect may linger (its pool, its watchdog): the caller may try again.
    await connection.close().catch(() => undefined);
    throw error;
  }
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

import type { Connection as MongoConnection } from 'mongoose';
import type { Client, Connection as TemporalConnection } from '@temporalio/client';
import type { ServiceConfig } from '../config/service';
import { gridFsBlobStore, type BlobStore } from '../blobs';
import type { ReadinessCheck } from '../http/health';
import { createMessageBus, type MessageBus } from '../kafka';
import type { Logger } from '../logging/logger';
import { connectMongo, pingMongo } from '../mongo/connection';
import { connectTemporalClient, pingTemporal } from '../temporal/client';
import { KeyRing } from '../secrets/key-ring';
import type { Lifecycle } from './lifecycle';
import { retryStartupStep } from './startup-retry';

/** What a service process holds open: its own database, the bus, and a Temporal client. */
export interface ServiceContext {
  config: ServiceConfig;
  logger: Logger;
  mongo: MongoConnection;
  /** Content by SHA-256, in the blob database (not the service's own). */
  blobs: BlobStore;
  /** Key-encryption keys for secret documents (VANTHU_KEKS); see secrets/key-ring.ts. */
  keys: KeyRing;
  bus: MessageBus;
  temporal: Client;
  temporalConnection: TemporalConnection;
  readiness: ReadinessCheck[];
}

export async function openServiceContext(
  config: ServiceConfig,
  logger: Logger,
  lifecycle: Lifecycle,
): Promise<ServiceContext> {
  const retrying = <T>(what: string, attempt: () => Promise<T>) => retryStartupStep(what, attempt, { logger, deadlineMs: config.STARTUP_TIMEOUT_MS });
  const mongo = await retrying('connecting to mongodb', () => connectMongo({ url: config.MONGO_URL, database: config.MONGO_DATABASE, logger }));
  lifecycle.onStop('mongodb', () => {
    // A disconnect we asked for is not worth a warning.
    mongo.removeAllListeners('disconnected');
    return mongo.close();
  });

  const blobs = gridFsBlobStore(mongo, config.BLOB_DATABASE);
  const keys = KeyRing.fromEnv();

  const bus = createMessageBus({
    brokers: config.KAFKA_BROKERS,
    clientId: `vanthu-${config.service}-${config.role}`,
    logger,
  });
  lifecycle.onStop('kafka', () => bus.close());

  const temporal = await retrying('connecting to temporal', () =>
    connectTemporalClient({
      address: config.TEMPORAL_ADDRESS,
      namespace: config.TEMPORAL_NAMESPACE,
      keys,
    }),
  );
  lifecycle.onStop('temporal client', () => temporal.close());

  const readiness: ReadinessCheck[] = [
    { name: 'mongodb', check: () => pingMongo(mongo) },
    { name: 'kafka', check: () => bus.ping() },
    { name: 'temporal', check: () => pingTemporal(temporal.connection, config.TEMPORAL_NAMESPACE) },
  ];

  return {
    config,
    logger,
    mongo,
    blobs,
    keys,
    bus,
    temporal: temporal.client,
    temporalConnection: temporal.connection,
    readiness,
  };
}

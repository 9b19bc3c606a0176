import { Client, Connection } from '@temporalio/client';
import type { KeyRing } from '../secrets/key-ring';
import { temporalDataConverter } from './codec';

export interface TemporalClientOptions {
  address: string;
  namespace: string;
  /** The codec's keys; from VANTHU_KEKS unless given. */
  keys?: KeyRing;
}

export interface TemporalClientHandle {
  client: Client;
  connection: Connection;
  close: () => Promise<void>;
}

export async function connectTemporalClient(options: TemporalClientOptions): Promise<TemporalClientHandle> {
  const connection = await Connection.connect({ address: options.address, connectTimeout: 5_000 });
  const client = new Client({ connection, namespace: options.namespace, dataConverter: temporalDataConverter(options.keys) });
  return { client, connection, close: () => connection.close() };
}

/** Readiness: the frontend answers and our namespace exists. */
export async function pingTemporal(connection: Connection, namespace: string): Promise<void> {
  await connection.workflowService.describeNamespace({ namespace });
}

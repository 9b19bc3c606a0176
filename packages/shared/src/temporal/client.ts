import { Client, Connection } from '@temporalio/client';

export interface TemporalClientOptions {
  address: string;
  namespace: string;
}

export interface TemporalClientHandle {
  client: Client;
  connection: Connection;
  close: () => Promise<void>;
}

export async function connectTemporalClient(options: TemporalClientOptions): Promise<TemporalClientHandle> {
  const connection = await Connection.connect({ address: options.address, connectTimeout: 5_000 });
  const client = new Client({ connection, namespace: options.namespace });
  return { client, connection, close: () => connection.close() };
}

/** Readiness: the frontend answers and our namespace exists. */
export async function pingTemporal(connection: Connection, namespace: string): Promise<void> {
  await connection.workflowService.describeNamespace({ namespace });
}

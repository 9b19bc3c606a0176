import { Client, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { baseEnvSchema, ensureNamespace, ensureSearchAttributes, loadConfig, temporalDataConverter } from '@vanthu/shared';

/**
 * The namespace the history recorders run in, on the real Temporal server. Task queues are per
 * namespace, so no service's worker answers here: only each recorder's fakes.
 */
export const REPLAY_NAMESPACE = 'vanthu-replay';

export interface ReplayNamespace {
  client: Client;
  nativeConnection: NativeConnection;
  close(): Promise<void>;
}

export async function openReplayNamespace(): Promise<ReplayNamespace> {
  const address = loadConfig(baseEnvSchema).TEMPORAL_ADDRESS;
  const connection = await Connection.connect({ address });
  await ensureNamespace(connection, REPLAY_NAMESPACE, 1);
  await ensureSearchAttributes(connection, REPLAY_NAMESPACE);
  const nativeConnection = await NativeConnection.connect({ address });
  return {
    client: new Client({ connection, namespace: REPLAY_NAMESPACE, dataConverter: temporalDataConverter() }),
    nativeConnection,
    async close() {
      await nativeConnection.close();
      await connection.close();
    },
  };
}

import type { Client } from '@temporalio/client';

/** The Temporal client the API starts and talks to the archive's workflows with. */
export interface TemporalAccess {
  client: Client;
  taskQueue: string;
}
